import type { Db } from "@/lib/db/client";

/** Prisma's unique-constraint violation. */
const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

export interface JobLeaseOptions {
  /** How long a lease lasts without renewal. */
  ttlMs: number;
  now?: () => Date;
}

/**
 * A named lease in the database (`JobLease`), so that a job runs in one console instance at a
 * time, even with several instances on one PostgreSQL. Taking it is one atomic statement on both
 * databases: an insert, or else a conditional update that matches only when the lease expired
 * (or is already ours). Two instances racing both issue it; the row lock lets exactly one match.
 */
export class JobLease {
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    readonly name: string,
    readonly owner: string,
    private readonly options: JobLeaseOptions,
  ) {
    if (!(options.ttlMs > 0)) throw new RangeError(`lease ttlMs must be positive, got ${options.ttlMs}`);
    this.now = options.now ?? (() => new Date());
  }

  private expiry(): Date {
    return new Date(this.now().getTime() + this.options.ttlMs);
  }

  /** True when this owner now holds the lease. */
  async acquire(): Promise<boolean> {
    try {
      await this.db.jobLease.create({ data: { name: this.name, owner: this.owner, expiresAt: this.expiry() } });
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const taken = await this.db.jobLease.updateMany({
      where: { name: this.name, OR: [{ owner: this.owner }, { expiresAt: { lt: this.now() } }] },
      data: { owner: this.owner, expiresAt: this.expiry() },
    });
    return taken.count === 1;
  }

  /** Extends the lease; false when it was lost (expired and taken by another owner, or released). */
  async renew(): Promise<boolean> {
    const renewed = await this.db.jobLease.updateMany({
      where: { name: this.name, owner: this.owner },
      data: { expiresAt: this.expiry() },
    });
    return renewed.count === 1;
  }

  async release(): Promise<void> {
    this.stopRenewing();
    await this.db.jobLease.deleteMany({ where: { name: this.name, owner: this.owner } });
  }

  /** The current holder, if the lease is held and not expired. */
  async holder(): Promise<{ owner: string; expiresAt: Date } | null> {
    const row = await this.db.jobLease.findUnique({ where: { name: this.name } });
    return row && row.expiresAt.getTime() > this.now().getTime() ? { owner: row.owner, expiresAt: row.expiresAt } : null;
  }

  /** Renews every third of the lease's life until stopped; `onLost` hears of a lease lost or unrenewable. */
  keepRenewed(onLost: (reason: string) => void): void {
    this.stopRenewing();
    const every = Math.max(10, Math.floor(this.options.ttlMs / 3));
    this.timer = setInterval(() => {
      this.renew().then(
        (ok) => {
          if (!ok) {
            this.stopRenewing();
            onLost(`lease ${this.name} was taken over by another instance`);
          }
        },
        (error: unknown) => onLost(`lease ${this.name} could not be renewed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }, every);
    this.timer.unref?.();
  }

  stopRenewing(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
