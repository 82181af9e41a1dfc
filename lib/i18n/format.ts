import type { Locale } from "./locale";

// The console shows every time in China Standard Time, whatever the server's zone.
export const TIME_ZONE = "Asia/Shanghai";

export function formatDateTime(value: Date | number | string, locale: Locale): string {
  const date = value instanceof Date ? value : new Date(value);
  return new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    // h23, not hour12:false, which some locales render as "24:30".
    hourCycle: "h23",
  }).format(date);
}

/** `yyyy-MM-ddTHH:mm` in Asia/Shanghai, for datetime-local inputs. */
export function toShanghaiInput(date: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "00";
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}`;
}

/** A datetime-local value read as Asia/Shanghai time (UTC+8, no daylight saving). */
export function fromShanghaiInput(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00"] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h) - 8, Number(mi)));
  return Number.isNaN(date.getTime()) ? null : date;
}
