import { describe, expect, it } from "vitest";
import { fromShanghaiInput } from "@/lib/time";
import { freeSlots, isWeekday, mergeIntervals } from "./free-slots";

const at = (local: string) => fromShanghaiInput(local)!.getTime();
const block = (from: string, to: string) => ({ start: at(from), end: at(to) });
const shown = (slots: { start: number; end: number }[]) =>
  slots.map((s) => `${new Date(s.start + 8 * 3600_000).toISOString().slice(0, 16)}–${new Date(s.end + 8 * 3600_000).toISOString().slice(11, 16)}`);

describe("free slots", () => {
  it("merges overlapping and touching busy blocks", () => {
    expect(mergeIntervals([block("2026-03-02T10:00", "2026-03-02T11:00"), block("2026-03-02T09:00", "2026-03-02T10:00"), block("2026-03-02T10:30", "2026-03-02T12:00"), block("2026-03-02T13:00", "2026-03-02T13:00")]))
      .toEqual([block("2026-03-02T09:00", "2026-03-02T12:00")]);
  });

  it("proposes the start of each free stretch long enough, inside 09:00–18:00 Shanghai", () => {
    // 2026-03-02 is a Monday.
    const busy = [block("2026-03-02T08:00", "2026-03-02T09:40"), block("2026-03-02T10:30", "2026-03-02T12:00"), block("2026-03-02T12:20", "2026-03-02T17:30")];
    expect(shown(freeSlots({ busy, from: "2026-03-02", to: "2026-03-02", minutes: 30, limit: 5 }))).toEqual(["2026-03-02T09:45–10:15", "2026-03-02T17:30–18:00"]);
    expect(shown(freeSlots({ busy, from: "2026-03-02", to: "2026-03-03", minutes: 30, limit: 3 }))).toEqual(["2026-03-02T09:45–10:15", "2026-03-02T17:30–18:00", "2026-03-03T09:00–09:30"]);
    expect(shown(freeSlots({ busy, from: "2026-03-02", to: "2026-03-02", minutes: 20, limit: 5, stepMinutes: 5 }))).toEqual(["2026-03-02T09:40–10:00", "2026-03-02T12:00–12:20", "2026-03-02T17:30–17:50"]);
  });

  it("skips weekends and what is before now, and stops at the limit", () => {
    expect(isWeekday("2026-03-07")).toBe(false);
    expect(isWeekday("2026-03-09")).toBe(true);
    const slots = freeSlots({ busy: [], from: "2026-03-06", to: "2026-03-10", minutes: 60, limit: 3, notBefore: at("2026-03-06T17:01") });
    // Friday after 17:00 has no full hour left; Saturday and Sunday are not worked.
    expect(shown(slots)).toEqual(["2026-03-09T09:00–10:00", "2026-03-10T09:00–10:00"]);
    expect(freeSlots({ busy: [], from: "2026-03-09", to: "2026-03-09", minutes: 600, limit: 3 })).toEqual([]);
    const holidays = freeSlots({ busy: [], from: "2026-03-09", to: "2026-03-10", minutes: 60, limit: 3, isWorkday: (d) => d !== "2026-03-09" });
    expect(shown(holidays)).toEqual(["2026-03-10T09:00–10:00"]);
  });

  it("never proposes a slot that overlaps anyone's block", () => {
    const busy = Array.from({ length: 40 }, (_, i) => {
      const start = at("2026-03-02T08:00") + ((i * 7919) % (5 * 24 * 60)) * 60_000;
      return { start, end: start + (15 + ((i * 31) % 90)) * 60_000 };
    });
    const slots = freeSlots({ busy, from: "2026-03-02", to: "2026-03-06", minutes: 45, limit: 20 });
    expect(slots.length).toBeGreaterThan(3);
    for (const s of slots) {
      expect(busy.some((b) => b.start < s.end && s.start < b.end)).toBe(false);
      const local = new Date(s.start + 8 * 3600_000);
      expect(local.getUTCHours() * 60 + local.getUTCMinutes()).toBeGreaterThanOrEqual(9 * 60);
      expect(s.end - s.start).toBe(45 * 60_000);
    }
  });
});
