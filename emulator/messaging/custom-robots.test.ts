import { describe, expect, it } from "vitest";
import { ipAllowed } from "./custom-robots";
import { SlidingWindow } from "../limits/sliding-window";

describe("ipAllowed", () => {
  it("matches exact addresses, IPv4 ranges and IPv4-mapped IPv6", () => {
    expect(ipAllowed("10.1.2.3", ["10.1.2.3"])).toBe(true);
    expect(ipAllowed("10.1.2.3", ["10.1.0.0/16"])).toBe(true);
    expect(ipAllowed("10.2.2.3", ["10.1.0.0/16"])).toBe(false);
    expect(ipAllowed("::ffff:127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(ipAllowed("8.8.8.8", ["0.0.0.0/0"])).toBe(true);
    expect(ipAllowed("8.8.8.8", [])).toBe(false);
  });
});

describe("SlidingWindow", () => {
  it("allows the limit within a minute and frees slots as they age", () => {
    const w = new SlidingWindow(60_000);
    expect(w.take("r", 0, 2)).toBe(true);
    expect(w.take("r", 30_000, 2)).toBe(true);
    expect(w.take("r", 59_999, 2)).toBe(false);
    expect(w.take("other", 59_999, 2)).toBe(true);
    expect(w.take("r", 60_000, 2)).toBe(true);
  });
});
