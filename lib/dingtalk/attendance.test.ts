import { describe, expect, it } from "vitest";
import { ATTENDANCE_LIMITS, planAttendanceQueries } from "./attendance";

const users = (n: number) => Array.from({ length: n }, (_, i) => `u${i}`);

describe("planAttendanceQueries", () => {
  it.each([
    [1, "2026-03-02", "2026-03-02", 1],
    [50, "2026-03-01", "2026-03-07", 1],
    [51, "2026-03-01", "2026-03-07", 2],
    [50, "2026-03-01", "2026-03-08", 2],
    [120, "2026-03-01", "2026-03-31", 3 * 5],
    [1000, "2026-01-01", "2026-12-31", 20 * 53],
  ])("%i users from %s to %s need %i calls", (n, from, to, expected) => {
    const plan = planAttendanceQueries(users(n), from, to);
    expect(plan).toHaveLength(expected);
  });

  it("covers every person on every date exactly once, within DingTalk's limits", () => {
    const ids = users(123);
    const plan = planAttendanceQueries(ids, "2026-02-25", "2026-03-20");
    const seen = new Map<string, number>();
    for (const w of plan) {
      expect(w.userIds.length).toBeLessThanOrEqual(ATTENDANCE_LIMITS.users);
      const days = (Date.parse(w.to) - Date.parse(w.from)) / 86_400_000 + 1;
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(ATTENDANCE_LIMITS.spanDays);
      for (let d = 0; d < days; d++) {
        const date = new Date(Date.parse(w.from) + d * 86_400_000).toISOString().slice(0, 10);
        for (const u of w.userIds) seen.set(`${u}|${date}`, (seen.get(`${u}|${date}`) ?? 0) + 1);
      }
    }
    expect(seen.size).toBe(123 * 24);
    expect([...seen.values()].every((c) => c === 1)).toBe(true);
  });

  it("drops repeated people, plans nothing for nobody and refuses a reversed or malformed window", () => {
    expect(planAttendanceQueries(["a", "a", "b"], "2026-03-01", "2026-03-01")).toEqual([{ userIds: ["a", "b"], from: "2026-03-01", to: "2026-03-01" }]);
    expect(planAttendanceQueries([], "2026-03-01", "2026-03-31")).toEqual([]);
    expect(() => planAttendanceQueries(["a"], "2026-03-05", "2026-03-01")).toThrow(RangeError);
    expect(() => planAttendanceQueries(["a"], "2026-02-30", "2026-03-01")).toThrow(/yyyy-MM-dd/);
  });
});
