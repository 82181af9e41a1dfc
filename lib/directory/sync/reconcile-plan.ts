import type { BudgetConfig } from "@/lib/budget/config";
import { daysInMonth } from "@/lib/budget/month";
import type { Db } from "@/lib/db/client";
import { reconcileCallEstimate, sliceCallEstimate } from "./reconcile";

// How often the directory's reconcile runs and how much it checks, from the call budget and the
// org's size. Org events keep the directory fresh; the reconcile only catches what they missed,
// so it gets a small, fixed part of the background share, spread evenly over the month.

/** The part of the background share the reconcile plans to spend in a month. */
export const RECONCILE_PART_OF_SHARE = 0.1;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ReconcileSchedule {
  /** How long after the last reconcile (or full sync) the next one is due. */
  everyMs: number;
  /** The departments each run checks; the whole tree when it equals the org's. */
  departmentsPerRun: number;
  wholeTree: boolean;
  estimatedCalls: number;
  /** The calls a month of this schedule makes. */
  monthlyCalls: number;
}

export function reconcileSchedule(config: BudgetConfig, departments: number, now: Date = new Date()): ReconcileSchedule {
  const whole = reconcileCallEstimate(departments);
  const days = daysInMonth(now);
  if (config.monthlyQuota === null) {
    // No quota: the whole tree every six hours, as a safety net needs no more.
    return { everyMs: 6 * HOUR, departmentsPerRun: departments, wholeTree: true, estimatedCalls: whole, monthlyCalls: whole * 4 * days };
  }
  const allowance = Math.floor(config.monthlyQuota * config.backgroundShare * RECONCILE_PART_OF_SHARE);
  const wholeRuns = Math.floor(allowance / whole);
  if (wholeRuns >= days) {
    // The whole tree fits daily or more often; never more than hourly.
    const everyMs = Math.max(HOUR, Math.floor((days * DAY) / wholeRuns));
    return { everyMs, departmentsPerRun: departments, wholeTree: true, estimatedCalls: whole, monthlyCalls: whole * Math.floor((days * DAY) / everyMs) };
  }
  // A slice a day, rotating through the tree.
  const perDay = Math.floor(allowance / days);
  const departmentsPerRun = Math.max(1, Math.min(departments, Math.floor((perDay - sliceCallEstimate(0)) / 2)));
  const estimatedCalls = sliceCallEstimate(departmentsPerRun);
  return { everyMs: DAY, departmentsPerRun, wholeTree: false, estimatedCalls, monthlyCalls: estimatedCalls * days };
}

/**
 * The next slice of the tree: departments in id order from where the previous slices stopped
 * (each finished reconcile moves the start on by the slice), wrapping round.
 */
export async function nextReconcileSlice(db: Db, size: number): Promise<number[]> {
  const ids = (await db.directoryDepartment.findMany({ where: { removedAt: null }, select: { deptId: true }, orderBy: { deptId: "asc" } })).map((d) => d.deptId);
  if (ids.length === 0 || size >= ids.length) return ids;
  const runs = await db.directorySyncRun.count({ where: { kind: "reconcile", status: "done" } });
  const start = (runs * size) % ids.length;
  return Array.from({ length: size }, (_, i) => ids[(start + i) % ids.length]);
}

/** Calls a full sync of the org as the tables know it would make: the root, a listsub per department and its pages of people. */
export async function fullSyncCallEstimate(db: Db, pageSize = 100): Promise<number> {
  const departments = await db.directoryDepartment.findMany({ where: { removedAt: null }, select: { memberCount: true } });
  if (departments.length === 0) {
    const last = await db.directorySyncRun.findFirst({ where: { kind: "full", status: "done" }, orderBy: { finishedAt: "desc" }, select: { apiCalls: true } });
    return last?.apiCalls ?? 0;
  }
  return 1 + departments.reduce((sum, d) => sum + 1 + Math.max(1, Math.ceil(d.memberCount / pageSize)), 0);
}
