const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** "yyyy-MM-dd" of the day in Asia/Shanghai that `at` falls in, `offsetDays` later. */
export function shanghaiDay(at: Date, offsetDays = 0): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** A "yyyy-MM-dd" that names a real day, or null. */
export function parseDay(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

/** The start of a Shanghai day as an instant. */
export function shanghaiDayStart(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}
