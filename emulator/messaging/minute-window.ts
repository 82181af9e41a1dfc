/**
 * Counts events per key over the last minute of emulator time (custom robots' 20 per minute,
 * robots' per-person flow control). Only accepted events count.
 */
export class MinuteWindow {
  private readonly hits = new Map<string, number[]>();

  /** Records one event for `key` at `now` unless `limit` were already reached; says whether it was. */
  take(key: string, now: number, limit: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - 60_000);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}
