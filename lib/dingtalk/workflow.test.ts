import { describe, expect, it } from "vitest";
import { MAX_INSTANCE_QUERY_SPAN_MS, splitTimeRange } from "./workflow";

describe("splitTimeRange", () => {
  it("keeps a range within the limit as one window", () => {
    expect(splitTimeRange(1000, 1000 + MAX_INSTANCE_QUERY_SPAN_MS)).toEqual([{ startTime: 1000, endTime: 1000 + MAX_INSTANCE_QUERY_SPAN_MS }]);
  });

  it("covers a longer range with adjoining, non-overlapping windows none longer than the limit", () => {
    const start = 1_700_000_000_000;
    const end = start + 300 * 86_400_000;
    const windows = splitTimeRange(start, end);
    expect(windows).toHaveLength(3);
    expect(windows[0].startTime).toBe(start);
    expect(windows.at(-1)?.endTime).toBe(end);
    for (const w of windows) expect(w.endTime - w.startTime).toBeLessThanOrEqual(MAX_INSTANCE_QUERY_SPAN_MS);
    for (let i = 1; i < windows.length; i++) expect(windows[i].startTime).toBe(windows[i - 1].endTime + 1);
  });

  it("refuses a range that ends before it starts", () => {
    expect(() => splitTimeRange(10, 5)).toThrow(RangeError);
    expect(() => splitTimeRange(0, 10, 0)).toThrow(RangeError);
  });
});
