import { describe, expect, it } from "vitest";
import { CONFIRM_ABOVE_SHARE, jobEstimate } from "./estimate";

describe("a job's estimate before a person starts it", () => {
  it("asks for confirmation above the share of the quota, or beyond what is left", () => {
    expect(jobEstimate({ quota: 10_000, used: 0 }, 500)).toEqual({ calls: 500, share: 0.05, remaining: 10_000, confirm: false });
    expect(jobEstimate({ quota: 10_000, used: 0 }, 501).confirm).toBe(true);
    expect(CONFIRM_ABOVE_SHARE).toBe(0.05);
    expect(jobEstimate({ quota: 10_000, used: 9_990 }, 40)).toMatchObject({ remaining: 10, confirm: true });
  });

  it("takes a quota refusal this month as nothing left, and an unlimited quota as no question", () => {
    expect(jobEstimate({ quota: 10_000, used: 10 }, 40, true)).toMatchObject({ remaining: 0, confirm: true });
    expect(jobEstimate({ quota: null, used: 10 }, 40)).toEqual({ calls: 40, share: null, remaining: null, confirm: false });
  });
});
