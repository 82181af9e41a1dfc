import { shanghaiMonth } from "../../lib/time";

export interface QuotaSnapshot {
  /** The metered month, "YYYY-MM" in Asia/Shanghai by the emulator's clock. */
  month: string;
  /** Metered calls allowed this month; null when the quota is off. */
  quota: number | null;
  /** Metered calls accepted this month (or the preset count). */
  used: number;
  /** Accepted metered calls this month per request path (not counting a preset `used`). */
  byPath: Record<string, number>;
}

export type QuotaVerdict = { allowed: true } | { allowed: false; attempted: number; quota: number };

/**
 * The org's monthly call quota, as DingTalk meters it: every accepted metered call counts once;
 * a refused one (token, QPS or the quota itself) does not. The count starts again when the
 * clock enters a new month in Asia/Shanghai. It counts even with the quota off (null), so tests
 * can read what a client spent.
 */
export class MonthlyQuota {
  private month: string;
  private used = 0;
  private byPath = new Map<string, number>();

  constructor(
    private quota: number | null,
    now: number,
  ) {
    this.month = shanghaiMonth(now);
  }

  /** Counts the call unless the month's quota is spent; says which. */
  take(path: string, now: number): QuotaVerdict {
    this.roll(now);
    if (this.quota !== null && this.used >= this.quota) return { allowed: false, attempted: this.used + 1, quota: this.quota };
    this.used++;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
    return { allowed: true };
  }

  /** Sets the quota (null: off) and/or the month's used count, e.g. to simulate a nearly spent month. */
  configure(change: { quota?: number | null; used?: number }, now: number): void {
    this.roll(now);
    if (change.quota !== undefined) this.quota = change.quota;
    if (change.used !== undefined) this.used = change.used;
  }

  snapshot(now: number): QuotaSnapshot {
    this.roll(now);
    return { month: this.month, quota: this.quota, used: this.used, byPath: Object.fromEntries(this.byPath) };
  }

  reset(quota: number | null, now: number): void {
    this.quota = quota;
    this.month = shanghaiMonth(now);
    this.used = 0;
    this.byPath = new Map();
  }

  private roll(now: number): void {
    const month = shanghaiMonth(now);
    if (month === this.month) return;
    this.month = month;
    this.used = 0;
    this.byPath = new Map();
  }
}
