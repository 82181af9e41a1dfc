import { env } from "@/lib/env";

/** The org's monthly call quota and the share of it the console's own background work may spend. */
export interface BudgetConfig {
  /** Metered calls a month; null when the edition has no limit. */
  monthlyQuota: number | null;
  /** 0..1 of the quota for work nobody started by hand (schedule, events). */
  backgroundShare: number;
}

export function budgetConfig(): BudgetConfig {
  const e = env();
  return { monthlyQuota: e.DINGTALK_MONTHLY_CALL_QUOTA, backgroundShare: e.DINGTALK_BACKGROUND_CALL_SHARE };
}
