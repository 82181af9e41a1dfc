import { randomUUID } from "node:crypto";
import type { Tx } from "@/lib/db/transactions";
import type { DingTalkUser } from "@/lib/dingtalk";
import { PaginationStalledError } from "@/lib/dingtalk";
import { DIRECTORY_SYNC_LEASE, errorText, isDeptNotFound, jobOwner, nowOf, RUN_STALE_AFTER_MS, type DirectorySyncDeps } from "./deps";
import { LanePool } from "./lane-pool";
import { JobLease } from "./lease";
import {
  departmentPath, markDepartmentsRemoved, markUnseen, refreshDepartmentAggregates, replaceUsers, ROOT_DEPT_ID, upsertDepartments,
} from "./store";

// The full sync: every department from the root down (`listsub`, which names the children),
// every department's direct members in pages of 100 (`user/list`, full records). Both paths run
// concurrently inside the client's per-path limiter, one lane each. Progress is written with
// every page, in the same transaction as the page's rows, so a run that dies resumes from its
// `DirectorySyncTask` rows exactly where its last committed page left off.

export const USERS_LISTED = -1;

export interface FullSyncOptions {
  /** The user id of the admin, or "system" / "schedule". */
  startedBy: string;
  /** Stops the run after the calls in flight; it stays resumable ("interrupted"). */
  signal?: AbortSignal;
  /** Calls in flight per API path (each path's limiter paces them); default 20. */
  concurrency?: number;
  /**
   * Calls per second per API path to spread evenly (DingTalk allows 20 by default); 0 sends as
   * fast as the client's limiter lets, in bursts.
   */
  callsPerSecond?: number;
  /** Users per `user/list` page, at most 100 (DingTalk's maximum). */
  pageSize?: number;
  leaseTtlMs?: number;
  /** A "running" run whose heartbeat is older than this belongs to an instance that died. */
  staleAfterMs?: number;
  /** Runs older than this are not resumed: a new run starts. */
  resumeWithinMs?: number;
  /** Called after each department is completely listed (its children and all its people). */
  onDepartmentDone?: (progress: { deptId: number; departmentsDone: number; departmentsTotal: number }) => void;
}

export type SyncStatus = "done" | "interrupted" | "failed";

export interface SyncOutcome {
  runId: string;
  status: SyncStatus;
  resumed: boolean;
  departmentsDone: number;
  departmentsTotal: number;
  peopleSeen: number;
  apiCalls: number;
  usersLeft: number;
  departmentsRemoved: number;
  error?: string;
}

export type FullSyncStart =
  | { started: true; runId: string; resumed: boolean; finished: Promise<SyncOutcome> }
  | { started: false; reason: "busy"; runId?: string };

const DEFAULTS = { concurrency: 20, callsPerSecond: 20, pageSize: 100, leaseTtlMs: 30_000, staleAfterMs: RUN_STALE_AFTER_MS, resumeWithinMs: 24 * 3_600_000 };

interface Increments {
  apiCalls?: number;
  peopleSeen?: number;
  departmentsDone?: number;
  departmentsTotal?: number;
}

interface RunCounts {
  departmentsDone: number;
  departmentsTotal: number;
}

interface PendingWrite {
  apply: (tx: Tx) => Promise<Increments>;
  resolve: (counts: RunCounts) => void;
  reject: (error: unknown) => void;
}

interface DeptWork {
  deptId: number;
  path: string;
  childrenListed: boolean;
  /** The next `user/list` cursor, or USERS_LISTED. */
  cursor: number;
  done: boolean;
}

/**
 * Takes the directory lease and starts (or resumes) a full sync in the background. Resolves as
 * soon as the run is registered, with `finished` for its outcome; `{started: false}` when another
 * sync or reconcile holds the lease.
 */
