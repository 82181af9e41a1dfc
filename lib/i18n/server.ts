import { cookies } from "next/headers";
import { LOCALE_COOKIE, asLocale, translator, type Locale, type Translate } from "./messages";

export async function getLocale(): Promise<Locale> {
  return asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
}

export async function getT(): Promise<{ t: Translate; locale: Locale }> {
  const locale = await getLocale();
  return { t: translator(locale), locale };
}
