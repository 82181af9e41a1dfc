import { apiErrors } from "../http/errors";
import { localIso, wallClock, zonedToEpoch } from "./times";

// DingTalk's recurrence ({pattern, range}, the calendar_1_0 model) and the occurrences of a series.
// DingTalk expands a recurring event into its instances when a list names a window; so does the
// emulator, counting in the event's own zone so that "every Monday 10:00" stays 10:00 there.

export interface Recurrence {
  pattern: { type: "daily" | "weekly" | "absoluteMonthly" | "absoluteYearly"; interval: number; daysOfWeek?: string; dayOfMonth?: number };
  range: { type: "noEnd" | "endDate" | "numbered"; endDate?: string; numberOfOccurrences?: number };
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const PATTERNS = new Set(["daily", "weekly", "absoluteMonthly", "absoluteYearly"]);
const RANGES = new Set(["noEnd", "endDate", "numbered"]);
/** The most occurrences a series yields, as DingTalk caps a numbered range. */
export const MAX_OCCURRENCES = 999;

/** The recurrence as sent, checked the way DingTalk checks it (paramError naming the field). */
export function parseRecurrence(raw: Record<string, unknown>): Recurrence {
  const pattern = (raw.pattern ?? {}) as Record<string, unknown>;
  const range = (raw.range ?? { type: "noEnd" }) as Record<string, unknown>;
  const type = String(pattern.type ?? "");
  if (!PATTERNS.has(type)) throw apiErrors.invalidParam(`recurrence.pattern.type "${type}" 无效（daily、weekly、absoluteMonthly、absoluteYearly）`);
  const interval = pattern.interval === undefined ? 1 : Number(pattern.interval);
  if (!Number.isInteger(interval) || interval < 1 || interval > 99) throw apiErrors.invalidParam("recurrence.pattern.interval 应为 1–99 的整数");
  const out: Recurrence = { pattern: { type: type as Recurrence["pattern"]["type"], interval }, range: { type: "noEnd" } };
  if (type === "weekly") {
    const days = String(pattern.daysOfWeek ?? "").split(",").map((d) => d.trim().toLowerCase()).filter(Boolean);
    if (days.length === 0 || days.some((d) => !WEEKDAYS.includes(d))) throw apiErrors.invalidParam(`recurrence.pattern.daysOfWeek "${String(pattern.daysOfWeek ?? "")}" 无效（如 monday,wednesday）`);
    out.pattern.daysOfWeek = days.join(",");
  }
  if (type === "absoluteMonthly" || type === "absoluteYearly") {
    const day = Number(pattern.dayOfMonth);
    if (!Number.isInteger(day) || day < 1 || day > 31) throw apiErrors.invalidParam("recurrence.pattern.dayOfMonth 应为 1–31 的整数");
    out.pattern.dayOfMonth = day;
  }
  const rangeType = String(range.type ?? "noEnd");
  if (!RANGES.has(rangeType)) throw apiErrors.invalidParam(`recurrence.range.type "${rangeType}" 无效（noEnd、endDate、numbered）`);
  out.range.type = rangeType as Recurrence["range"]["type"];
  if (rangeType === "endDate") {
    const end = String(range.endDate ?? "");
    if (Number.isNaN(Date.parse(end))) throw apiErrors.invalidParam(`recurrence.range.endDate "${end}" 不是 ISO 8601 时间`);
    out.range.endDate = end;
  }
  if (rangeType === "numbered") {
    const n = Number(range.numberOfOccurrences);
    if (!Number.isInteger(n) || n < 1 || n > MAX_OCCURRENCES) throw apiErrors.invalidParam(`recurrence.range.numberOfOccurrences 应为 1–${MAX_OCCURRENCES} 的整数`);
    out.range.numberOfOccurrences = n;
  }
  return out;
}

const DAY_MS = 86_400_000;

/** The wall-clock days (as UTC midnights) a pattern repeats on, from the first day on, in order. */
function* days(pattern: Recurrence["pattern"], first: number): Generator<number> {
  const start = new Date(first);
  if (pattern.type === "daily") {
    for (let d = first; ; d += pattern.interval * DAY_MS) yield d;
  }
  if (pattern.type === "weekly") {
    const wanted = new Set((pattern.daysOfWeek ?? "").split(",").map((d) => WEEKDAYS.indexOf(d)));
    // Weeks start on Sunday as DingTalk counts them; the interval skips whole weeks.
    const weekStart = first - start.getUTCDay() * DAY_MS;
    for (let w = 0; ; w += pattern.interval) {
      for (let i = 0; i < 7; i++) {
        const d = weekStart + (w * 7 + i) * DAY_MS;
        if (d >= first && wanted.has(i)) yield d;
      }
    }
  }
  // A month without the day (the 31st of April) is skipped, as DingTalk does.
  for (let m = 0; ; m += pattern.type === "absoluteYearly" ? 12 * pattern.interval : pattern.interval) {
    const month = start.getUTCMonth() + m;
    const d = Date.UTC(start.getUTCFullYear(), month, pattern.dayOfMonth ?? start.getUTCDate());
    if (new Date(d).getUTCMonth() !== ((month % 12) + 12) % 12) continue;
    if (d >= first) yield d;
  }
}

/**
 * Start instants of a series (first at `startMs`, in `timeZone`) that begin before `until`;
 * the first is the event's own start whatever the pattern says, as DingTalk keeps it.
 */
export function occurrenceStarts(recurrence: Recurrence, startMs: number, timeZone: string, until: number): number[] {
  const wall = wallClock(startMs, timeZone);
  const firstDay = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate());
  const timeOfDay = wall.getTime() - firstDay;
  const end = recurrence.range.type === "endDate" ? Date.parse(recurrence.range.endDate!) : Infinity;
  const limit = recurrence.range.type === "numbered" ? recurrence.range.numberOfOccurrences! : MAX_OCCURRENCES;
  const out = [startMs];
  for (const day of days(recurrence.pattern, firstDay)) {
    if (out.length >= limit) break;
    const at = zonedToEpoch(localIso(day + timeOfDay), timeZone);
    if (at <= startMs) continue;
    if (at > end || at >= until) break;
    out.push(at);
  }
  return out;
}
