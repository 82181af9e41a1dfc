import { describe, expect, it } from "vitest";
import { QpsLimiter } from "./qps";

describe("QpsLimiter", () => {
  it("allows N calls in any one-second window, per app and path", () => {
    const limiter = new QpsLimiter(3);
    const t0 = 1_000_000;
    expect([0, 1, 2, 3].map((i) => limiter.take("app", "/a", t0 + i).allowed)).toEqual([true, true, true, false]);
    expect(limiter.take("app", "/b", t0 + 4).allowed).toBe(true);
    expect(limiter.take("other", "/a", t0 + 4).allowed).toBe(true);
    // The first call leaves the window 1000 ms after it was made.
    expect(limiter.take("app", "/a", t0 + 999).allowed).toBe(false);
    expect(limiter.take("app", "/a", t0 + 1000).allowed).toBe(true);
  });

  it("takes per-path limits and a new default", () => {
    const limiter = new QpsLimiter(20);
    limiter.configure({ default: 1, perPath: { "/fast": 2 } });
    expect(limiter.take("app", "/x", 0).allowed).toBe(true);
    expect(limiter.take("app", "/x", 1)).toEqual({ allowed: false, limit: 1 });
    expect(limiter.take("app", "/fast", 1).allowed).toBe(true);
    expect(limiter.take("app", "/fast", 2).allowed).toBe(true);
    expect(limiter.take("app", "/fast", 3)).toEqual({ allowed: false, limit: 2 });
  });

  it("treats 0 as no limit", () => {
    const limiter = new QpsLimiter(0);
    for (let i = 0; i < 100; i++) expect(limiter.take("app", "/x", 5).allowed).toBe(true);
  });
});