export async function startFullSync(deps: DirectorySyncDeps, options: FullSyncOptions): Promise<FullSyncStart> {
  const o = { ...DEFAULTS, ...options };
  if (!Number.isInteger(o.pageSize) || o.pageSize < 1 || o.pageSize > 100) throw new RangeError(`pageSize must be 1 to 100, got ${o.pageSize}`);
  const { db } = deps;
  const owner = jobOwner(deps);
  const lease = new JobLease(db, DIRECTORY_SYNC_LEASE, owner, { ttlMs: o.leaseTtlMs, now: deps.now });
  if (!(await lease.acquire())) {
    const running = await db.directorySyncRun.findFirst({ where: { status: "running" }, orderBy: { startedAt: "desc" } });
    return { started: false, reason: "busy", runId: running?.id };
  }
  try {
    const now = nowOf(deps);
    const candidate = await db.directorySyncRun.findFirst({
      where: { kind: "full", status: { in: ["running", "interrupted", "failed"] }, startedAt: { gte: new Date(now.getTime() - o.resumeWithinMs) } },
      orderBy: { startedAt: "desc" },
    });
    if (candidate?.status === "running" && now.getTime() - candidate.heartbeatAt.getTime() < o.staleAfterMs) {
      // Its instance lost the lease but still beats: it will notice and stop; until then it is busy.
      await lease.release();
      return { started: false, reason: "busy", runId: candidate.id };
    }
    let runId: string;
    const resumed = candidate !== null;
    if (candidate) {
      runId = candidate.id;
      await db.directorySyncRun.update({ where: { id: runId }, data: { status: "running", owner, heartbeatAt: now, error: null, finishedAt: null } });
    } else {
      runId = randomUUID();
      // Older unfinished runs will never be resumed now: closed, their task lists dropped.
      const superseded = (await db.directorySyncRun.findMany({ where: { kind: "full", status: { in: ["running", "interrupted", "failed"] } }, select: { id: true } })).map((r) => r.id);
      await db.$transaction([
        db.directorySyncTask.deleteMany({ where: { runId: { in: superseded } } }),
        db.directorySyncRun.updateMany({ where: { id: { in: superseded }, status: { not: "failed" } }, data: { status: "failed", error: `superseded by run ${runId}`, finishedAt: now } }),
        db.directorySyncRun.create({
          data: { id: runId, kind: "full", status: "running", startedBy: o.startedBy, startedAt: now, heartbeatAt: now, owner, departmentsTotal: 1, departmentsDone: 0, peopleSeen: 0, apiCalls: 0 },
        }),
      ]);
    }
    const run = new FullSyncRun(deps, o, runId, lease);
    const finished = run.execute(resumed);
    return { started: true, runId, resumed, finished };
  } catch (error) {
    await lease.release().catch(() => undefined);
    throw error;
  }
}

/** Starts a full sync and waits for it; `null` when another directory job is running. */
export async function runFullSync(deps: DirectorySyncDeps, options: FullSyncOptions): Promise<SyncOutcome | null> {
  const start = await startFullSync(deps, options);
  return start.started ? start.finished : null;
}

type Options = FullSyncOptions & typeof DEFAULTS;

class FullSyncRun {
  private readonly pool: LanePool<"departments" | "users">;
  private pending: PendingWrite[] = [];
  /** Departments that have a task in this run. */
  private readonly known = new Set<number>();
  private flushing: Promise<void> | undefined;
  private stopReason: string | undefined;
  private startedAt = new Date(0);

  constructor(
    private readonly deps: DirectorySyncDeps,
    private readonly options: Options,
    private readonly runId: string,
    private readonly lease: JobLease,
  ) {
    const interval = options.callsPerSecond > 0 ? 1000 / options.callsPerSecond : 0;
    this.pool = new LanePool({ departments: options.concurrency, users: options.concurrency }, { departments: interval, users: interval });
  }

  async execute(resumed: boolean): Promise<SyncOutcome> {
    const { db } = this.deps;
    const onAbort = () => this.stop("stopped");
    this.options.signal?.addEventListener("abort", onAbort);
    this.lease.keepRenewed((reason) => this.stop(reason));
    let error: unknown;
    let finalized = { usersLeft: 0, departmentsRemoved: 0 };
    try {
      if (this.options.signal?.aborted) this.stop("stopped");
      const run = await db.directorySyncRun.findUniqueOrThrow({ where: { id: this.runId } });
      this.startedAt = run.startedAt;
      const work = resumed ? await this.unfinishedDepartments() : [];
      // A run that died before its first task was written starts from the root.
      if (work.length === 0 && (await db.directorySyncTask.count({ where: { runId: this.runId } })) === 0) work.push(await this.root());
      for (const dept of work) this.schedule(dept);
      await this.pool.done();
      await this.flushing;
      if (this.stopReason === undefined) finalized = await this.finalize();
    } catch (e) {
      error = e;
    } finally {
      this.options.signal?.removeEventListener("abort", onAbort);
      this.lease.stopRenewing();
    }
    const status: SyncStatus = error !== undefined ? "failed" : this.stopReason !== undefined ? "interrupted" : "done";
    const now = nowOf(this.deps);
    const message = error !== undefined ? errorText(error) : this.stopReason;
    const row = await db.directorySyncRun.update({
      where: { id: this.runId },
      data: { status, heartbeatAt: now, error: status === "done" ? null : message, ...(status === "done" ? { finishedAt: now } : {}) },
    });
    await this.lease.release().catch(() => undefined);
    return {
      runId: this.runId,
      status,
      resumed,
      departmentsDone: row.departmentsDone,
      departmentsTotal: row.departmentsTotal,
      peopleSeen: row.peopleSeen,
      apiCalls: row.apiCalls,
      ...finalized,
      ...(message !== undefined && status !== "done" ? { error: message } : {}),
    };
  }

