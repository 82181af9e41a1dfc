/**
 * Which dates are workdays in mainland China: Monday to Friday, minus the national holidays,
 * plus the weekend days the State Council moves work to (调休). Dates are "yyyy-MM-dd" in
 * Asia/Shanghai, which has had no daylight saving since 1991, so a fixed UTC+8 offset is exact.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

interface YearTable {
  /** Days off that would otherwise be workdays (and the weekend days inside a holiday run). */
  off: string[];
  /** Weekend days that are workdays. */
  work: string[];
}

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = dateToUtcMs(from); ms <= dateToUtcMs(to); ms += DAY_MS) out.push(utcMsToDate(ms));
  return out;
}

/** 国务院办公厅 holiday notices. 2027 follows the statutory days; its swaps are the usual pattern until the notice is out. */
const TABLES: Record<number, YearTable> = {
  2025: {
    off: ["2025-01-01", ...range("2025-01-28", "2025-02-04"), ...range("2025-04-04", "2025-04-06"), ...range("2025-05-01", "2025-05-05"), ...range("2025-05-31", "2025-06-02"), ...range("2025-10-01", "2025-10-08")],
    work: ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"],
  },
  2026: {
    off: [...range("2026-01-01", "2026-01-03"), ...range("2026-02-15", "2026-02-23"), ...range("2026-04-04", "2026-04-06"), ...range("2026-05-01", "2026-05-05"), ...range("2026-06-19", "2026-06-21"), ...range("2026-09-25", "2026-09-27"), ...range("2026-10-01", "2026-10-07")],
    work: ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"],
  },
  2027: {
    off: [...range("2027-01-01", "2027-01-03"), ...range("2027-02-05", "2027-02-12"), ...range("2027-04-03", "2027-04-05"), ...range("2027-05-01", "2027-05-05"), "2027-06-09", "2027-09-15", ...range("2027-10-01", "2027-10-07")],
    work: ["2027-02-20", "2027-04-25", "2027-05-08", "2027-09-26", "2027-10-09"],
  },
};

const OFF = new Set(Object.values(TABLES).flatMap((t) => t.off));
const WORK = new Set(Object.values(TABLES).flatMap((t) => t.work));

/** "yyyy-MM-dd" → ms at 00:00 UTC of that date (for date arithmetic only). */
function dateToUtcMs(date: string): number {
  const [y, m, d] = date.split("-").map(Number);
  return Date.UTC(y, m - 1, d);
}

function utcMsToDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 in Shanghai on a date (DingTalk's `workDate`). */
export function shanghaiMidnight(date: string): number {
  return dateToUtcMs(date) - SHANGHAI_OFFSET_MS;
}

/** The Shanghai calendar date of an instant. */
export function shanghaiDate(ms: number): string {
  return utcMsToDate(ms + SHANGHAI_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return utcMsToDate(dateToUtcMs(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateToUtcMs(to) - dateToUtcMs(from)) / DAY_MS);
}

export function isWorkday(date: string): boolean {
  if (WORK.has(date)) return true;
  if (OFF.has(date)) return false;
  const weekday = new Date(dateToUtcMs(date)).getUTCDay();
  return weekday >= 1 && weekday <= 5;
}

/** Every date from `from` to `to`, both included. */
export function datesFrom(from: string, to: string): string[] {
  return from <= to ? range(from, to) : [];
}
