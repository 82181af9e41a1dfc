import { randomUUID } from "node:crypto";
import type { BudgetConfig } from "@/lib/budget/config";
import { planBackgroundJob } from "@/lib/budget/plan";
import type { Db } from "@/lib/db/client";
import { isQuotaRefusal, splitTimeRange, type ProcessInstance } from "@/lib/dingtalk";
import { JobLease } from "@/lib/directory/sync/lease";
import { LanePool } from "@/lib/directory/sync/lane-pool";
import {
  APPROVALS_BACKFILL_LEASE, BACKFILL_STALE_AFTER_MS, errorText, isInstanceNotFound, jobOwner, nowOf, TX_OPTIONS, type ApprovalSyncDeps,
} from "./deps";
import { FINAL_STATUSES, writeInstance } from "./store";

// The backfill: every template of the org (managements/templates), each listed in DingTalk's
// windows (≤ 120 days, up to 365 days back, 20 ids a page), then one detail call per instance.
// Each page's ids and the window's next page are committed together, and each detail together
// with its "fetched" mark, so a run that dies resumes exactly where its last commit left off.
// Listing and details are two phases: the details are planned against the budget once the
// listing has counted them.

const DAY_MS = 86_400_000;
/** DingTalk lists at most this far back. */
export const MAX_DAYS_BACK = 365;
/** DingTalk's largest listing page. */
export const LIST_PAGE_SIZE = 20;
/** Instances written per transaction. */
const WRITE_BATCH = 25;

export interface BackfillOptions {
  /** The user id of the admin, or "system" / "schedule". */
  startedBy: string;
  /** An admin's DingTalk user id: managements/templates lists every template only for an admin. */
  adminUserId: string;
  /** Stops after the calls in flight; the run stays resumable ("interrupted"). */
  signal?: AbortSignal;
  /** Calls per second per API path, spread evenly (DingTalk allows 20). */
  callsPerSecond?: number;
  /** Calls in flight per API path. */
  concurrency?: number;
  daysBack?: number;
  /** When given, the listing and then the details ask the budget first (background runs). */
  budget?: BudgetConfig;
  leaseTtlMs?: number;
  staleAfterMs?: number;
  /** Runs older than this are not resumed: a new run starts. */
  resumeWithinMs?: number;
  log?: (message: string) => void;
}

export type BackfillStatus = "done" | "interrupted" | "failed";

export interface BackfillOutcome {
  runId: string;
  status: BackfillStatus;
  resumed: boolean;
  windowsTotal: number;
  idsFound: number;
  instancesFetched: number;
  apiCalls: number;
  estimatedCalls: number;
  error?: string;
}

export type BackfillStart =
  | { started: true; runId: string; resumed: boolean; finished: Promise<BackfillOutcome> }
  | { started: false; reason: "busy" };

export interface BackfillEstimate {
  templates: number;
  windows: number;
  /** Listing pages: per template window, one per 20 instances the index already holds there, at least one. */
  pages: number;
  /** Instances the index holds in the span that are not final (their details are fetched again). */
  details: number;
  /** 1 (the templates) + pages + details. */
  calls: number;
  /**
   * True when the index holds nothing yet: DingTalk tells no count before listing, so the
   * details are known only after the listing, and are planned against the budget then.
   */
  lowerBound: boolean;
}

const DEFAULTS = { callsPerSecond: 20, concurrency: 20, leaseTtlMs: 30_000, staleAfterMs: BACKFILL_STALE_AFTER_MS, resumeWithinMs: 24 * 3_600_000 };

/** The windows of one template over the span, as DingTalk allows them. */
export function backfillWindows(now: Date, daysBack = MAX_DAYS_BACK): { startTime: number; endTime: number }[] {
  const end = now.getTime();
  return splitTimeRange(end - Math.min(daysBack, MAX_DAYS_BACK) * DAY_MS, end);
}

/**
 * The cost of a backfill before it starts, from what the index holds: pages per template window
 * from the instances already indexed there (ceil(n / 20), at least one), details for those not final.
 */
export async function estimateBackfill(db: Db, now: Date = new Date(), daysBack = MAX_DAYS_BACK): Promise<BackfillEstimate> {
  const templates = await db.approvalTemplate.findMany({ select: { processCode: true } });
  const windows = backfillWindows(now, daysBack);
  const from = new Date(windows[0].startTime);
  const rows = await db.approvalInstance.findMany({ where: { createTime: { gte: from } }, select: { processCode: true, createTime: true, status: true } });
  let pages = 0;
  let details = 0;
  const templateCount = Math.max(1, templates.length);
  for (const t of templates.length > 0 ? templates : [{ processCode: "" }]) {
    for (const w of windows) {
      const inWindow = rows.filter((r) => r.processCode === t.processCode && r.createTime.getTime() >= w.startTime && r.createTime.getTime() <= w.endTime);
      pages += Math.max(1, Math.ceil(inWindow.length / LIST_PAGE_SIZE));
      details += inWindow.filter((r) => !(FINAL_STATUSES as readonly string[]).includes(r.status)).length;
    }
  }
  return { templates: templateCount, windows: templateCount * windows.length, pages, details, calls: 1 + pages + details, lowerBound: rows.length === 0 };
}

