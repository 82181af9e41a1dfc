import { describe, expect, it } from "vitest";
import { attendanceGroups, groupOf } from "./groups";
import { attendanceDay, type TimeResult } from "./punches";
import { addDays, datesFrom, isWorkday } from "./workdays";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const groups = attendanceGroups(7);
const day = (seed: number, userId: string, date: string) => attendanceDay(seed, userId, date, groupOf(groups, seed, userId), NOW);

describe("the workday calendar", () => {
  it("keeps weekends and national holidays off and makes swapped weekends workdays", () => {
    expect(isWorkday("2026-03-02")).toBe(true); // Monday
    expect(isWorkday("2026-03-07")).toBe(false); // Saturday
    expect(isWorkday("2026-10-01")).toBe(false); // 国庆
    expect(isWorkday("2026-02-18")).toBe(false); // 春节, a Wednesday
    expect(isWorkday("2026-10-10")).toBe(true); // Saturday worked for 国庆
    expect(isWorkday("2026-02-14")).toBe(true); // Saturday worked for 春节
    expect(isWorkday("2027-10-04")).toBe(false);
    expect(datesFrom("2026-10-05", "2026-10-11").filter(isWorkday)).toEqual(["2026-10-08", "2026-10-09", "2026-10-10"]);
  });
});

describe("computed attendance", () => {
  it("is the same every time for one seed and differs between seeds", () => {
    expect(day(7, "user1", "2026-03-02")).toEqual(day(7, "user1", "2026-03-02"));
    const dates = datesFrom("2026-03-02", "2026-03-13");
    const times = (seed: number) => dates.flatMap((d) => day(seed, "user1", d).results.map((r) => r.userCheckTime));
    expect(times(7)).not.toEqual(times(8));
  });

  it("has nothing on days off or in the future", () => {
    expect(day(7, "user1", "2026-03-07")).toEqual({ results: [], punches: [], leave: null });
    expect(day(7, "user1", "2026-10-02").results).toEqual([]);
    expect(day(7, "user1", "2026-12-01").results).toEqual([]);
  });

  it("has realistic rates over a sample of people and days", () => {
    const counts = new Map<TimeResult | "Outside" | "leave", number>();
    let onDuty = 0;
    let offDuty = 0;
    let workdays = 0;
    const dates = datesFrom("2026-03-02", "2026-04-30").filter(isWorkday);
    for (let u = 0; u < 200; u++) {
      for (const date of dates) {
        const d = day(7, `user${u}`, date);
        workdays++;
        if (d.leave) counts.set("leave", (counts.get("leave") ?? 0) + 1);
        for (const r of d.results) {
          if (r.sourceType === "APPROVE") continue;
          if (r.checkType === "OnDuty") onDuty++;
          else offDuty++;
          counts.set(r.timeResult, (counts.get(r.timeResult) ?? 0) + 1);
          if (r.locationResult === "Outside") counts.set("Outside", (counts.get("Outside") ?? 0) + 1);
        }
        // Every punch behind a signed result is in the raw records.
        for (const r of d.results.filter((x) => x.recordId)) expect(d.punches.some((p) => p.id === r.recordId)).toBe(true);
      }
    }
    const rate = (key: TimeResult | "Outside" | "leave", of: number) => (counts.get(key) ?? 0) / of;
    expect(rate("Late", onDuty)).toBeGreaterThan(0.02);
    expect(rate("Late", onDuty)).toBeLessThan(0.12);
    expect(rate("SeriousLate", onDuty)).toBeGreaterThan(0.002);
    expect(rate("SeriousLate", onDuty)).toBeLessThan(0.03);
    expect(rate("Absenteeism", onDuty)).toBeGreaterThan(0.0005);
    expect(rate("Absenteeism", onDuty)).toBeLessThan(0.02);
    expect(rate("Early", offDuty)).toBeGreaterThan(0.015);
    expect(rate("Early", offDuty)).toBeLessThan(0.1);
    expect(rate("NotSigned", onDuty + offDuty)).toBeGreaterThan(0.005);
    expect(rate("NotSigned", onDuty + offDuty)).toBeLessThan(0.05);
    expect(rate("Normal", onDuty + offDuty)).toBeGreaterThan(0.8);
    expect(rate("Outside", onDuty + offDuty)).toBeGreaterThan(0.01);
    expect(rate("Outside", onDuty + offDuty)).toBeLessThan(0.15);
    expect(rate("leave", workdays)).toBeGreaterThan(0.01);
    expect(rate("leave", workdays)).toBeLessThan(0.05);
  }, 60_000); // a correctness check over a large sample, not a speed budget

  it("covers a leave day by the approval instead of punches", () => {
    let found = false;
    for (let u = 0; u < 200 && !found; u++) {
      for (let date = "2026-03-02"; date < "2026-05-01" && !found; date = addDays(date, 1)) {
        const d = day(7, `user${u}`, date);
        if (!d.leave?.fullDay) continue;
        found = true;
        expect(d.results.map((r) => r.sourceType)).toEqual(["APPROVE", "APPROVE"]);
        expect(d.punches).toEqual([]);
      }
    }
    expect(found).toBe(true);
  });
});
