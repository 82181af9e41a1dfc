import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { join, raw, sqltag as sql } from "@prisma/client/runtime/client";
import { z } from "zod";
import type { Db } from "@/lib/db/client";
import { dialectOf, type SqlDialect } from "@/lib/db/sql-dialect";
import type { Tx } from "@/lib/db/transactions";
import { ATTENDANCE_LIMITS, isDingTalkError, isQuotaRefusal, planAttendanceQueries, type AttendanceResult, type DingTalkClient, type LeaveStatus } from "@/lib/dingtalk";
import { tallyCalls, withCallArea } from "@/lib/dingtalk/meter";
import { JobLease } from "@/lib/directory/sync/lease";
import { addDaysTo, dayStart, daysBetween } from "@/lib/time";
import { dayRows, emptyDay, leaveByDay, type DayLeave, type DayRow } from "./summary";

// Fetching attendance from DingTalk into AttendanceDay. A fetch is a job of windows: results
// windows (≤ 50 people × ≤ 7 days, pages of 50, `/attendance/list`) and leave windows (≤ 100
// people × ≤ 180 days, pages of 20, `getleavestatus`). Windows run concurrently, each path as
// fast as the client's per-path limiter lets (DingTalk's floor), and each window's rows are
// written with its `done` mark in one transaction, so a job that stopped resumes at the windows
// still to do. A leave window writes only the leave of its days, a results window every column
// but the leave: the leave windows are written first and the results leave it in place.

export const ATTENDANCE_CALL_AREA = "attendance.report";

export interface AttendanceDeps {
  db: Db;
  client: Pick<DingTalkClient, "attendance">;
  /** Names this console instance in leases and jobs. */
  instanceId?: string;
  now?: () => Date;
}

/** What one job fetches: these people on these days. */
export type FetchNeeds = ReadonlyMap<string, readonly string[]>;

export interface PlannedWindow {
  kind: "results" | "leave";
  userIds: string[];
  from: string;
  to: string;
}

export interface FetchOptions {
  startedBy: string;
  signal?: AbortSignal;
  /** Windows in flight per path; the limiter paces them. */
  concurrency?: number;
  /** Calls started per second per path, spread evenly (DingTalk allows 20); default 18. */
  callsPerSecond?: number;
  leaseTtlMs?: number;
  /** What the calls are counted as; a person's build by default, the schedule's deliveries say so. */
  callArea?: string;
}

export type FetchStatus = "done" | "interrupted" | "failed";

export interface FetchOutcome {
  jobId: string;
  status: FetchStatus;
  windowsDone: number;
  windowsTotal: number;
  apiCalls: number;
  /** DingTalk refused a call for the month's quota: the job stopped and can resume next month. */
  quotaRefused: boolean;
  error?: string;
}

/** A running job whose heartbeat is older than this belongs to a process that stopped. */
export const FETCH_STALE_AFTER_MS = 60_000;
const EPOCH = new Date(0);
const processInstance = `${hostname()}:${process.pid}`;

const nowOf = (deps: AttendanceDeps) => (deps.now ? deps.now() : new Date());

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addDaysTo(from, i));
}

/** Runs of consecutive days in a sorted list. */
function runsOf(days: readonly string[]): Array<{ from: string; to: string }> {
  const runs: Array<{ from: string; to: string }> = [];
  for (const day of days) {
    const last = runs.at(-1);
    if (last && addDaysTo(last.to, 1) === day) last.to = day;
    else runs.push({ from: day, to: day });
  }
  return runs;
}

/**
 * The fewest windows for the needs: people needing the same days share windows; each run of
 * days is split in 7s for results (`planAttendanceQueries`) and 180s for leave.
 */
