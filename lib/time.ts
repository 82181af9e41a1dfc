import { tz, TZDate } from "@date-fns/tz";
import { addDays, addMonths, endOfMonth, format, isValid, parse, startOfDay, startOfMonth } from "date-fns";

// Every Asia/Shanghai conversion the console, the CLI and the bridge make lives here, so that a
// day, a month or a typed time means the same wherever the server runs. Days are "yyyy-MM-dd",
// months "yyyy-MM", both in Asia/Shanghai; instants are Dates.

/** DingTalk's and the console's time zone, whatever zone the server runs in. */
export const TIME_ZONE = "Asia/Shanghai";

const inShanghai = tz(TIME_ZONE);
const at = (instant: Date | number) => new TZDate(typeof instant === "number" ? instant : instant.getTime(), TIME_ZONE);

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

const DAY_MS = 86_400_000;
/** Shanghai has kept +08:00 all year since its last daylight saving time ended (1991-09-15). */
const FIXED_OFFSET_SINCE = Date.UTC(1992, 0, 1);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Shanghai day `instant` falls in, `offsetDays` later: "2026-11-21". */
export function shanghaiDay(instant: Date | number, offsetDays = 0): string {
  const ms = typeof instant === "number" ? instant : instant.getTime();
  // The fixed offset for today's instants: the zone rules cost microseconds a call, and reports convert tens of thousands.
  if (ms >= FIXED_OFFSET_SINCE && Number.isFinite(ms)) return new Date(ms + SHANGHAI_OFFSET_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
  return format(addDays(at(instant), offsetDays), "yyyy-MM-dd");
}

/** The Shanghai month `instant` falls in: "2026-11". */
export function shanghaiMonth(instant: Date | number): string {
  return format(at(instant), "yyyy-MM");
}

/** UTC midnight of a "yyyy-MM-dd" (setUTCFullYear: Date.UTC reads years below 100 as 19xx). */
function utcMidnight(day: string): number {
  const d = new Date(0);
  d.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return d.getTime();
}

/** A "yyyy-MM-dd" that names a real day, or null. */
export function parseDay(value: string | undefined | null): string | null {
  if (!value || !DAY.test(value)) return null;
  // A day that does not exist (2026-02-30) comes back as another day.
  return new Date(utcMidnight(value)).toISOString().slice(0, 10) === value ? value : null;
}

/** A "yyyy-MM" that names a real month, or null. */
export function parseMonth(value: string | undefined | null): string | null {
  if (!value || !MONTH.test(value)) return null;
  return isValid(parse(value, "yyyy-MM", new Date(0))) ? value : null;
}

function dayAt(day: string): TZDate {
  if (!parseDay(day)) throw new RangeError(`a day must look like 2026-11-21, got ${JSON.stringify(day)}`);
  return parse(day, "yyyy-MM-dd", new Date(0), { in: inShanghai });
}

/** The instant a Shanghai day starts (its 00:00). */
export function dayStart(day: string): Date {
  const midnight = calendarMs(day);
  return new Date(midnight >= FIXED_OFFSET_SINCE ? midnight - SHANGHAI_OFFSET_MS : dayAt(day).getTime());
}

/** A Shanghai day as [start, end): end is the next day's start. */
export function dayRange(day: string): { start: Date; end: Date } {
  const start = dayAt(day);
  return { start: new Date(start.getTime()), end: new Date(addDays(start, 1).getTime()) };
}

/** A day as a UTC midnight: counting calendar days needs no time zone. */
function calendarMs(day: string): number {
  if (!parseDay(day)) throw new RangeError(`a day must look like 2026-11-21, got ${JSON.stringify(day)}`);
  return utcMidnight(day);
}

/** The day `n` days after `day` (n may be negative). */
export function addDaysTo(day: string, n: number): string {
  return new Date(calendarMs(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((calendarMs(to) - calendarMs(from)) / DAY_MS);
}

/** A Shanghai month as [start, end): end is the next month's start. */
export function monthRange(month: string): { start: Date; end: Date } {
  if (!parseMonth(month)) throw new RangeError(`a month must look like 2026-11, got ${JSON.stringify(month)}`);
  const start = startOfMonth(parse(month, "yyyy-MM", new Date(0), { in: inShanghai }));
  return { start: new Date(start.getTime()), end: new Date(addMonths(start, 1).getTime()) };
}

/** First and last day of the Shanghai month `instant` falls in. */
export function monthDays(instant: Date | number): { from: string; to: string } {
  const now = at(instant);
  return { from: format(startOfMonth(now), "yyyy-MM-dd"), to: format(endOfMonth(now), "yyyy-MM-dd") };
}

/** The instant the Shanghai day of `instant` started. */
export function startOfShanghaiDay(instant: Date | number): Date {
  return new Date(startOfDay(at(instant)).getTime());
}

/** "yyyyMMdd" of a day, as DingTalk's old API writes dates: a Date is read in Shanghai. */
export function compactDay(day: Date | string): string {
  return (day instanceof Date ? shanghaiDay(day) : day).replace(/-/g, "");
}

/** ISO 8601 in Shanghai, as DingTalk's calendar writes it: 2026-03-02T09:00:00+08:00. */
export function shanghaiIso(instant: Date | number): string {
  return format(at(instant), "yyyy-MM-dd'T'HH:mm:ssXXX");
}

/** "yyyy-MM-dd HH:mm:ss.SSS+08:00", sortable text with the offset spelled out (audit exports). */
export function shanghaiStamp(instant: Date | number): string {
  return format(at(instant), "yyyy-MM-dd HH:mm:ss.SSSXXX");
}

/** `yyyy-MM-ddTHH:mm` in Shanghai, for datetime-local inputs. */
export function toShanghaiInput(instant: Date | number): string {
  return format(at(instant), "yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local value ("2026-11-21T08:15") or a day ("2026-11-21", its start) read as Shanghai time; null when not a real time. */
export function fromShanghaiInput(value: string): Date | null {
  const v = value.trim();
  const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v) ? "yyyy-MM-dd'T'HH:mm" : DAY.test(v) ? "yyyy-MM-dd" : null;
  if (!pattern) return null;
  const parsed = parse(v, pattern, new Date(0), { in: inShanghai });
  // parse() rolls nothing over, but check the text round-trips so 2026-02-30 is refused.
  return isValid(parsed) && format(parsed, pattern) === v ? new Date(parsed.getTime()) : null;
}

/**
 * A moment typed by a person, as ms since the epoch: digits are ms, "yyyy-MM-dd" is that
 * day's start in Shanghai, an ISO 8601 date-time is read as Shanghai time unless it names
 * an offset (Z, +08:00, -0500). Undefined when it is none of these.
 */
export function parseInstant(value: string): number | undefined {
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  if (DAY.test(v)) return parseDay(v) ? dayStart(v).getTime() : undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (!m || !parseDay(m[1])) return undefined;
  const [, day, hh, mm, ss = "00", frac = "", zone] = m;
  if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return undefined;
  const offset = zone === undefined ? "+08:00" : zone.toUpperCase() === "Z" ? "Z" : zone.includes(":") ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${day}T${hh}:${mm}:${ss}${frac}${offset}`);
  return Number.isNaN(ms) ? undefined : ms;
}
