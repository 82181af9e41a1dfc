import { recordHeadcountSnapshot } from "../stats";
import { budgetConfig, type BudgetConfig } from "@/lib/budget/config";
import { planBackgroundJob } from "@/lib/budget/plan";
import { getDb } from "@/lib/db/client";
import { getDingTalk } from "@/lib/server/dingtalk";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { errorText, nowOf, RUN_STALE_AFTER_MS, type DirectorySyncDeps } from "./deps";
import { fullSyncCallEstimate, nextReconcileSlice, reconcileSchedule } from "./reconcile-plan";
import { sliceCallEstimate } from "./reconcile";
import { requestFullSync, requestReconcile } from "./start";

export interface DirectorySchedulerOptions {
  /** Defaults to the console's database and DingTalk client. */
  deps?: () => DirectorySyncDeps;
  /** The quota and background share; the environment's by default. */
  budget?: () => BudgetConfig;
  /** How often the scheduler looks at what is due. */
  tickMs?: number;
  /**
   * A full sync when the last finished one is older than this; by default only the first one
   * (org events and the reconcile keep the directory fresh after it).
   */
  fullEveryMs?: number;
  /** A reconcile when the last finished one (or the last full sync) is older than this; by default it follows from the budget and the org's size. */
  reconcileEveryMs?: number;
  log?: (message: string) => void;
}

export type TickResult = "full" | "reconcile" | "skipped" | "nothing";

export interface DirectoryScheduler {
  /** Looks once at what is due and starts it; resolves when a reconcile ends or a sync has started. */
  tick(): Promise<TickResult>;
  stop(): void;
}

const HOUR = 3_600_000;

/** A finished full sync leaves the day's headcount snapshot behind, for the trend charts. */
export async function afterFullSync(deps: DirectorySyncDeps, outcome: { runId: string; status: string; error?: string | null }, log: (m: string) => void): Promise<void> {
  if (outcome.status !== "done") {
    log(`full sync ${outcome.runId} ended ${outcome.status}: ${outcome.error ?? ""}`);
    return;
  }
  await recordHeadcountSnapshot(deps.db).catch((error: unknown) => log(`headcount snapshot failed: ${error instanceof Error ? error.message : String(error)}`));
}

/**
 * Keeps the directory fresh within the call budget: the first full sync, an interrupted one
 * resumed at the next tick, and the reconcile as often and as wide as the budget and the org's
 * size allow (reconcile-plan.ts). Each job's calls are estimated before it starts; a job the
 * month's background share does not cover is shrunk or skipped, and says so. Every instance may
 * run it; the directory lease lets one job run at a time.
 */
export function startDirectoryScheduler(options: DirectorySchedulerOptions = {}): DirectoryScheduler {
  const tickMs = options.tickMs ?? 60_000;
  const fullEveryMs = options.fullEveryMs ?? Number.POSITIVE_INFINITY;
  const log = options.log ?? ((m: string) => console.warn(`[directory] ${m}`));
  const depsOf = options.deps ?? (() => ({ db: getDb(), client: getDingTalk() }));
  const budgetOf = options.budget ?? budgetConfig;
  let busy = false;
  let lastProblem = "";
  // After a skip, the job is not asked for again (nor another decision recorded) before this.
  let skippedUntil = 0;

  const tick = async (): Promise<TickResult> => {
    if (busy) return "nothing";
    busy = true;
    try {
      const deps = depsOf();
      const { db } = deps;
      const at = nowOf(deps);
      const now = at.getTime();
      if (now < skippedUntil) return "nothing";
      const budget = budgetOf();
      const [lastFull, unfinished, lastReconcile] = await Promise.all([
        db.directorySyncRun.findFirst({ where: { kind: "full", status: "done" }, orderBy: { finishedAt: "desc" } }),
        db.directorySyncRun.findFirst({ where: { kind: "full", status: { in: ["running", "interrupted"] } }, orderBy: { startedAt: "desc" } }),
        db.directorySyncRun.findFirst({ where: { kind: "reconcile", status: "done" }, orderBy: { finishedAt: "desc" } }),
      ]);
      const age = (d: Date | null | undefined) => (d ? now - d.getTime() : Number.POSITIVE_INFINITY);
      // A run another instance is working on (fresh heartbeat) is left alone, without an audit entry each minute.
      const orphaned = unfinished !== null && (unfinished.status === "interrupted" || age(unfinished.heartbeatAt) > RUN_STALE_AFTER_MS);
      const active = unfinished !== null && !orphaned;
      if (active) return "nothing";
      // The plan has said why (log and decision record); the job is not asked for again meanwhile.
      const skip = (retryInMs: number): TickResult => {
        skippedUntil = now + retryInMs;
        return "skipped";
      };
      if (orphaned || age(lastFull?.finishedAt) >= fullEveryMs) {
        const estimate = await fullSyncCallEstimate(db);
        const plan = await planBackgroundJob(db, budget, { job: "directory.sync.schedule", estimatedCalls: estimate, now: at }, log);
        if (plan.decision === "skip") return skip(HOUR);
        const start = await requestFullSync(deps, { actor: SYSTEM_ACTOR }, "schedule", {}, estimate);
        if (start.started) void start.finished.then((o) => afterFullSync(deps, o, log));
        return start.started ? "full" : "nothing";
      }
      const departments = await db.directoryDepartment.count({ where: { removedAt: null } });
      const schedule = reconcileSchedule(budget, departments, at);
      const everyMs = options.reconcileEveryMs ?? schedule.everyMs;
      if (Math.min(age(lastReconcile?.finishedAt), age(lastFull?.finishedAt)) < everyMs) return "nothing";
      const plan = await planBackgroundJob(
        db,
        budget,
        { job: "directory.reconcile", estimatedCalls: schedule.estimatedCalls, minimumCalls: schedule.wholeTree ? undefined : sliceCallEstimate(1), now: at },
        log,
      );
      if (plan.decision === "skip") return skip(Math.min(everyMs, 6 * HOUR));
      // A shrunk run checks as many departments as its calls cover.
      const size = plan.decision === "shrink" ? Math.max(1, Math.floor((plan.allowedCalls - sliceCallEstimate(0)) / 2)) : schedule.departmentsPerRun;
      const slice = schedule.wholeTree && plan.decision === "run" ? undefined : await nextReconcileSlice(db, size);
      const outcome = await requestReconcile(deps, { actor: SYSTEM_ACTOR }, "schedule", { departments: slice, maxCalls: plan.allowedCalls });
      if (outcome && outcome.status !== "done") log(`reconcile ${outcome.runId} ended ${outcome.status}: ${outcome.error ?? ""}`);
      return outcome ? "reconcile" : "nothing";
    } catch (error) {
      // Said once per distinct problem (an unconfigured DingTalk app would otherwise log every minute).
      const problem = errorText(error);
      if (problem !== lastProblem) log(`scheduled sync skipped: ${problem}`);
      lastProblem = problem;
      return "nothing";
    } finally {
      busy = false;
    }
  };

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref?.();
  return { tick, stop: () => clearInterval(timer) };
}