export function planWindows(needs: FetchNeeds): PlannedWindow[] {
  const groups = new Map<string, { days: readonly string[]; userIds: string[] }>();
  for (const [userId, days] of needs) {
    if (days.length === 0) continue;
    const key = days.join(",");
    const group = groups.get(key) ?? { days, userIds: [] };
    group.userIds.push(userId);
    groups.set(key, group);
  }
  const windows: PlannedWindow[] = [];
  for (const { days, userIds } of groups.values()) {
    for (const run of runsOf(days)) {
      for (let start = run.from; start <= run.to; start = addDaysTo(start, ATTENDANCE_LIMITS.leaveSpanDays)) {
        const end = [addDaysTo(start, ATTENDANCE_LIMITS.leaveSpanDays - 1), run.to].sort()[0];
        for (let u = 0; u < userIds.length; u += ATTENDANCE_LIMITS.leaveUsers) {
          windows.push({ kind: "leave", userIds: userIds.slice(u, u + ATTENDANCE_LIMITS.leaveUsers), from: start, to: end });
        }
      }
      for (const w of planAttendanceQueries(userIds, run.from, run.to)) windows.push({ kind: "results", ...w });
    }
  }
  return windows;
}

const weekdaysIn = (from: string, to: string) => daysOf(from, to).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay())).length;

/**
 * Calls a window is expected to take: results pages of two checks per person and weekday
 * (holidays and leave make it a little less); leave one page unless many people take leave.
 */
export function windowCallEstimate(w: PlannedWindow): number {
  const personDays = w.userIds.length * weekdaysIn(w.from, w.to);
  if (w.kind === "results") return Math.max(1, Math.ceil((personDays * 2) / ATTENDANCE_LIMITS.pageSize));
  return Math.max(1, Math.ceil((personDays * 0.03) / ATTENDANCE_LIMITS.leavePageSize));
}

export const callEstimate = (windows: readonly PlannedWindow[]): number => windows.reduce((sum, w) => sum + windowCallEstimate(w), 0);

const userIdsJson = z.array(z.string());

/** Creates the job and its windows; nothing is fetched yet. */
export async function createFetchJob(deps: AttendanceDeps, needs: FetchNeeds, startedBy: string): Promise<{ jobId: string; windows: PlannedWindow[]; estimate: number }> {
  const windows = planWindows(needs);
  const estimate = callEstimate(windows);
  const jobId = randomUUID();
  const now = nowOf(deps);
  const allDays = [...needs.values()].flat().sort();
  await deps.db.$transaction(async (tx) => {
    await tx.attendanceFetchJob.create({
      data: {
        id: jobId, status: "interrupted", startedBy, startedAt: now, heartbeatAt: now, owner: "", fromDay: allDays[0] ?? "", toDay: allDays.at(-1) ?? "",
        windowsTotal: windows.length, windowsDone: 0, estimate, apiCalls: 0,
      },
    });
    await tx.attendanceFetchWindow.createMany({
      data: windows.map((w, seq) => ({ jobId, seq, kind: w.kind, userIds: JSON.stringify(w.userIds), fromDay: w.from, toDay: w.to, done: false })),
    });
  });
  return { jobId, windows, estimate };
}

interface WindowRow {
  seq: number;
  kind: string;
  userIds: string;
  fromDay: string;
  toDay: string;
}

/**
 * Calls started evenly, `perSecond` a second: the client's limiter lets a whole second's calls go
 * at once, and a burst that arrives bunched at DingTalk's end is refused as too fast. Each slot
 * goes to the waiting caller of the lowest rank (the window's place in the job), not the first to
 * ask: windows then finish one after another and are written while later ones are fetched, instead
 * of all progressing together and finishing (and queueing their writes) at the very end.
 */
export function pacer(perSecond: number, now: () => number = Date.now): (rank: number) => Promise<void> {
  const gap = 1000 / perSecond;
  const waiting: Array<{ rank: number; go: () => void }> = [];
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    timer = undefined;
    const t = now();
    if (t >= next && waiting.length > 0) {
      let first = 0;
      for (let i = 1; i < waiting.length; i++) if (waiting[i].rank < waiting[first].rank) first = i;
      // A timer that fires a little late keeps the cadence; slots missed while the process was
      // busy (or idle) are not made up, which would send calls bunched.
      next = (t - next < gap ? next : t) + gap;
      waiting.splice(first, 1)[0].go();
    }
    if (waiting.length > 0) timer = setTimeout(release, Math.max(0, next - now()));
  };
  return (rank) =>
    new Promise<void>((go) => {
      waiting.push({ rank, go });
      // Let every caller asking in this turn join before the slot is given.
      timer ??= setTimeout(release, Math.max(0, next - now()));
    });
}