  private stop(reason: string): void {
    this.stopReason ??= reason;
    this.pool.stop();
  }

  /**
   * Group commit: a page's rows and its progress commit together, and the pages that arrive
   * while one transaction runs share the next. Writes never contend with each other, and the
   * database keeps up with both API paths however slow a single commit is.
   */
  private write(apply: (tx: Tx) => Promise<Increments>): Promise<RunCounts> {
    return new Promise((resolve, reject) => {
      this.pending.push({ apply, resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0);
      try {
        const counts = await this.deps.db.$transaction(
          async (tx) => {
            const sum: Required<Increments> = { apiCalls: 0, peopleSeen: 0, departmentsDone: 0, departmentsTotal: 0 };
            for (const w of batch) {
              const by = await w.apply(tx);
              for (const k of Object.keys(sum) as (keyof Increments)[]) sum[k] += by[k] ?? 0;
            }
            return this.bump(tx, sum);
          },
          { timeout: 60_000, maxWait: 60_000 },
        );
        for (const w of batch) w.resolve(counts);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    this.flushing = undefined;
  }

  private async root(): Promise<DeptWork> {
    const root = await this.deps.client.departments.getDepartment(ROOT_DEPT_ID);
    await this.write(async (tx) => {
      await upsertDepartments(tx, [{ deptId: root.deptId, parentId: null, name: root.name, order: root.order ?? null, managerUserIds: root.deptManagerUserIds }], null, nowOf(this.deps));
      await tx.directorySyncTask.create({ data: { runId: this.runId, deptId: root.deptId, done: false, cursor: 0 } });
      return { apiCalls: 1 };
    });
    this.known.add(root.deptId);
    return { deptId: root.deptId, path: departmentPath(null, root.deptId), childrenListed: false, cursor: 0, done: false };
  }

  /** A resumed run's departments still to finish. Their children are listed again (one call each): whether that had committed is not recorded. */
  private async unfinishedDepartments(): Promise<DeptWork[]> {
    const { db } = this.deps;
    const all = await db.directorySyncTask.findMany({ where: { runId: this.runId } });
    for (const t of all) this.known.add(t.deptId);
    const tasks = all.filter((t) => !t.done);
    const paths = new Map(
      (await db.directoryDepartment.findMany({ where: { deptId: { in: tasks.map((t) => t.deptId) } }, select: { deptId: true, path: true } })).map((d) => [d.deptId, d.path]),
    );
    return tasks.map((t) => ({ deptId: t.deptId, path: paths.get(t.deptId) ?? departmentPath(null, t.deptId), childrenListed: false, cursor: t.cursor, done: false }));
  }

  private schedule(dept: DeptWork): void {
    if (!dept.childrenListed) this.pool.push("departments", () => this.listChildren(dept));
    if (dept.cursor !== USERS_LISTED) this.pool.push("users", () => this.listPage(dept, dept.cursor));
  }

  private bump(tx: Tx, by: Increments): Promise<RunCounts> {
    return tx.directorySyncRun.update({
      where: { id: this.runId },
      data: {
        heartbeatAt: nowOf(this.deps),
        apiCalls: { increment: by.apiCalls ?? 0 },
        peopleSeen: { increment: by.peopleSeen ?? 0 },
        departmentsDone: { increment: by.departmentsDone ?? 0 },
        departmentsTotal: { increment: by.departmentsTotal ?? 0 },
      },
      select: { departmentsDone: true, departmentsTotal: true },
    });
  }

  /** Marks the department finished when both halves are; returns the run's counts when it did. */
  private async finishIfComplete(tx: Tx, dept: DeptWork) {
    if (dept.done || !dept.childrenListed || dept.cursor !== USERS_LISTED) return false;
    dept.done = true;
    await tx.directorySyncTask.update({ where: { runId_deptId: { runId: this.runId, deptId: dept.deptId } }, data: { done: true, cursor: USERS_LISTED } });
    return true;
  }

  private announce(dept: DeptWork, finished: boolean, counts: RunCounts): void {
    if (finished) this.options.onDepartmentDone?.({ deptId: dept.deptId, ...counts });
  }

  private async listChildren(dept: DeptWork): Promise<void> {
    let children;
    try {
      children = await this.deps.client.departments.listSubDepartments(dept.deptId);
    } catch (error) {
      if (isDeptNotFound(error)) return this.gone(dept);
      throw error;
    }
    const fresh = children
      .filter((c) => !this.known.has(c.deptId))
      .map((c): DeptWork => ({ deptId: c.deptId, path: departmentPath(dept.path, c.deptId), childrenListed: false, cursor: 0, done: false }));
    for (const f of fresh) this.known.add(f.deptId);
    let finished = false;
    const written = this.write(async (tx) => {
      const now = nowOf(this.deps);
      await upsertDepartments(tx, children.map((c) => ({ deptId: c.deptId, parentId: c.parentId ?? dept.deptId, name: c.name })), dept.path, now);
      if (fresh.length > 0) await tx.directorySyncTask.createMany({ data: fresh.map((f) => ({ runId: this.runId, deptId: f.deptId, done: false, cursor: 0 })) });
      dept.childrenListed = true;
      finished = await this.finishIfComplete(tx, dept);
      return { apiCalls: 1, departmentsTotal: fresh.length, departmentsDone: finished ? 1 : 0 };
    });
    // The children start before this commit: their own writes queue behind it, so their rows
    // and tasks exist when those run, and the tree walk does not wait on the database.
    for (const f of fresh) this.schedule(f);
    const counts = await written;
    this.announce(dept, finished, counts);
  }

  /** One page of a department's people from `cursor`; the department's cursor moves when the page commits. */
  private async listPage(dept: DeptWork, cursor: number): Promise<void> {
    let page: { users: DingTalkUser[]; hasMore: boolean; nextCursor?: number };
    try {
      page = await this.deps.client.contacts.listUsers(dept.deptId, { cursor, size: this.options.pageSize });
    } catch (error) {
      if (isDeptNotFound(error)) return this.gone(dept);
      throw error;
    }
    if (page.hasMore && (page.nextCursor === undefined || page.nextCursor <= cursor)) {
      throw new PaginationStalledError(`department ${dept.deptId} cursor ${cursor} → ${String(page.nextCursor)}`);
    }
    const next = page.hasMore ? page.nextCursor! : USERS_LISTED;
    let finished = false;
    const written = this.write(async (tx) => {
      const ids = page.users.map((u) => u.userId);
      // People this run already wrote (listed in another department first) are not seen twice.
      const already = ids.length === 0 ? 0 : await tx.directoryUser.count({ where: { userId: { in: ids }, syncedAt: { gte: this.startedAt }, leftAt: null } });
      await replaceUsers(tx, page.users, nowOf(this.deps), { skipPreviousDepartments: true });
      dept.cursor = next;
      finished = await this.finishIfComplete(tx, dept);
      if (!finished) await tx.directorySyncTask.update({ where: { runId_deptId: { runId: this.runId, deptId: dept.deptId } }, data: { cursor: next } });
      return { apiCalls: 1, peopleSeen: ids.length - already, departmentsDone: finished ? 1 : 0 };
    });
    // As with children: the next page's write queues behind this one.
    if (next !== USERS_LISTED) this.pool.pushFront("users", () => this.listPage(dept, next));
    const counts = await written;
    this.announce(dept, finished, counts);
  }

  /** A department deleted while the sync ran: recorded as removed, nothing left to list. */
  private async gone(dept: DeptWork): Promise<void> {
    let finished = false;
    const counts = await this.write(async (tx) => {
      if (dept.done) return { apiCalls: 1 };
      await markDepartmentsRemoved(tx, [dept.deptId], nowOf(this.deps));
      dept.childrenListed = true;
      dept.cursor = USERS_LISTED;
      finished = await this.finishIfComplete(tx, dept);
      return { apiCalls: 1, departmentsDone: finished ? 1 : 0 };
    });
    this.announce(dept, finished, counts);
  }

  private async finalize(): Promise<{ usersLeft: number; departmentsRemoved: number }> {
    const { db } = this.deps;
    const now = nowOf(this.deps);
    const unseen = await markUnseen(db, this.startedAt, now);
    await refreshDepartmentAggregates(db);
    await db.directorySyncTask.deleteMany({ where: { runId: this.runId } });
    return unseen;
  }
}
