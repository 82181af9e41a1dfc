/**
 * At most `limit` grants in any window of `windowMs`, handed out in the order asked for.
 * A sliding window rather than a token bucket: a full bucket plus its refill would let
 * twice the limit through within one second, which is exactly what DingTalk counts.
 * Waiters sleep on one timer; nothing polls.
 */
export class SlidingWindowLimiter {
  private readonly grants: number[] = [];
  private readonly waiters: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a whole number of at least 1, got ${limit}`);
    if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, got ${windowMs}`);
  }

  /**
   * Built from calls per second; fractions widen the window (0.5 QPS = 1 call per 2 s).
   * `safetyMs` lengthens the window so that calls sent a window apart still arrive a window apart.
   */
  static perSecond(qps: number, now?: () => number, safetyMs = 0): SlidingWindowLimiter {
    if (!(qps > 0) || !Number.isFinite(qps)) throw new RangeError(`qps must be a positive number, got ${qps}`);
    const limit = Math.max(1, Math.floor(qps));
    return new SlidingWindowLimiter(limit, (1000 * limit) / qps + safetyMs, now);
  }

  /** How many callers are waiting. */
  get pending(): number {
    return this.waiters.length;
  }

  /** Resolves when the caller may go; callers go in the order they asked. */
  acquire(): Promise<void> {
    if (this.waiters.length === 0 && this.tryGrant()) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  private tryGrant(): boolean {
    const t = this.now();
    while (this.grants.length > 0 && this.grants[0] <= t - this.windowMs) this.grants.shift();
    if (this.grants.length >= this.limit) return false;
    this.grants.push(t);
    return true;
  }

  private schedule(): void {
    if (this.timer !== undefined || this.waiters.length === 0) return;
    const oldest = this.grants[0] ?? this.now();
    const delay = Math.max(0, oldest + this.windowMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, delay);
  }

  private drain(): void {
    while (this.waiters.length > 0 && this.tryGrant()) this.waiters.shift()!();
    this.schedule();
  }
}

/** One limiter per API path, each with the QPS configured for that path. */
export class PathRateLimiter {
  private readonly limiters = new Map<string, SlidingWindowLimiter>();

  constructor(
    private readonly qpsFor: (path: string) => number,
    private readonly options: { now?: () => number; safetyMs?: number } = {},
  ) {}

  acquire(path: string): Promise<void> {
    let limiter = this.limiters.get(path);
    if (!limiter) {
      limiter = SlidingWindowLimiter.perSecond(this.qpsFor(path), this.options.now, this.options.safetyMs);
      this.limiters.set(path, limiter);
    }
    return limiter.acquire();
  }
}
