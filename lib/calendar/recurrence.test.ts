import { describe, expect, it } from "vitest";
import { fromShanghaiInput } from "@/lib/time";
import { fromDingTalkRecurrence, toDingTalkRecurrence, type Repeat } from "./recurrence";

// 2026-03-31 is a Tuesday; 01:30 in Shanghai is still the 30th in UTC.
const start = fromShanghaiInput("2026-03-31T01:30")!;

describe("recurrence mapping", () => {
  it("writes each choice as DingTalk's pattern, the weekday and day of month read in Shanghai", () => {
    const never = { kind: "never" } as const;
    expect(toDingTalkRecurrence({ kind: "none", end: never }, start)).toBeUndefined();
    expect(toDingTalkRecurrence({ kind: "daily", end: never }, start)).toEqual({ pattern: { type: "daily", interval: 1 }, range: { type: "noEnd" } });
    expect(toDingTalkRecurrence({ kind: "weekdays", end: never }, start)?.pattern).toEqual({ type: "weekly", interval: 1, daysOfWeek: "monday,tuesday,wednesday,thursday,friday" });
    expect(toDingTalkRecurrence({ kind: "weekly", end: never }, start)?.pattern).toEqual({ type: "weekly", interval: 1, daysOfWeek: "tuesday" });
    expect(toDingTalkRecurrence({ kind: "monthly", end: never }, start)?.pattern).toEqual({ type: "absoluteMonthly", interval: 1, dayOfMonth: 31 });
  });

  it("ends on a count or at the last second of the until day in Shanghai", () => {
    expect(toDingTalkRecurrence({ kind: "daily", end: { kind: "count", count: 10 } }, start)?.range).toEqual({ type: "numbered", numberOfOccurrences: 10 });
    expect(toDingTalkRecurrence({ kind: "daily", end: { kind: "until", day: "2026-04-30" } }, start)?.range).toEqual({ type: "endDate", endDate: "2026-04-30T23:59:59+08:00" });
  });

  it("reads back what it wrote, and says when DingTalk's rule is more than the form offers", () => {
    const choices: Repeat[] = [
      { kind: "daily", end: { kind: "never" } },
      { kind: "weekdays", end: { kind: "count", count: 4 } },
      { kind: "weekly", end: { kind: "until", day: "2026-06-30" } },
      { kind: "monthly", end: { kind: "never" } },
    ];
    for (const repeat of choices) expect(fromDingTalkRecurrence(toDingTalkRecurrence(repeat, start) as unknown as Record<string, unknown>)).toEqual({ repeat, exact: true });
    expect(fromDingTalkRecurrence(undefined)).toEqual({ repeat: { kind: "none", end: { kind: "never" } }, exact: true });
    expect(fromDingTalkRecurrence({ pattern: { type: "weekly", interval: 2, daysOfWeek: "monday" }, range: { type: "noEnd" } }).exact).toBe(false);
    expect(fromDingTalkRecurrence({ pattern: { type: "absoluteYearly", interval: 1, dayOfMonth: 1 } })).toEqual({ repeat: { kind: "none", end: { kind: "never" } }, exact: false });
  });
});
