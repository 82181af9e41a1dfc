import { describe, expect, it } from "vitest";
import { DATE_PRESETS, matchingPreset, presetRange } from "./date-presets";

// Instants given in UTC; the ranges must follow the Shanghai calendar (UTC+8).
const at = (iso: string) => new Date(iso);

describe("presetRange", () => {
  it("takes the Shanghai day, not the UTC one: 2026-03-31T16:30Z is already 1 April in Shanghai", () => {
    const now = at("2026-03-31T16:30:00Z");
    expect(presetRange("today", now)).toEqual({ from: "2026-04-01", to: "2026-04-01" });
    expect(presetRange("thisMonth", now)).toEqual({ from: "2026-04-01", to: "2026-04-01" });
    expect(presetRange("lastMonth", now)).toEqual({ from: "2026-03-01", to: "2026-03-31" });
  });

  it("is still the last day of the month at 15:59 UTC", () => {
    const now = at("2026-03-31T15:59:00Z");
    expect(presetRange("today", now)).toEqual({ from: "2026-03-31", to: "2026-03-31" });
    expect(presetRange("lastMonth", now)).toEqual({ from: "2026-02-01", to: "2026-02-28" });
  });

  it("上月 across a year end and a leap February", () => {
    expect(presetRange("lastMonth", at("2026-01-15T04:00:00Z"))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetRange("lastMonth", at("2028-03-10T04:00:00Z"))).toEqual({ from: "2028-02-01", to: "2028-02-29" });
  });

  it("近7天 and 近30天 include today and cross month ends", () => {
    const now = at("2026-03-02T02:00:00Z"); // Monday 2 March in Shanghai
    expect(presetRange("last7Days", now)).toEqual({ from: "2026-02-24", to: "2026-03-02" });
    expect(presetRange("last30Days", now)).toEqual({ from: "2026-02-01", to: "2026-03-02" });
  });

  it("本周 starts on Monday, also when today is Sunday and the week began in the previous month", () => {
    expect(presetRange("thisWeek", at("2026-03-01T10:00:00Z"))).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(presetRange("thisWeek", at("2026-03-02T10:00:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-02" });
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai: a new week.
    expect(presetRange("thisWeek", at("2026-03-01T23:30:00Z"))).toEqual({ from: "2026-03-02", to: "2026-03-02" });
  });
});

describe("matchingPreset", () => {
  const now = at("2026-05-20T03:00:00Z");
  it("names the preset a range came from", () => {
    for (const p of DATE_PRESETS.filter((p) => p !== "today")) expect(matchingPreset(presetRange(p, now), now)).toBe(p);
    expect(matchingPreset({ from: "2026-05-20", to: "2026-05-20" }, now)).toBe("today");
  });
  it("names none for another range or an open one", () => {
    expect(matchingPreset({ from: "2026-05-02", to: "2026-05-20" }, now)).toBeUndefined();
    expect(matchingPreset({ from: "2026-05-01" }, now)).toBeUndefined();
  });
});
