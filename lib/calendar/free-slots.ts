import { TZDate } from "@date-fns/tz";
import { addDaysTo, dayRange, TIME_ZONE } from "@/lib/time";

// When everyone is free: the busy blocks of all the people asked about, against working hours
// (09:00–18:00 Asia/Shanghai on workdays). Pure, so the finder's answer can be checked by tests.

export interface Interval {
  start: number;
  end: number;
}

export interface FreeSlotQuery {
  /** Every person's busy (and tentative) blocks, in ms; overlaps and order do not matter. */
  busy: readonly Interval[];
  /** First and last Shanghai day searched, "yyyy-MM-dd". */
  from: string;
  to: string;
  minutes: number;
  /** How many slots to propose. */
  limit: number;
  /** Nothing starts before this instant (now, when the search starts today). */
  notBefore?: number;
  /** Working hours in Shanghai, whole hours [start, end). */
  hours?: { start: number; end: number };
  /** Which days are worked; Monday to Friday unless told. */
  isWorkday?: (day: string) => boolean;
  /** Slots start on this grid of minutes (a meeting at 10:07 is not proposed). */
  stepMinutes?: number;
}

export const WORKING_HOURS = { start: 9, end: 18 } as const;

const MINUTE = 60_000;

/** Monday to Friday in Shanghai. */
export function isWeekday(day: string): boolean {
  const weekday = new TZDate(dayRange(day).start.getTime(), TIME_ZONE).getDay();
  return weekday >= 1 && weekday <= 5;
}

/** Busy blocks merged into disjoint intervals, earliest first. */
export function mergeIntervals(blocks: readonly Interval[]): Interval[] {
  const sorted = blocks.filter((b) => b.end > b.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.start <= last.end) last.end = Math.max(last.end, b.end);
    else out.push({ ...b });
  }
  return out;
}

/**
 * The first `limit` slots of `minutes` inside working hours on workdays between `from` and `to`
 * that overlap no busy block: the earliest start (on the step grid) of each free stretch long
 * enough, stretch after stretch.
 */
export function freeSlots(query: FreeSlotQuery): Interval[] {
  const { start: open, end: close } = query.hours ?? WORKING_HOURS;
  const worked = query.isWorkday ?? isWeekday;
  const length = query.minutes * MINUTE;
  const step = (query.stepMinutes ?? 15) * MINUTE;
  const busy = mergeIntervals(query.busy);
  const out: Interval[] = [];
  for (let day = query.from; day <= query.to && out.length < query.limit; day = addDaysTo(day, 1)) {
    if (!worked(day)) continue;
    const midnight = dayRange(day).start.getTime();
    const dayOpen = midnight + open * 60 * MINUTE;
    const dayClose = midnight + close * 60 * MINUTE;
    // Grid from the day's opening, so 09:00, 09:15, … whatever the zone's offset.
    const onGrid = (t: number) => dayOpen + Math.ceil((t - dayOpen) / step) * step;
    let cursor = onGrid(Math.max(dayOpen, query.notBefore ?? -Infinity));
    for (const b of busy) {
      if (out.length >= query.limit || cursor + length > dayClose) break;
      if (b.end <= cursor) continue;
      if (b.start >= cursor + length) {
        out.push({ start: cursor, end: cursor + length });
      }
      cursor = Math.max(cursor, onGrid(b.end));
    }
    if (out.length < query.limit && cursor + length <= dayClose && !out.some((s) => s.start === cursor)) {
      out.push({ start: cursor, end: cursor + length });
    }
  }
  return out;
}
