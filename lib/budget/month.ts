import { shanghaiDay, shanghaiDayStart } from "@/lib/i18n/shanghai-day";

// DingTalk's quota runs by calendar month in Asia/Shanghai.

/** "2026-12": the Shanghai month `at` falls in. */
export function shanghaiMonth(at: Date): string {
  return shanghaiDay(at).slice(0, 7);
}

/** The first instant of the Shanghai month `at` falls in. */
export function monthStart(at: Date): Date {
  return shanghaiDayStart(`${shanghaiMonth(at)}-01`);
}

/** The first instant of the next Shanghai month: when the quota resets. */
export function nextMonthStart(at: Date): Date {
  const [y, m] = shanghaiMonth(at).split("-").map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return shanghaiDayStart(`${next}-01`);
}

export function daysInMonth(at: Date): number {
  return Math.round((nextMonthStart(at).getTime() - monthStart(at).getTime()) / 86_400_000);
}

/** The Shanghai days of the month `at` falls in, first to last ("2026-12-01" …). */
export function monthDays(at: Date): string[] {
  const first = monthStart(at);
  return Array.from({ length: daysInMonth(at) }, (_, i) => shanghaiDay(first, i));
}
