/** Per app, per API: at most N accepted calls in any sliding one-second window. */
export class QpsLimiter {
  private readonly windows = new Map<string, number[]>();
  private defaultQps: number;
  private perPath = new Map<string, number>();

  constructor(defaultQps: number) {
    this.defaultQps = defaultQps;
  }

  configure(change: { default?: number; perPath?: Record<string, number> }): void {
    if (change.default !== undefined) this.defaultQps = change.default;
    if (change.perPath) for (const [path, qps] of Object.entries(change.perPath)) this.perPath.set(path, qps);
  }

  limitFor(path: string): number {
    return this.perPath.get(path) ?? this.defaultQps;
  }

  /** Records the call and says whether it is allowed; refused calls do not use up the window. */
  take(appKey: string, path: string, now: number): { allowed: boolean; limit: number } {
    const limit = this.limitFor(path);
    if (limit <= 0) return { allowed: true, limit };
    const key = `${appKey}\u0000${path}`;
    let stamps = this.windows.get(key);
    if (!stamps) {
      stamps = [];
      this.windows.set(key, stamps);
    }
    let expired = 0;
    while (expired < stamps.length && stamps[expired] <= now - 1000) expired++;
    if (expired > 0) stamps.splice(0, expired);
    if (stamps.length >= limit) return { allowed: false, limit };
    stamps.push(now);
    return { allowed: true, limit };
  }

  reset(defaultQps: number): void {
    this.windows.clear();
    this.perPath = new Map();
    this.defaultQps = defaultQps;
  }
}
