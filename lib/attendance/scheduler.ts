import { budgetConfig, type BudgetConfig } from "@/lib/budget/config";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getDingTalk } from "@/lib/server/dingtalk";
import { runDueDeliveries, type DeliveryDeps } from "./delivery";
import { runFetchJob, unfinishedFetchJobs } from "./fetch";

// The attendance area's background work, on the same kind of timer as the directory's schedule:
// fetch jobs a restart (or a crash) left unfinished are resumed where they stopped, and the
// subscriptions' deliveries are made when a period ends, each within the background budget.

export interface AttendanceSchedulerOptions {
  deps?: () => DeliveryDeps;
  budget?: () => BudgetConfig;
  tickMs?: number;
  log?: (message: string) => void;
}

export function startAttendanceScheduler(options: AttendanceSchedulerOptions = {}): { tick(): Promise<void>; stop(): void } {
  const log = options.log ?? ((m: string) => console.warn(`[attendance] ${m}`));
  const depsOf = options.deps ?? (() => ({ db: getDb(), client: getDingTalk(), baseUrl: env().NEXTAUTH_URL }));
  const budgetOf = options.budget ?? budgetConfig;
  let busy = false;
  let lastProblem = "";
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const deps = depsOf();
      for (const jobId of await unfinishedFetchJobs(deps)) {
        // Started by a person, who saw its estimate: resumed as their build, not as background work.
        const outcome = await runFetchJob(deps, jobId, { startedBy: "schedule" });
        if (outcome.status !== "done") log(`fetch ${jobId} resumed and stopped again (${outcome.status}): ${outcome.error ?? ""}`);
      }
      const done = await runDueDeliveries(deps, budgetOf(), log);
      if (done.failed > 0) log(`${done.failed} report deliveries failed; they are tried again later`);
      lastProblem = "";
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      if (problem !== lastProblem) log(`attendance schedule skipped: ${problem}`);
      lastProblem = problem;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 60_000);
  timer.unref?.();
  return { tick, stop: () => clearInterval(timer) };
}