/** Starts (or resumes) a backfill; "busy" when another one holds the lease. */
export async function startBackfill(deps: ApprovalSyncDeps, options: BackfillOptions): Promise<BackfillStart> {
  const { db } = deps;
  const o = { ...DEFAULTS, ...options };
  const owner = jobOwner(deps);
  const lease = new JobLease(db, APPROVALS_BACKFILL_LEASE, owner, { ttlMs: o.leaseTtlMs, now: deps.now });
  if (!(await lease.acquire())) return { started: false, reason: "busy" };
  const log = o.log ?? ((m: string) => console.warn(`[approvals] ${m}`));
  let run;
  let resumed = false;
  try {
    const now = nowOf(deps);
    // Holding the lease, any run still "running" belongs to an instance that died.
    const previous = await db.approvalBackfillRun.findFirst({
      where: { status: { in: ["running", "interrupted"] }, startedAt: { gte: new Date(now.getTime() - o.resumeWithinMs) } },
      orderBy: { startedAt: "desc" },
    });
    if (previous) {
      resumed = true;
      run = await db.approvalBackfillRun.update({ where: { id: previous.id }, data: { status: "running", owner, heartbeatAt: now, error: null, finishedAt: null } });
    } else {
      run = await createRun(deps, o, owner, now);
    }
  } catch (error) {
    await lease.release();
    throw error;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  o.signal?.addEventListener("abort", stop);
  if (o.signal?.aborted) stop();
  let lost: string | undefined;
  lease.keepRenewed((reason) => {
    lost = reason;
    stop();
  });
  const runId = run.id;
  const finished = execute(deps, o, runId, resumed, controller.signal, log)
    .then(async (outcome) => (lost ? { ...outcome, status: "failed" as const, error: lost } : outcome))
    .finally(() => {
      o.signal?.removeEventListener("abort", stop);
      return lease.release();
    });
  return { started: true, runId, resumed, finished };
}

/** Starts or resumes a backfill and waits for it. */
export async function runBackfill(deps: ApprovalSyncDeps, options: BackfillOptions): Promise<BackfillOutcome | { status: "busy" }> {
  const start = await startBackfill(deps, options);
  return start.started ? start.finished : { status: "busy" };
}

async function createRun(deps: ApprovalSyncDeps, o: BackfillOptions & typeof DEFAULTS, owner: string, now: Date) {
  const { db, client } = deps;
  const templates = await client.workflow.listManagedTemplates(o.adminUserId);
  const estimate = await estimateBackfill(db, now, o.daysBack);
  const windows = backfillWindows(now, o.daysBack);
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    for (const t of templates) {
      const row = { name: t.name, iconUrl: t.iconUrl, syncedAt: now };
      await tx.approvalTemplate.upsert({ where: { processCode: t.processCode }, create: { processCode: t.processCode, ...row }, update: row });
    }
    const run = await tx.approvalBackfillRun.create({
      data: {
        id, status: "running", startedBy: o.startedBy, startedAt: now, heartbeatAt: now, owner,
        rangeStart: new Date(windows[0].startTime), rangeEnd: now, estimatedCalls: estimate.calls,
        windowsTotal: templates.length * windows.length, windowsDone: 0, idsFound: 0, instancesFetched: 0, apiCalls: 1,
      },
    });
    await tx.approvalBackfillWindow.createMany({
      data: templates.flatMap((t) => windows.map((w) => ({
        runId: id, processCode: t.processCode, startMs: BigInt(w.startTime), endMs: BigInt(w.endTime), nextToken: 0, listed: false,
      }))),
    });
    return run;
  }, TX_OPTIONS);
}

