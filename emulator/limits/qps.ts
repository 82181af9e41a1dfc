import type { ApiQpsRefusal } from "../http/errors";
import { SlidingWindow } from "./sliding-window";

/**
 * Per app, per API: at most N accepted calls in any sliding one-second window (20 on DingTalk's
 * standard edition, 40 or 60 on paid ones). The API is the route's path pattern
 * ("/v1.0/calendar/users/:unionId/calendars/primary/events"), not one person's URL.
 */
export class QpsLimiter {
  private window = new SlidingWindow(1000);
  private defaultQps: number;
  private perPath = new Map<string, number>();
  /** The code the api host refuses with. */
  apiRefusal: ApiQpsRefusal = "QpsLimitForApi";

  constructor(defaultQps: number) {
    this.defaultQps = defaultQps;
  }

  configure(change: { default?: number; perPath?: Record<string, number>; apiRefusal?: ApiQpsRefusal }): void {
    if (change.default !== undefined) this.defaultQps = change.default;
    if (change.apiRefusal !== undefined) this.apiRefusal = change.apiRefusal;
    if (change.perPath) for (const [path, qps] of Object.entries(change.perPath)) this.perPath.set(path, qps);
  }

  limitFor(path: string): number {
    return this.perPath.get(path) ?? this.defaultQps;
  }

  /** Records the call and says whether it is allowed; refused calls do not use up the window. */
  take(appKey: string, path: string, now: number): { allowed: boolean; limit: number } {
    const limit = this.limitFor(path);
    if (limit <= 0) return { allowed: true, limit };
    return { allowed: this.window.take(`${appKey}\u0000${path}`, now, limit), limit };
  }

  reset(defaultQps: number): void {
    this.window = new SlidingWindow(1000);
    this.perPath = new Map();
    this.defaultQps = defaultQps;
    this.apiRefusal = "QpsLimitForApi";
  }
}