/** One page; a page still refused as too fast after the client's own retries is asked again a little later, not the window from its start. */
async function page<T>(pace: () => Promise<void>, ask: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    await pace();
    try {
      return await ask();
    } catch (error) {
      if (!(isDingTalkError(error) && error.kind === "rate-limited") || attempt >= 4) throw error;
      await new Promise((r) => setTimeout(r, 1000 * attempt));
    }
  }
}

async function fetchResults(deps: AttendanceDeps, pace: () => Promise<void>, userIds: string[], from: string, to: string): Promise<AttendanceResult[]> {
  const out: AttendanceResult[] = [];
  for (let offset = 0; ; offset += ATTENDANCE_LIMITS.pageSize) {
    const got = await page(pace, () => deps.client.attendance.listResults({ userIds, from, to, offset, limit: ATTENDANCE_LIMITS.pageSize }));
    out.push(...got.results);
    if (!got.hasMore || got.results.length === 0) return out;
  }
}

async function fetchLeave(deps: AttendanceDeps, pace: () => Promise<void>, userIds: string[], from: string, to: string): Promise<LeaveStatus[]> {
  const out: LeaveStatus[] = [];
  const query = { userIds, startTime: dayStart(from).getTime(), endTime: dayStart(addDaysTo(to, 1)).getTime() };
  for (let offset = 0; ; offset += ATTENDANCE_LIMITS.leavePageSize) {
    const got = await page(pace, () => deps.client.attendance.getLeaveStatus({ ...query, offset, size: ATTENDANCE_LIMITS.leavePageSize }));
    out.push(...got.leaves);
    if (!got.hasMore || got.leaves.length === 0) return out;
  }
}

const WRITE_TX = { timeout: 60_000, maxWait: 60_000 };

const inWindow = (userIds: string[], from: string, to: string) => ({ userId: { in: userIds }, day: { gte: from, lte: to } });

const DAY_COLUMNS = [
  "userId", "day", "groupId", "planned", "onDutyResult", "onDutySource", "onDutyPlannedAt", "onDutyAt",
  "offDutyResult", "offDutySource", "offDutyPlannedAt", "offDutyAt", "outside", "leave", "fetchedAt",
] as const;
type DayColumn = (typeof DAY_COLUMNS)[number];
export type StoredDay = Omit<DayRow, "leave"> & { leave: string; fetchedAt: Date };
/** Rows per INSERT: 15 parameters a row stays far below SQLite's 32,766 and PostgreSQL's 65,535. */
const ROWS_PER_INSERT = 1000;

/**
 * Day rows written as multi-row INSERTs, a row that exists getting only the `update` columns (none:
 * left as it is): one statement for a window's 350 rows instead of Prisma's createMany, which held
 * the event loop 100–280 ms a window on SQLite and so delayed every call in flight.
 */
export async function upsertDays(tx: Pick<Tx, "$executeRaw">, d: SqlDialect, rows: readonly StoredDay[], update: readonly DayColumn[]): Promise<void> {
  const value = (v: unknown) => (v instanceof Date ? d.timestamp(v) : v);
  const columns = raw(DAY_COLUMNS.map((c) => `"${c}"`).join(", "));
  const set = raw(update.length === 0 ? "NOTHING" : `UPDATE SET ${update.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`);
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const values = rows.slice(i, i + ROWS_PER_INSERT).map((r) => sql`(${join(DAY_COLUMNS.map((c) => value(r[c])))})`);
    await tx.$executeRaw(sql`INSERT INTO "AttendanceDay" (${columns}) VALUES ${join(values)} ON CONFLICT ("userId", "day") DO ${set}`);
  }
}

/** A window's rows and its done mark in one transaction: a job that stops resumes at the windows not marked. */
async function writeWindow(deps: AttendanceDeps, jobId: string, w: WindowRow, calls: number, write: (tx: Tx, d: SqlDialect) => Promise<void>): Promise<void> {
  const d = await dialectOf(deps.db);
  const now = nowOf(deps);
  await deps.db.$transaction(async (tx) => {
    await write(tx, d);
    await tx.attendanceFetchWindow.update({ where: { jobId_seq: { jobId, seq: w.seq } }, data: { done: true } });
    await tx.attendanceFetchJob.update({ where: { id: jobId }, data: { windowsDone: { increment: 1 }, apiCalls: { increment: calls }, heartbeatAt: now } });
  }, WRITE_TX);
}

