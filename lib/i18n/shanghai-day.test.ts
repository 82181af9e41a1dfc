import { describe, expect, it } from "vitest";
import { parseDay, shanghaiDay, shanghaiDayStart } from "./shanghai-day";

describe("Shanghai days", () => {
  it("names the day in UTC+8 and moves by whole days", () => {
    expect(shanghaiDay(new Date("2026-11-20T16:30:00Z"))).toBe("2026-11-21");
    expect(shanghaiDay(new Date("2026-11-20T15:30:00Z"), -1)).toBe("2026-11-19");
  });
  it("accepts only real days", () => {
    expect(parseDay("2026-02-28")).toBe("2026-02-28");
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("20261120")).toBeNull();
    expect(shanghaiDayStart("2026-11-21").toISOString()).toBe("2026-11-20T16:00:00.000Z");
  });
});
