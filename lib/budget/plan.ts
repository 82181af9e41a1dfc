import type { Db } from "@/lib/db/client";
import type { BudgetConfig } from "./config";
import { quotaState } from "./quota-state";
import { monthUsage } from "./usage";

// Every background job asks before it starts: its estimated calls against what the month has left
// of the background share (and of the quota). It runs, runs smaller, or does not run, and the
// decision is kept (BackgroundJobDecision) for the usage page and logged.

export type JobDecision = "run" | "shrink" | "skip";

export interface JobPlanRequest {
  job: string;
  /** Calls the job would make as planned. */
  estimatedCalls: number;
  /** The fewest calls a smaller run of it is worth; without it the job runs whole or not at all. */
  minimumCalls?: number;
  now?: Date;
}

export interface JobPlan {
  decision: JobDecision;
  /** Calls the job may make: the estimate, less when shrunk, 0 when skipped. */
  allowedCalls: number;
  /** What background work may still spend this month; null when the quota is unlimited. */
  remainingCalls: number | null;
  reason: string;
}

/** What background work may still spend this month: its share's rest, and never more than the quota's rest. */
export async function remainingBackgroundCalls(db: Db, config: BudgetConfig, now: Date = new Date()): Promise<number | null> {
  if (config.monthlyQuota === null) return null;
  const usage = await monthUsage(db, config, now);
  return Math.max(0, Math.min(usage.backgroundBudget! - usage.background, config.monthlyQuota - usage.used));
}

export async function planBackgroundJob(
  db: Db,
  config: BudgetConfig,
  request: JobPlanRequest,
  log: (message: string) => void = (m) => console.warn(`[budget] ${m}`),
): Promise<JobPlan> {
  const now = request.now ?? new Date();
  const estimate = Math.max(0, Math.ceil(request.estimatedCalls));
  const state = await quotaState(db, now);
  let plan: JobPlan;
  if (state.blocked) {
    plan = {
      decision: "skip",
      allowedCalls: 0,
      remainingCalls: 0,
      reason: `DingTalk refused a call for the monthly quota at ${state.since!.toISOString()}; background work waits until ${state.until!.toISOString()}`,
    };
  } else {
    const remaining = await remainingBackgroundCalls(db, config, now);
    if (remaining === null || estimate <= remaining) {
      plan = { decision: "run", allowedCalls: estimate, remainingCalls: remaining, reason: remaining === null ? "the quota is unlimited" : `needs about ${estimate} of the ${remaining} calls left this month` };
    } else if (request.minimumCalls !== undefined && request.minimumCalls <= remaining) {
      plan = { decision: "shrink", allowedCalls: remaining, remainingCalls: remaining, reason: `needs about ${estimate} calls but only ${remaining} are left of the background share this month: shrunk to ${remaining}` };
    } else {
      plan = { decision: "skip", allowedCalls: 0, remainingCalls: remaining, reason: `needs about ${estimate} calls but only ${remaining} are left of the background share this month` };
    }
  }
  await db.backgroundJobDecision.create({
    data: { at: now, job: request.job, decision: plan.decision, estimatedCalls: estimate, remainingCalls: plan.remainingCalls, reason: plan.reason },
  });
  if (plan.decision !== "run") log(`${request.job} ${plan.decision === "skip" ? "skipped" : "shrunk"}: ${plan.reason}`);
  return plan;
}

/** The latest decisions, newest first, for the usage page. */
export function recentJobDecisions(db: Db, take = 20) {
  return db.backgroundJobDecision.findMany({ orderBy: { id: "desc" }, take });
}
