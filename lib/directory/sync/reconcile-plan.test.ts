import { describe, expect, it } from "vitest";
import { daysInMonth, nextMonthStart } from "@/lib/budget/month";
import { reconcileSchedule } from "./reconcile-plan";

const december = new Date("2026-12-10T04:00:00Z");

describe("the reconcile's schedule from the budget and the org's size", () => {
  it("checks a slice a day of a large org on the standard quota, within a tenth of the background share", () => {
    const s = reconcileSchedule({ monthlyQuota: 10_000, backgroundShare: 0.5 }, 500, december);
    expect(s).toMatchObject({ wholeTree: false, everyMs: 86_400_000, departmentsPerRun: 6, estimatedCalls: 15 });
    expect(s.monthlyCalls).toBeLessThanOrEqual(500);
  });

  it("checks the whole tree of a small org, as often as the allowance covers and never more than hourly", () => {
    const small = reconcileSchedule({ monthlyQuota: 10_000, backgroundShare: 0.5 }, 5, december);
    expect(small.wholeTree).toBe(true);
    expect(small.monthlyCalls).toBeLessThanOrEqual(500);
    expect(small.everyMs).toBeLessThan(86_400_000);
    const tiny = reconcileSchedule({ monthlyQuota: 1_000_000, backgroundShare: 1 }, 1, december);
    expect(tiny.everyMs).toBe(3_600_000);
  });

  it("checks the whole tree every six hours when the quota is unlimited", () => {
    expect(reconcileSchedule({ monthlyQuota: null, backgroundShare: 0.5 }, 500, december)).toMatchObject({ wholeTree: true, everyMs: 6 * 3_600_000, departmentsPerRun: 500 });
  });

  it("turns the month in Asia/Shanghai", () => {
    expect(daysInMonth(december)).toBe(31);
    expect(daysInMonth(new Date("2027-02-10T00:00:00Z"))).toBe(28);
    // 2026-11-30 17:00 UTC is already December 1st in Shanghai.
    expect(nextMonthStart(new Date("2026-11-30T17:00:00Z")).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(nextMonthStart(new Date("2026-11-30T15:00:00Z")).toISOString()).toBe("2026-11-30T16:00:00.000Z");
  });
});
