import { describe, expect, it } from "vitest";
import { formatDateTime, fromShanghaiInput, toShanghaiInput } from "./format";

describe("Shanghai time", () => {
  it("formats in UTC+8 whatever the server zone", () => {
    expect(formatDateTime(Date.UTC(2026, 11, 31, 16, 30, 0), "zh-CN")).toBe("2027/01/01 00:30:00");
    expect(formatDateTime(Date.UTC(2026, 0, 1, 16, 30, 0), "en")).toMatch(/00:30:00/);
  });
  it("round-trips datetime-local values", () => {
    const d = fromShanghaiInput("2026-11-21T08:15");
    expect(d?.toISOString()).toBe("2026-11-21T00:15:00.000Z");
    expect(toShanghaiInput(d!)).toBe("2026-11-21T08:15");
    expect(fromShanghaiInput("2026-11-21")?.toISOString()).toBe("2026-11-20T16:00:00.000Z");
    expect(fromShanghaiInput("nonsense")).toBeNull();
  });
});
