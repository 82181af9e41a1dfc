import { addDaysTo, daysBetween, monthDays, monthRange, shanghaiMonth } from "@/lib/time";

// DingTalk's quota runs by calendar month in Asia/Shanghai.

export { shanghaiMonth };

/** The first instant of the Shanghai month `at` falls in. */
export function monthStart(at: Date): Date {
  return monthRange(shanghaiMonth(at)).start;
}

/** The first instant of the next Shanghai month: when the quota resets. */
export function nextMonthStart(at: Date): Date {
  return monthRange(shanghaiMonth(at)).end;
}

export function daysInMonth(at: Date): number {
  const { from, to } = monthDays(at);
  return daysBetween(from, to) + 1;
}

/** The Shanghai days of the month `at` falls in, first to last ("2026-12-01" …). */
export function daysOfMonth(at: Date): string[] {
  const { from } = monthDays(at);
  return Array.from({ length: daysInMonth(at) }, (_, i) => addDaysTo(from, i));
}
