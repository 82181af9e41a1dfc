import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { MESSAGES } from "@/lib/i18n/catalog";
import { LOCALE_COOKIE, asLocale } from "@/lib/i18n/locale";
import { TIME_ZONE } from "@/lib/time";

// No locale routing: the language is a display preference kept in a cookie (app/actions/locale.ts).
export default getRequestConfig(async () => {
  const locale = asLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return {
    locale,
    messages: MESSAGES[locale],
    timeZone: TIME_ZONE,
    formats: {
      dateTime: {
        // 2026/11/21 08:15:00 in zh-CN; h23 because hour12:false renders midnight as 24 in some locales.
        full: { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
        day: { year: "numeric", month: "2-digit", day: "2-digit" },
        time: { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" },
      },
    },
  };
});
