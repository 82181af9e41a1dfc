import type { MonthUsage } from "./usage";

/** A job a person starts asks for confirmation when it would spend more than this share of the month's quota. */
export const CONFIRM_ABOVE_SHARE = 0.05;

/** What a person sees before starting a job: its calls, their share of the quota, what is left, and whether to ask first. */
export interface JobEstimate {
  calls: number;
  /** 0..1 of the monthly quota; null when unlimited. */
  share: number | null;
  /** Calls left this month; null when unlimited. */
  remaining: number | null;
  /** Whether the job must be confirmed before it runs. */
  confirm: boolean;
}

/** `blocked`: DingTalk refused a call for the quota this month; whatever the count says, nothing is left. */
export function jobEstimate(usage: Pick<MonthUsage, "quota" | "used">, calls: number, blocked = false): JobEstimate {
  if (usage.quota === null) return blocked ? { calls, share: null, remaining: 0, confirm: true } : { calls, share: null, remaining: null, confirm: false };
  const remaining = blocked ? 0 : Math.max(0, usage.quota - usage.used);
  const share = calls / usage.quota;
  return { calls, share, remaining, confirm: share > CONFIRM_ABOVE_SHARE || calls > remaining };
}
