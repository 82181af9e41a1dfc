import type { Db } from "@/lib/db/client";
import { RUN_STALE_AFTER_MS } from "./deps";

/** A sync or reconcile run as the sync page shows it, with its pace worked out. */
export interface SyncProgress {
  runId: string;
  kind: "full" | "reconcile";
  status: "running" | "done" | "failed" | "interrupted";
  startedBy: string;
  startedAt: string;
  finishedAt: string | null;
  heartbeatAt: string;
  departmentsDone: number;
  /** Grows while the tree is discovered. */
  departmentsTotal: number;
  peopleSeen: number;
  apiCalls: number;
  error: string | null;
  elapsedSeconds: number;
  peoplePerSecond: number;
  departmentsPerSecond: number;
  /** From the departments still to list at the pace so far; null before there is a pace, 0 when finished. */
  secondsLeft: number | null;
  /** Running, but its instance has not beaten for a while: it died and the next start takes it over. */
  stale: boolean;
}

type RunRow = Awaited<ReturnType<Db["directorySyncRun"]["findFirstOrThrow"]>>;

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Pace and time left of one run row. */
export function describeRun(run: RunRow, now: Date = new Date(), staleAfterMs = RUN_STALE_AFTER_MS): SyncProgress {
  const end = run.status === "running" ? now : (run.finishedAt ?? run.heartbeatAt);
  const elapsedSeconds = Math.max(0, (end.getTime() - run.startedAt.getTime()) / 1000);
  const perSecond = (n: number) => (elapsedSeconds > 0 ? n / elapsedSeconds : 0);
  const departmentsPerSecond = perSecond(run.departmentsDone);
  const remaining = Math.max(0, run.departmentsTotal - run.departmentsDone);
  const secondsLeft = run.status === "done" ? 0 : departmentsPerSecond > 0 ? remaining / departmentsPerSecond : null;
  return {
    runId: run.id,
    kind: run.kind === "reconcile" ? "reconcile" : "full",
    status: (["running", "done", "failed", "interrupted"] as const).find((s) => s === run.status) ?? "failed",
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    heartbeatAt: run.heartbeatAt.toISOString(),
    departmentsDone: run.departmentsDone,
    departmentsTotal: run.departmentsTotal,
    peopleSeen: run.peopleSeen,
    apiCalls: run.apiCalls,
    error: run.error,
    elapsedSeconds: round(elapsedSeconds),
    peoplePerSecond: round(perSecond(run.peopleSeen)),
    departmentsPerSecond: round(departmentsPerSecond, 2),
    secondsLeft: secondsLeft === null ? null : Math.ceil(secondsLeft),
    stale: run.status === "running" && now.getTime() - run.heartbeatAt.getTime() > staleAfterMs,
  };
}

/** One run by id, or the most recent one; null when there is none. */
export async function getSyncProgress(db: Db, runId?: string): Promise<SyncProgress | null> {
  const run = runId
    ? await db.directorySyncRun.findUnique({ where: { id: runId } })
    : await db.directorySyncRun.findFirst({ orderBy: { startedAt: "desc" } });
  return run ? describeRun(run) : null;
}

/** The latest runs, newest first, for the history table. */
export async function listSyncRuns(db: Db, limit = 20): Promise<SyncProgress[]> {
  const runs = await db.directorySyncRun.findMany({ orderBy: { startedAt: "desc" }, take: Math.min(Math.max(1, limit), 200) });
  const now = new Date();
  return runs.map((r) => describeRun(r, now));
}
