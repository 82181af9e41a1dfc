import { describe, expect, it } from "vitest";
import {
  addDaysTo,
  compactDay,
  dayRange,
  dayStart,
  daysBetween,
  fromShanghaiInput,
  monthDays,
  monthRange,
  parseDay,
  parseInstant,
  parseMonth,
  shanghaiDay,
  shanghaiIso,
  shanghaiMonth,
  shanghaiStamp,
  startOfShanghaiDay,
  toShanghaiInput,
} from "./time";

const utc = (iso: string) => new Date(iso);

describe("Shanghai days", () => {
  it("names the day in UTC+8 on both sides of its midnight", () => {
    expect(shanghaiDay(utc("2026-11-20T15:59:59.999Z"))).toBe("2026-11-20");
    expect(shanghaiDay(utc("2026-11-20T16:00:00Z"))).toBe("2026-11-21");
    expect(shanghaiDay(utc("2026-11-20T15:30:00Z"), -1)).toBe("2026-11-19");
    expect(shanghaiDay(utc("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });

  it("starts and ends a day at Shanghai midnight", () => {
    expect(dayStart("2026-11-21").toISOString()).toBe("2026-11-20T16:00:00.000Z");
    const { start, end } = dayRange("2026-03-01");
    expect(start.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-01T16:00:00.000Z");
    expect(startOfShanghaiDay(utc("2026-11-21T03:00:00Z")).toISOString()).toBe("2026-11-20T16:00:00.000Z");
  });

  it("counts and moves by whole days across month and year ends", () => {
    expect(addDaysTo("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDaysTo("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDaysTo("2027-01-01", -1)).toBe("2026-12-31");
    expect(daysBetween("2026-01-01", "2026-12-31")).toBe(364);
    expect(daysBetween("2026-03-02", "2026-03-01")).toBe(-1);
  });

  it("accepts only real days", () => {
    expect(parseDay("2026-02-28")).toBe("2026-02-28");
    expect(parseDay("2026-02-29")).toBeNull();
    expect(parseDay("2028-02-29")).toBe("2028-02-29");
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("20261120")).toBeNull();
    expect(parseDay(undefined)).toBeNull();
    expect(() => dayStart("2026-02-30")).toThrow(RangeError);
  });

  it("writes the compact day DingTalk's old API reads", () => {
    expect(compactDay(utc("2026-11-20T16:00:00Z"))).toBe("20261121");
    expect(compactDay("2026-11-21")).toBe("20261121");
  });
});

describe("Shanghai months", () => {
  it("names the month in UTC+8 at its boundary", () => {
    expect(shanghaiMonth(utc("2026-11-30T15:59:59Z"))).toBe("2026-11");
    expect(shanghaiMonth(utc("2026-11-30T16:00:00Z"))).toBe("2026-12");
  });

  it("spans a month from its first Shanghai midnight to the next month's", () => {
    const feb = monthRange("2026-02");
    expect(feb.start.toISOString()).toBe("2026-01-31T16:00:00.000Z");
    expect(feb.end.toISOString()).toBe("2026-02-28T16:00:00.000Z");
    const dec = monthRange("2026-12");
    expect(dec.end.toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(monthDays(utc("2028-02-10T00:00:00Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
    // 23:30 UTC on Jan 31 is already Feb 1 in Shanghai.
    expect(monthDays(utc("2026-01-31T23:30:00Z"))).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("accepts only real months", () => {
    expect(parseMonth("2026-11")).toBe("2026-11");
    expect(parseMonth("2026-00")).toBeNull();
    expect(parseMonth("2026-1")).toBeNull();
    expect(() => monthRange("2026-13")).toThrow(RangeError);
  });
});

describe("typed times", () => {
  it("round-trips datetime-local values as Shanghai time", () => {
    const d = fromShanghaiInput("2026-11-21T08:15");
    expect(d?.toISOString()).toBe("2026-11-21T00:15:00.000Z");
    expect(toShanghaiInput(d!)).toBe("2026-11-21T08:15");
    expect(fromShanghaiInput(" 2026-11-21 ")?.toISOString()).toBe("2026-11-20T16:00:00.000Z");
  });

  it("refuses what is not a real time", () => {
    for (const bad of ["nonsense", "2026-02-30", "2026-11-21T24:00", "2026-11-21T08:60", "2026-11-21 08:15", ""]) expect(fromShanghaiInput(bad), bad).toBeNull();
  });

  it("reads ms, days and ISO date-times, Shanghai unless an offset is named", () => {
    expect(parseInstant("1700000000000")).toBe(1_700_000_000_000);
    expect(parseInstant("2026-03-02")).toBe(Date.parse("2026-03-01T16:00:00Z"));
    expect(parseInstant("2026-03-02T10:00")).toBe(Date.parse("2026-03-02T02:00:00Z"));
    expect(parseInstant("2026-03-02T10:00:00+08:00")).toBe(Date.parse("2026-03-02T02:00:00Z"));
    expect(parseInstant("2026-03-02T10:00:00Z")).toBe(Date.parse("2026-03-02T10:00:00Z"));
    expect(parseInstant("2026-03-02T10:00:00-0500")).toBe(Date.parse("2026-03-02T15:00:00Z"));
    expect(parseInstant("2026-03-02T10:00:00.250")).toBe(Date.parse("2026-03-02T02:00:00.250Z"));
    for (const bad of ["2026-02-30", "2026-03-02T25:00", "next tuesday", "2026-03-02 10:00"]) expect(parseInstant(bad), bad).toBeUndefined();
  });

  it("writes instants with the +08:00 offset", () => {
    expect(shanghaiIso(Date.parse("2026-03-02T01:00:00Z"))).toBe("2026-03-02T09:00:00+08:00");
    expect(shanghaiIso(utc("2026-12-31T16:00:00Z"))).toBe("2027-01-01T00:00:00+08:00");
    expect(shanghaiStamp(utc("2025-03-01T00:04:00Z"))).toBe("2025-03-01 08:04:00.000+08:00");
  });
});
