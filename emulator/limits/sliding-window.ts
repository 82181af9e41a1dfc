/**
 * Counts events per key over a sliding window: an event at `t` stops counting at `t + windowMs`.
 * Only accepted events count. Times per key must not go backwards (the emulator clock only moves
 * forward), so expired stamps are always at the front.
 */
export class SlidingWindow {
  private readonly stamps = new Map<string, number[]>();

  constructor(private readonly windowMs: number) {}

  /** Records one event for `key` at `now` unless `limit` were already reached; says whether it was. */
  take(key: string, now: number, limit: number): boolean {
    let stamps = this.stamps.get(key);
    if (!stamps) {
      stamps = [];
      this.stamps.set(key, stamps);
    }
    let expired = 0;
    while (expired < stamps.length && stamps[expired] <= now - this.windowMs) expired++;
    if (expired > 0) stamps.splice(0, expired);
    if (stamps.length >= limit) return false;
    stamps.push(now);
    return true;
  }
}
