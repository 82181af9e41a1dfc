// Which languages the console speaks and how a request picks one (a cookie; the URL carries no locale).

export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
export const LOCALE_COOKIE = "console-lang";

export function asLocale(value: string | undefined | null): Locale {
  return value === "en" ? "en" : DEFAULT_LOCALE;
}

/** The language of the request being served, or the default outside one (a script, a test). */
export async function currentLocale(): Promise<Locale> {
  try {
    const { cookies } = await import("next/headers");
    return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  } catch {
    return DEFAULT_LOCALE;
  }
}
