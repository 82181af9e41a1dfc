type Job = () => Promise<void>;

/**
 * Jobs in named lanes, each lane with its own concurrency. DingTalk limits each API path on its
 * own, so one lane per path keeps every path busy: a shared pool would let jobs waiting on one
 * path's limiter hold the slots another path could use. Jobs may add jobs. The first failure
 * stops the pool (jobs already running finish); so does `stop()`.
 *
 * A lane may also space its job starts (`intervalMs`): calls sent evenly rather than in bursts of
 * a whole window's allowance arrive as evenly, so that a little network or CPU jitter does not
 * put two windows' worth into one second at DingTalk's end and get calls refused.
 */
export class LanePool<Lane extends string> {
  private readonly queues = new Map<Lane, Job[]>();
  private readonly running = new Map<Lane, number>();
  private readonly nextStart = new Map<Lane, number>();
  private readonly timers = new Map<Lane, ReturnType<typeof setTimeout>>();
  private active = 0;
  private failure: { error: unknown } | undefined;
  private halted = false;
  private readonly settled: Promise<void>;
  private resolveSettled!: () => void;

  constructor(
    private readonly limits: Record<Lane, number>,
    private readonly intervalMs: Partial<Record<Lane, number>> = {},
  ) {
    for (const [lane, limit] of Object.entries(limits) as [Lane, number][]) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`lane ${lane}: concurrency must be a whole number of at least 1, got ${limit}`);
      this.queues.set(lane, []);
      this.running.set(lane, 0);
    }
    this.settled = new Promise((resolve) => (this.resolveSettled = resolve));
  }

  /** Queues a job at the back of its lane. */
  push(lane: Lane, job: Job): void {
    this.enqueue(lane, job, false);
  }

  /** Queues a job at the front: for follow-up pages, so started work finishes before new work begins. */
  pushFront(lane: Lane, job: Job): void {
    this.enqueue(lane, job, true);
  }

  /** No new job starts; `done()` resolves once the running ones finish. */
  stop(): void {
    this.halted = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.check();
  }

  get stopped(): boolean {
    return this.halted;
  }

  /** Resolves when every lane is empty and idle (or the pool stopped and drained); rejects with the first failure. */
  async done(): Promise<void> {
    this.check();
    await this.settled;
    if (this.failure) throw this.failure.error;
  }

  private enqueue(lane: Lane, job: Job, front: boolean): void {
    if (this.halted) return;
    const queue = this.queues.get(lane);
    if (!queue) throw new Error(`unknown lane ${lane}`);
    if (front) queue.unshift(job);
    else queue.push(job);
    this.pump(lane);
  }

  private pump(lane: Lane): void {
    const queue = this.queues.get(lane)!;
    while (!this.halted && queue.length > 0 && this.running.get(lane)! < this.limits[lane]) {
      const interval = this.intervalMs[lane] ?? 0;
      if (interval > 0) {
        const wait = (this.nextStart.get(lane) ?? 0) - performance.now();
        if (wait > 0) {
          if (!this.timers.has(lane)) {
            this.timers.set(lane, setTimeout(() => {
              this.timers.delete(lane);
              this.pump(lane);
            }, wait));
          }
          return;
        }
        // On a schedule, not "now + interval": a timer that fires late is caught up at once,
        // by one call at most (the client's limiter still holds the line).
        const now = performance.now();
        this.nextStart.set(lane, Math.max((this.nextStart.get(lane) ?? now) + interval, now - interval));
      }
      const job = queue.shift()!;
      this.running.set(lane, this.running.get(lane)! + 1);
      this.active++;
      void job()
        .catch((error: unknown) => {
          this.failure ??= { error };
          this.halted = true;
        })
        .finally(() => {
          this.running.set(lane, this.running.get(lane)! - 1);
          this.active--;
          this.pump(lane);
          this.check();
        });
    }
  }

  private check(): void {
    if (this.active > 0 || (!this.halted && this.timers.size > 0)) return;
    const empty = [...this.queues.values()].every((q) => q.length === 0);
    if (this.halted || empty) this.resolveSettled();
  }
}