function writeLeave(deps: AttendanceDeps, jobId: string, w: WindowRow, userIds: string[], leaves: LeaveStatus[], calls: number): Promise<void> {
  const mine = new Set(userIds);
  const rows: StoredDay[] = [];
  for (const [key, list] of leaveByDay(leaves)) {
    const [userId, day] = key.split("|");
    if (!mine.has(userId) || day < w.fromDay || day > w.toDay) continue;
    // fetchedAt at the epoch: the day's results are not fetched yet.
    rows.push({ ...emptyDay(userId, day), leave: JSON.stringify(list), fetchedAt: EPOCH });
  }
  return writeWindow(deps, jobId, w, calls, async (tx, d) => {
    // Leave withdrawn since the last fetch must go: every day of the window starts empty.
    await tx.attendanceDay.updateMany({ where: inWindow(userIds, w.fromDay, w.toDay), data: { leave: "[]" } });
    await upsertDays(tx, d, rows, ["leave"]);
  });
}

const dayLeaveJson = z.array(z.object({ code: z.string(), percent: z.number(), unit: z.enum(["percent_day", "percent_hour"]) }));

/** The stored leave of a day row (written by the fetch; anything else reads as none). */
export function parseDayLeave(text: string): DayLeave[] {
  const parsed = dayLeaveJson.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : [];
}

/** Every column but the leave, which this job's leave windows wrote before. */
const RESULT_COLUMNS = DAY_COLUMNS.filter((c) => c !== "userId" && c !== "day" && c !== "leave");

function writeResults(deps: AttendanceDeps, jobId: string, w: WindowRow, userIds: string[], results: AttendanceResult[], calls: number): Promise<void> {
  const now = nowOf(deps);
  // A day not stored yet has no leave (its leave window found none); a stored day keeps its own.
  const rows = dayRows(userIds, daysOf(w.fromDay, w.toDay), results).map((r) => ({ ...r, leave: "[]", fetchedAt: now }));
  return writeWindow(deps, jobId, w, calls, async (tx, d) => {
    await upsertDays(tx, d, rows, RESULT_COLUMNS);
    await tx.attendanceStaleDay.deleteMany({ where: inWindow(userIds, w.fromDay, w.toDay) });
  });
}

