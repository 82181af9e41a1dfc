import { describe, expect, it } from "vitest";
import { MonthlyQuota } from "./monthly-quota";

const at = (iso: string) => Date.parse(iso);

describe("MonthlyQuota", () => {
  it("refuses the call past the quota without counting it, and names the attempted count", () => {
    const t = at("2026-12-10T02:00:00Z");
    const quota = new MonthlyQuota(3, t);
    expect([1, 2, 3].map(() => quota.take("/a", t).allowed)).toEqual([true, true, true]);
    expect(quota.take("/b", t)).toEqual({ allowed: false, attempted: 4, quota: 3 });
    expect(quota.take("/b", t)).toEqual({ allowed: false, attempted: 4, quota: 3 });
    expect(quota.snapshot(t)).toEqual({ month: "2026-12", quota: 3, used: 3, byPath: { "/a": 3 } });
  });

  it("counts with the quota off, and takes a preset used count", () => {
    const t = at("2026-12-10T02:00:00Z");
    const quota = new MonthlyQuota(null, t);
    for (let i = 0; i < 50; i++) expect(quota.take("/a", t).allowed).toBe(true);
    quota.configure({ quota: 60, used: 59 }, t);
    expect(quota.take("/a", t).allowed).toBe(true);
    expect(quota.take("/a", t)).toEqual({ allowed: false, attempted: 61, quota: 60 });
    expect(quota.snapshot(t)).toMatchObject({ used: 60, byPath: { "/a": 51 } });
  });

  it("starts again when the clock crosses into the next month in Shanghai", () => {
    const t = at("2026-12-31T15:59:00Z");
    const quota = new MonthlyQuota(1, t);
    expect(quota.take("/a", t).allowed).toBe(true);
    expect(quota.take("/a", t).allowed).toBe(false);
    const next = at("2026-12-31T16:00:01Z");
    expect(quota.take("/a", next).allowed).toBe(true);
    expect(quota.snapshot(next)).toEqual({ month: "2027-01", quota: 1, used: 1, byPath: { "/a": 1 } });
  });
});
