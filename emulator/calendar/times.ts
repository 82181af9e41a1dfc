import { apiErrors } from "../http/errors";

/** An event's start or end as DingTalk sends it: a moment (`dateTime`, with `timeZone`) or an all-day `date`. */
export interface EventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

export const DEFAULT_TIME_ZONE = "Asia/Shanghai";
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function checkTimeZone(timeZone: string, field: string): string {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    throw apiErrors.invalidParam(`${field}.timeZone "${timeZone}" 不是有效的 IANA 时区（例如 Asia/Shanghai）`);
  }
}

/** How far a zone is ahead of UTC at an instant, in ms. */
function zoneOffset(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** A wall-clock time in a zone → epoch ms (checked twice so a daylight-saving change lands right). */
export function zonedToEpoch(local: string, timeZone: string): number {
  const guess = Date.parse(`${local}Z`);
  const first = guess - zoneOffset(guess, timeZone);
  return guess - zoneOffset(first, timeZone);
}

/** The wall clock of `ms` in a zone, as a Date whose UTC fields are that clock's. */
export function wallClock(ms: number, timeZone: string): Date {
  return new Date(ms + zoneOffset(ms, timeZone));
}

/** A UTC-fields Date (or its ms) as a local ISO time without offset: 2026-03-02T10:00:00. */
export function localIso(wall: number): string {
  return new Date(wall).toISOString().slice(0, 19);
}

/** An instant as ISO 8601 in a zone with its offset: 2026-03-02T10:00:00+08:00. */
export function zonedIso(ms: number, timeZone: string): string {
  const offset = Math.round(zoneOffset(ms, timeZone) / 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return `${localIso(ms + offset * 60_000)}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** The instant an event time stands for; an all-day date starts at midnight in its zone. */
export function instantOf(time: EventTime, field: string): number {
  const timeZone = checkTimeZone(time.timeZone ?? DEFAULT_TIME_ZONE, field);
  if (time.date !== undefined) {
    if (!DATE.test(time.date) || Number.isNaN(Date.parse(time.date))) throw apiErrors.invalidParam(`${field}.date 应为 yyyy-MM-dd，收到 "${time.date}"`);
    return zonedToEpoch(`${time.date}T00:00:00`, timeZone);
  }
  if (time.dateTime !== undefined) {
    const value = time.dateTime;
    if (WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
    if (LOCAL.test(value) && !Number.isNaN(Date.parse(`${value}Z`))) return zonedToEpoch(value, timeZone);
    throw apiErrors.invalidParam(`${field}.dateTime 应为 ISO 8601 时间（如 2026-03-02T10:00:00+08:00），收到 "${value}"`);
  }
  throw apiErrors.invalidParam(`${field} 需要 dateTime 或 date 之一`);
}

/** An instant as ISO 8601 in Shanghai time, the way DingTalk writes createTime and updateTime. */
export function shanghaiIso(ms: number): string {
  return `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

/** A query-string or body instant (`timeMin`, `startTime`, …): ISO 8601 with an offset. */
export function parseInstant(value: string, field: string): number {
  if (!WITH_OFFSET.test(value) || Number.isNaN(Date.parse(value))) {
    throw apiErrors.invalidParam(`${field} 应为带时区的 ISO 8601 时间（如 2026-03-02T00:00:00+08:00），收到 "${value}"`);
  }
  return Date.parse(value);
}