/** Runs `work` over `items`, `concurrency` at a time, until done or `stop()` says so. */
async function pool<T>(items: readonly T[], concurrency: number, stop: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Runs (or resumes) a job: the windows not done yet. Holds the job's lease while it runs, so two
 * instances never work on one job. Stops at the first failure; a quota refusal stops it
 * resumable ("interrupted"), as does the signal.
 */
export async function runFetchJob(deps: AttendanceDeps, jobId: string, options: FetchOptions): Promise<FetchOutcome> {
  const owner = `${deps.instanceId ?? processInstance}/${randomUUID().slice(0, 8)}`;
  const lease = new JobLease(deps.db, `attendance-fetch:${jobId}`, owner, { ttlMs: options.leaseTtlMs ?? 30_000, now: deps.now });
  if (!(await lease.acquire())) {
    const job = await deps.db.attendanceFetchJob.findUniqueOrThrow({ where: { id: jobId } });
    return { jobId, status: "interrupted", windowsDone: job.windowsDone, windowsTotal: job.windowsTotal, apiCalls: job.apiCalls, quotaRefused: false, error: "another instance is running this fetch" };
  }
  let failure: unknown;
  let quotaRefused = false;
  lease.keepRenewed((reason) => (failure ??= new Error(reason)));
  const stop = () => failure !== undefined || quotaRefused || options.signal?.aborted === true;
  try {
    await deps.db.attendanceFetchJob.update({ where: { id: jobId }, data: { status: "running", owner, heartbeatAt: nowOf(deps), error: null } });
    const pending = await deps.db.attendanceFetchWindow.findMany({ where: { jobId, done: false }, orderBy: { seq: "asc" } });
    const concurrency = options.concurrency ?? 40;
    // One window written at a time: the writes are short, and a queue of them must not hold every
    // pooled connection. Each waits for a turn of the event loop: better-sqlite3 answers at once,
    // and a queue of writes chained in promises alone would hold back the timers that pace the calls.
    let writing: Promise<unknown> = Promise.resolve();
    const serially = (write: () => Promise<void>): Promise<void> => {
      const next = writing.then(() => new Promise((r) => setImmediate(r))).then(write);
      writing = next.catch(() => undefined);
      return next;
    };
    const guard = (work: (w: WindowRow, userIds: string[]) => Promise<void>) => async (w: WindowRow) => {
      try {
        await work(w, userIdsJson.parse(JSON.parse(w.userIds)));
      } catch (error) {
        if (isQuotaRefusal(error)) quotaRefused = true;
        else failure ??= error;
      }
    };
    const perSecond = options.callsPerSecond ?? 18;
    const paceResults = pacer(perSecond);
    const paceLeave = pacer(perSecond);
    await withCallArea(options.callArea ?? ATTENDANCE_CALL_AREA, async () => {
      // Results are fetched alongside the leave; only their writes wait for the leave to be in, so
      // that a day whose results are stored (and count as fetched) has its leave, even when a leave
      // window failed.
      let leaveWritten!: () => void;
      const leaveDone = new Promise<void>((resolve) => (leaveWritten = resolve));
      const leave = pool(pending.filter((w) => w.kind === "leave"), concurrency, stop, guard(async (w, userIds) => {
        const t = tallyCalls(() => fetchLeave(deps, () => paceLeave(w.seq), userIds, w.fromDay, w.toDay));
        const leaves = await t.result;
        await serially(() => writeLeave(deps, jobId, w, userIds, leaves, t.calls()));
      })).finally(leaveWritten);
      const results = pool(pending.filter((w) => w.kind === "results"), concurrency, stop, guard(async (w, userIds) => {
        const t = tallyCalls(() => fetchResults(deps, () => paceResults(w.seq), userIds, w.fromDay, w.toDay));
        const rows = await t.result;
        await leaveDone;
        // Fetched rows are kept even when stopping (the calls are spent); not after a failure.
        if (failure !== undefined) return;
        await serially(() => writeResults(deps, jobId, w, userIds, rows, t.calls()));
      }));
      await Promise.all([leave, results]);
    });
    const left = await deps.db.attendanceFetchWindow.count({ where: { jobId, done: false } });
    const status: FetchStatus = failure !== undefined ? "failed" : left === 0 ? "done" : "interrupted";
    const error = failure !== undefined ? errorText(failure) : quotaRefused ? "DingTalk refused a call: the month's call quota is spent" : undefined;
    const job = await deps.db.attendanceFetchJob.update({
      where: { id: jobId },
      data: { status, error: error ?? null, heartbeatAt: nowOf(deps), finishedAt: status === "done" ? nowOf(deps) : null },
    });
    if (status === "done") await deps.db.attendanceFetchWindow.deleteMany({ where: { jobId } });
    return { jobId, status, windowsDone: job.windowsDone, windowsTotal: job.windowsTotal, apiCalls: job.apiCalls, quotaRefused, error };
  } finally {
    await lease.release();
  }
}

/** Jobs that stopped before they were done (interrupted, or running in a process that died). */
export async function unfinishedFetchJobs(deps: AttendanceDeps): Promise<string[]> {
  const staleBefore = new Date(nowOf(deps).getTime() - FETCH_STALE_AFTER_MS);
  const jobs = await deps.db.attendanceFetchJob.findMany({
    where: { OR: [{ status: "interrupted" }, { status: "running", heartbeatAt: { lt: staleBefore } }] },
    orderBy: { startedAt: "asc" },
    select: { id: true },
  });
  return jobs.map((j) => j.id);
}

/** A job's progress, for the page to show. */
export async function fetchProgress(db: Db, jobId: string) {
  return db.attendanceFetchJob.findUnique({
    where: { id: jobId },
    select: { status: true, windowsDone: true, windowsTotal: true, estimate: true, apiCalls: true, startedAt: true, heartbeatAt: true, finishedAt: true, error: true },
  });
}
