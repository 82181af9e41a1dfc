"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, asLocale } from "@/lib/i18n/locale";

/** A display preference kept in a cookie; it changes nothing on the server, so it is not audited. */
export async function setLocale(value: string): Promise<void> {
  (await cookies()).set(LOCALE_COOKIE, asLocale(value), { path: "/", maxAge: 365 * 24 * 3600, sameSite: "lax" });
}
