import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PathRateLimiter, SlidingWindowLimiter } from "./rate-limit";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("SlidingWindowLimiter", () => {
  it("lets the limit through at once and holds the rest until the window moves", async () => {
    const limiter = new SlidingWindowLimiter(3, 1000);
    const granted: number[] = [];
    for (let i = 0; i < 7; i++) void limiter.acquire().then(() => granted.push(Date.now()));
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual([0, 0, 0]);
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toEqual([0, 0, 0, 1000, 1000, 1000]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
    expect(limiter.pending).toBe(0);
  });

  it("never grants more than the limit within any window", async () => {
    const limiter = SlidingWindowLimiter.perSecond(20);
    const granted: number[] = [];
    for (let i = 0; i < 95; i++) {
      void limiter.acquire().then(() => granted.push(Date.now()));
      if (i % 7 === 0) await vi.advanceTimersByTimeAsync(37);
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted).toHaveLength(95);
    for (const t of granted) {
      expect(granted.filter((g) => g >= t && g < t + 1000).length).toBeLessThanOrEqual(20);
    }
  });

  it("serves waiters first come, first served", async () => {
    const limiter = new SlidingWindowLimiter(1, 100);
    const order: number[] = [];
    await limiter.acquire();
    const waiting = Array.from({ length: 5 }, (_, i) => limiter.acquire().then(() => order.push(i)));
    // A newcomer after the queue formed must not jump it, even when a slot frees up.
    await vi.advanceTimersByTimeAsync(100);
    const late = limiter.acquire().then(() => order.push(99));
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([...waiting, late]);
    expect(order).toEqual([0, 1, 2, 3, 4, 99]);
  });

  it("spaces calls for fractional rates", async () => {
    const limiter = SlidingWindowLimiter.perSecond(0.5);
    const granted: number[] = [];
    for (let i = 0; i < 3; i++) void limiter.acquire().then(() => granted.push(Date.now()));
    await vi.advanceTimersByTimeAsync(5000);
    expect(granted).toEqual([0, 2000, 4000]);
  });

  it("uses a single timer for any number of waiters (no busy waiting)", async () => {
    const limiter = new SlidingWindowLimiter(1, 1000);
    for (let i = 0; i < 50; i++) void limiter.acquire();
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects nonsense limits", () => {
    expect(() => new SlidingWindowLimiter(0, 1000)).toThrow(/limit/);
    expect(() => SlidingWindowLimiter.perSecond(0)).toThrow(/qps/);
  });
});

describe("PathRateLimiter", () => {
  it("keeps paths apart and honours per-path rates", async () => {
    const limiter = new PathRateLimiter((path) => (path === "/fast" ? 4 : 2));
    const granted: Record<string, number> = { "/fast": 0, "/slow": 0 };
    for (let i = 0; i < 4; i++) {
      void limiter.acquire("/fast").then(() => granted["/fast"]++);
      void limiter.acquire("/slow").then(() => granted["/slow"]++);
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(granted).toEqual({ "/fast": 4, "/slow": 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(granted).toEqual({ "/fast": 4, "/slow": 4 });
  });
});
