import type { Db } from "@/lib/db/client";
import { BACKFILL_STALE_AFTER_MS } from "./deps";

/** A backfill run as a page shows it. */
export interface BackfillProgress {
  runId: string;
  status: "running" | "done" | "failed" | "interrupted";
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  estimatedCalls: number;
  windowsTotal: number;
  windowsDone: number;
  idsFound: number;
  instancesFetched: number;
  apiCalls: number;
  error: string | null;
  /** Details still to fetch at the pace so far; null before there is a pace. */
  secondsLeft: number | null;
  /** Running, but its instance stopped beating: the next start resumes it. */
  stale: boolean;
}

/** The latest run (or one by id), null when there is none. */
export async function getBackfillProgress(db: Db, runId?: string, now: Date = new Date()): Promise<BackfillProgress | null> {
  const run = runId
    ? await db.approvalBackfillRun.findUnique({ where: { id: runId } })
    : await db.approvalBackfillRun.findFirst({ orderBy: { startedAt: "desc" } });
  if (!run) return null;
  const end = run.status === "running" ? now : (run.finishedAt ?? run.heartbeatAt);
  const seconds = Math.max(0, (end.getTime() - run.startedAt.getTime()) / 1000);
  const pace = seconds > 0 ? run.apiCalls / seconds : 0;
  const callsLeft = Math.max(0, run.windowsTotal - run.windowsDone) + Math.max(0, run.idsFound - run.instancesFetched);
  return {
    runId: run.id,
    status: (["running", "done", "failed", "interrupted"] as const).find((s) => s === run.status) ?? "failed",
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    estimatedCalls: run.estimatedCalls,
    windowsTotal: run.windowsTotal,
    windowsDone: run.windowsDone,
    idsFound: run.idsFound,
    instancesFetched: run.instancesFetched,
    apiCalls: run.apiCalls,
    error: run.error,
    secondsLeft: run.status === "done" ? 0 : pace > 0 ? Math.ceil(callsLeft / pace) : null,
    stale: run.status === "running" && now.getTime() - run.heartbeatAt.getTime() > BACKFILL_STALE_AFTER_MS,
  };
}
