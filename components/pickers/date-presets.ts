import { addDaysTo, dayStart, monthDays, shanghaiDay } from "@/lib/time";

// Date ranges as the console's people mean them: days in Asia/Shanghai, whatever zone the
// server or the browser runs in. A range holds both ends ("yyyy-MM-dd", inclusive).

export const DATE_PRESETS = ["today", "thisWeek", "thisMonth", "lastMonth", "last7Days", "last30Days"] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export interface DayRange {
  from: string;
  to: string;
}

/** Days since Monday of a calendar day (the day's own date, so no zone is involved). */
const sinceMonday = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

/** The days a preset covers on the Shanghai day that `now` falls in; weeks start on Monday. */
export function presetRange(preset: DatePreset, now: Date): DayRange {
  const today = shanghaiDay(now);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "thisWeek":
      return { from: addDaysTo(today, -sinceMonday(today)), to: today };
    case "thisMonth":
      return { from: monthDays(now).from, to: today };
    case "lastMonth":
      // The month of the instant just before this month's first day.
      return monthDays(dayStart(monthDays(now).from).getTime() - 1);
    case "last7Days":
      return { from: addDaysTo(today, -6), to: today };
    case "last30Days":
      return { from: addDaysTo(today, -29), to: today };
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
