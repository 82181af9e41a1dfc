import { describe, expect, it } from "vitest";
import { dayStatus, filterAndSort } from "./views";
import { emptySummary, type DayRow } from "./summary";

const day = (over: Partial<DayRow>): DayRow => ({
  userId: "u1", day: "2026-11-02", groupId: "1", planned: 2,
  onDutyResult: "Normal", onDutySource: "USER", onDutyPlannedAt: null, onDutyAt: null,
  offDutyResult: "Normal", offDutySource: "USER", offDutyPlannedAt: null, offDutyAt: null,
  outside: 0, leave: [], ...over,
});

describe("a heatmap cell's status", () => {
  it("says the worst of the day, leave covering a missed check, and rest days apart", () => {
    expect(dayStatus(undefined)).toBe("none");
    expect(dayStatus(day({ planned: 0, onDutyResult: null, offDutyResult: null }))).toBe("rest");
    expect(dayStatus(day({}))).toBe("normal");
    expect(dayStatus(day({ onDutyResult: "NotSigned", offDutyResult: "NotSigned" }))).toBe("absent");
    expect(dayStatus(day({ onDutyResult: "SeriousLate", offDutyResult: "Early" }))).toBe("late");
    expect(dayStatus(day({ offDutyResult: "Early" }))).toBe("early");
    expect(dayStatus(day({ offDutyResult: "NotSigned" }))).toBe("missing");
    // Half a day of leave in the morning: the on-duty check is covered, not missed.
    const halfDay = [{ code: "annual", percent: 50, unit: "percent_day" as const }];
    expect(dayStatus(day({ onDutyResult: "NotSigned", leave: halfDay }))).toBe("leave");
    expect(dayStatus(day({ onDutyResult: "NotSigned", offDutyResult: "NotSigned", leave: halfDay }))).toBe("leave");
  });
});

describe("the summary table's rows", () => {
  const person = (userId: string, name: string, lateCount: number, absentDays: number) => ({ ...emptySummary(userId), name, lateCount, absentDays, leave: { annual: absentDays / 2 } });
  const rows = [person("a", "王五", 5, 1), person("b", "张三", 1, 0), person("c", "李四", 4, 2), person("d", "赵六", 3, 0)];

  it("keeps those above the threshold, sorted, with totals that are the sums of the rows kept", () => {
    const { rows: kept, total } = filterAndSort(rows, { filter: "lateCount", above: 3, sort: "lateCount", dir: "desc" });
    expect(kept.map((r) => r.userId)).toEqual(["a", "c"]);
    expect(total.lateCount).toBe(9);
    expect(total.absentDays).toBe(3);
    expect(total.leave).toEqual({ annual: 1.5 });
  });

  it("sorts by name in Chinese order and ties by userId, keeping everyone without a filter", () => {
    const { rows: all, total } = filterAndSort(rows, { sort: "name", dir: "asc" });
    expect(all.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((x, y) => x.localeCompare(y, "zh-CN")));
    expect(total.lateCount).toBe(13);
  });
});
