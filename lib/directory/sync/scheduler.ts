import { recordHeadcountSnapshot } from "../stats";
import { getDb } from "@/lib/db/client";
import { getDingTalk } from "@/lib/server/dingtalk";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { errorText, RUN_STALE_AFTER_MS, type DirectorySyncDeps } from "./deps";
import { requestFullSync, requestReconcile } from "./start";

export interface DirectorySchedulerOptions {
  /** Defaults to the console's database and DingTalk client. */
  deps?: () => DirectorySyncDeps;
  /** How often the scheduler looks at what is due. */
  tickMs?: number;
  /** A full sync when the last finished one is older than this. */
  fullEveryMs?: number;
  /** A reconcile when the last finished one (or the last full sync) is older than this. */
  reconcileEveryMs?: number;
  log?: (message: string) => void;
}

export interface DirectoryScheduler {
  /** Looks once at what is due and starts it; resolves when a reconcile ends or a sync has started. */
  tick(): Promise<"full" | "reconcile" | "nothing">;
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
 * Keeps the directory fresh: a full sync daily, a reconcile hourly, and an interrupted sync
 * (its instance died) resumed at the next tick. Every instance may run it; the directory lease
 * lets one job run at a time.
 */
export function startDirectoryScheduler(options: DirectorySchedulerOptions = {}): DirectoryScheduler {
  const tickMs = options.tickMs ?? 60_000;
  const fullEveryMs = options.fullEveryMs ?? 24 * HOUR;
  const reconcileEveryMs = options.reconcileEveryMs ?? HOUR;
  const log = options.log ?? ((m: string) => console.warn(`[directory] ${m}`));
  const depsOf = options.deps ?? (() => ({ db: getDb(), client: getDingTalk() }));
  let busy = false;
  let lastProblem = "";

  const tick = async (): Promise<"full" | "reconcile" | "nothing"> => {
    if (busy) return "nothing";
    busy = true;
    try {
      const deps = depsOf();
      const { db } = deps;
      const now = Date.now();
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
      if (orphaned || age(lastFull?.finishedAt) >= fullEveryMs) {
        const start = await requestFullSync(deps, { actor: SYSTEM_ACTOR }, "schedule");
        if (start.started) void start.finished.then((o) => afterFullSync(deps, o, log));
        return start.started ? "full" : "nothing";
      }
      if (Math.min(age(lastReconcile?.finishedAt), age(lastFull?.finishedAt)) >= reconcileEveryMs) {
        const outcome = await requestReconcile(deps, { actor: SYSTEM_ACTOR }, "schedule");
        if (outcome && outcome.status !== "done") log(`reconcile ${outcome.runId} ended ${outcome.status}: ${outcome.error ?? ""}`);
        return outcome ? "reconcile" : "nothing";
      }
      return "nothing";
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
