import { TZDate } from "@date-fns/tz";
import { endOfMonth, format, startOfMonth, startOfWeek, subDays, subMonths } from "date-fns";

// Date ranges as the console's people mean them: days in Asia/Shanghai, whatever zone the
// server or the browser runs in. A range holds both ends ("yyyy-MM-dd", inclusive).

const ZONE = "Asia/Shanghai";

export const DATE_PRESETS = ["today", "thisWeek", "thisMonth", "lastMonth", "last7Days", "last30Days"] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export interface DayRange {
  from: string;
  to: string;
}

const day = (d: Date) => format(d, "yyyy-MM-dd");

/** The days a preset covers on the Shanghai day that `now` falls in; weeks start on Monday. */
export function presetRange(preset: DatePreset, now: Date): DayRange {
  const today = new TZDate(now.getTime(), ZONE);
  switch (preset) {
    case "today":
      return { from: day(today), to: day(today) };
    case "thisWeek":
      return { from: day(startOfWeek(today, { weekStartsOn: 1 })), to: day(today) };
    case "thisMonth":
      return { from: day(startOfMonth(today)), to: day(today) };
    case "lastMonth": {
      const last = subMonths(startOfMonth(today), 1);
      return { from: day(last), to: day(endOfMonth(last)) };
    }
    case "last7Days":
      return { from: day(subDays(today, 6)), to: day(today) };
    case "last30Days":
      return { from: day(subDays(today, 29)), to: day(today) };
  }
}

/** The preset whose range is exactly `range` on the day of `now`, if any (to mark it chosen). */
export function matchingPreset(range: Partial<DayRange>, now: Date): DatePreset | undefined {
  if (!range.from || !range.to) return undefined;
  return DATE_PRESETS.find((p) => {
    const r = presetRange(p, now);
    return r.from === range.from && r.to === range.to;
  });
}