async function execute(
  deps: ApprovalSyncDeps, o: BackfillOptions & typeof DEFAULTS, runId: string, resumed: boolean, signal: AbortSignal, log: (m: string) => void,
): Promise<BackfillOutcome> {
  const { db, client } = deps;
  const interval = o.callsPerSecond > 0 ? 1000 / o.callsPerSecond : 0;
  const finish = async (status: BackfillStatus, error?: string): Promise<BackfillOutcome> => {
    const run = await db.approvalBackfillRun.update({
      where: { id: runId },
      data: { status, error: error ?? null, finishedAt: status === "interrupted" ? null : nowOf(deps), heartbeatAt: nowOf(deps) },
    });
    return {
      runId, status, resumed, windowsTotal: run.windowsTotal, idsFound: run.idsFound, instancesFetched: run.instancesFetched,
      apiCalls: run.apiCalls, estimatedCalls: run.estimatedCalls, ...(error ? { error } : {}),
    };
  };
  const stopped = (error: unknown): Promise<BackfillOutcome> => {
    if (isQuotaRefusal(error)) return finish("interrupted", `DingTalk refused a call for the monthly quota: ${errorText(error)}`);
    return finish("failed", errorText(error));
  };

  // Phase 1: the windows still to list, page after page; windows run side by side.
  const open = await db.approvalBackfillWindow.findMany({ where: { runId, listed: false } });
  if (open.length > 0 && o.budget) {
    const pages = open.length;
    const plan = await planBackgroundJob(db, o.budget, { job: "approvals.backfill.list", estimatedCalls: pages, now: nowOf(deps) }, log);
    if (plan.decision === "skip") return finish("interrupted", plan.reason);
  }
  const listing = new LanePool({ list: o.concurrency }, { list: interval });
  for (const w of open) {
    const listFrom = async (nextToken: number): Promise<void> => {
      if (signal.aborted) return listing.stop();
      const page = await client.workflow.queryInstanceIds({
        processCode: w.processCode, startTime: Number(w.startMs), endTime: Number(w.endMs), maxResults: LIST_PAGE_SIZE, nextToken,
      });
      await db.$transaction(async (tx) => {
        // Instances the index already holds in a final state need no detail call.
        const known = page.ids.length === 0 ? [] : await tx.approvalInstance.findMany({
          where: { processInstanceId: { in: page.ids }, status: { in: [...FINAL_STATUSES] } }, select: { processInstanceId: true },
        });
        const done = new Set(known.map((k) => k.processInstanceId));
        const already = new Set((await tx.approvalBackfillItem.findMany({ where: { runId, processInstanceId: { in: page.ids } }, select: { processInstanceId: true } })).map((i) => i.processInstanceId));
        const fresh = page.ids.filter((id) => !already.has(id));
        if (fresh.length > 0) await tx.approvalBackfillItem.createMany({ data: fresh.map((id) => ({ runId, processInstanceId: id, processCode: w.processCode, fetched: done.has(id) })) });
        const last = page.nextToken === undefined || page.ids.length === 0;
        await tx.approvalBackfillWindow.update({
          where: { runId_processCode_startMs: { runId, processCode: w.processCode, startMs: w.startMs } },
          data: { nextToken: page.nextToken ?? nextToken, listed: last },
        });
        await tx.approvalBackfillRun.update({
          where: { id: runId },
          data: { apiCalls: { increment: 1 }, idsFound: { increment: fresh.length }, windowsDone: { increment: last ? 1 : 0 }, heartbeatAt: nowOf(deps) },
        });
      }, TX_OPTIONS);
      if (page.nextToken !== undefined && page.ids.length > 0) listing.push("list", () => listFrom(page.nextToken!));
    };
    listing.push("list", () => listFrom(w.nextToken));
  }
  try {
    await listing.done();
  } catch (error) {
    return stopped(error);
  }
  if (signal.aborted) return finish("interrupted");

  // Phase 2: one detail call per listed id not fetched yet.
  const waiting = await db.approvalBackfillItem.findMany({ where: { runId, fetched: false }, select: { processInstanceId: true, processCode: true } });
  let allowed = waiting.length;
  if (waiting.length > 0 && o.budget) {
    const plan = await planBackgroundJob(
      db, o.budget, { job: "approvals.backfill.details", estimatedCalls: waiting.length, minimumCalls: Math.min(waiting.length, 100), now: nowOf(deps) }, log,
    );
    if (plan.decision === "skip") return finish("interrupted", plan.reason);
    allowed = plan.allowedCalls;
  }
  const details = new LanePool({ detail: o.concurrency }, { detail: interval });
  // Details are written a batch per transaction (each with its "fetched" marks): one commit per
  // instance would make the database, not DingTalk's rate limit, set the pace.
  const buffer: { id: string; processCode: string; instance: ProcessInstance | null }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const batch = buffer.splice(0);
    if (batch.length === 0) return flushing;
    flushing = flushing.then(() => db.$transaction(async (tx) => {
      const at = nowOf(deps);
      for (const b of batch) if (b.instance) await writeInstance(tx, b.processCode, b.instance, at);
      await tx.approvalBackfillItem.updateMany({ where: { runId, processInstanceId: { in: batch.map((b) => b.id) } }, data: { fetched: true } });
      await tx.approvalBackfillRun.update({ where: { id: runId }, data: { apiCalls: { increment: batch.length }, instancesFetched: { increment: batch.length }, heartbeatAt: at } });
    }, TX_OPTIONS));
    return flushing;
  };
  const flushTimer = setInterval(() => void flush().catch(() => undefined), 1_000);
  for (const { processInstanceId: id, processCode } of waiting.slice(0, allowed)) {
    details.push("detail", async () => {
      if (signal.aborted) return details.stop();
      let instance: ProcessInstance | null;
      try {
        instance = await client.workflow.getInstance(id);
      } catch (error) {
        if (!isInstanceNotFound(error)) throw error;
        instance = null;
      }
      buffer.push({ id, processCode, instance });
      if (buffer.length >= WRITE_BATCH) await flush();
    });
  }
  try {
    try {
      await details.done();
    } finally {
      clearInterval(flushTimer);
    }
    // What was fetched is kept, also when the run stops.
    await flush();
  } catch (error) {
    await flush().catch(() => undefined);
    return stopped(error);
  }
  if (signal.aborted || allowed < waiting.length) return finish("interrupted", allowed < waiting.length ? "the month's background share ran out; the rest waits" : undefined);
  return finish("done");
}
