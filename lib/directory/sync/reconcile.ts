import { randomUUID } from "node:crypto";
import type { DingTalkUser } from "@/lib/dingtalk";
import { DIRECTORY_SYNC_LEASE, errorText, isDeptNotFound, isUserNotFound, jobOwner, nowOf, type DirectorySyncDeps } from "./deps";
import { refreshDepartments } from "./incremental";
import { LanePool } from "./lane-pool";
import { JobLease } from "./lease";
import { departmentPath, markDepartmentsRemoved, markUsersLeft, refreshDepartmentAggregates, replaceUsers, ROOT_DEPT_ID, upsertDepartments } from "./store";

// The periodic reconcile: what events missed, found by comparing ids. Per department it asks
// DingTalk for the children (`listsub`, with names and parents) and the member ids (`listid`),
// two cheap calls, and compares them with the tables. Only the people whose memberships differ,
// or who are on one side only, are fetched again in full.
//
// Org events keep the directory fresh; the reconcile is the safety net for the ones that were
// lost, and DingTalk's monthly quota does not allow a whole-tree check of a large org often. So a
// scheduled reconcile usually checks a slice of the departments (`departments`), rotating through
// the tree over the days, and first compares DingTalk's head count with the tables (one call): a
// difference means events were lost, and the run widens to the whole tree when its budget allows.

export interface ReconcileOptions {
  startedBy: string;
  /** Only these departments (and new ones found under them); the whole tree when absent. */
  departments?: readonly number[];
  /** With `departments`: the run widens to the whole tree when the head counts differ and this many calls cover it. */
  maxCalls?: number;
  concurrency?: number;
  leaseTtlMs?: number;
  signal?: AbortSignal;
}

export interface ReconcileOutcome {
  runId: string;
  status: "done" | "failed" | "interrupted";
  apiCalls: number;
  departmentsChecked: number;
  departmentsAdded: number;
  departmentsChanged: number;
  departmentsRemoved: number;
  usersFixed: number;
  usersLeft: number;
  /** Whether the whole tree was checked. */
  wholeTree: boolean;
  /** DingTalk's head count differed from the tables' (checked before a slice). */
  countDiffered?: boolean;
  error?: string;
}

interface LiveDept {
  deptId: number;
  parentId: number | null;
  name: string;
  path: string;
}

/** Runs a reconcile under the directory lease; null when a sync or reconcile is already running. */
export async function reconcileDirectory(deps: DirectorySyncDeps, options: ReconcileOptions): Promise<ReconcileOutcome | null> {
  const { db } = deps;
  const concurrency = options.concurrency ?? 20;
  const lease = new JobLease(db, DIRECTORY_SYNC_LEASE, jobOwner(deps), { ttlMs: options.leaseTtlMs ?? 30_000, now: deps.now });
  if (!(await lease.acquire())) return null;
  const runId = randomUUID();
  const startedAt = nowOf(deps);
  let apiCalls = 0;
  const outcome: ReconcileOutcome = {
    runId, status: "done", apiCalls: 0, departmentsChecked: 0, departmentsAdded: 0, departmentsChanged: 0, departmentsRemoved: 0, usersFixed: 0, usersLeft: 0, wholeTree: true,
  };
  let stopReason: string | undefined;
  const lanes = { departments: concurrency, members: concurrency, users: concurrency };
  let pool = new LanePool(lanes);
  const stop = (reason: string) => {
    stopReason ??= reason;
    pool.stop();
  };
  const onAbort = () => stop("stopped");
  options.signal?.addEventListener("abort", onAbort);
  lease.keepRenewed(stop);
  try {
    await db.directorySyncRun.create({
      data: { id: runId, kind: "reconcile", status: "running", startedBy: options.startedBy, startedAt, heartbeatAt: startedAt, owner: lease.owner, departmentsTotal: 1, departmentsDone: 0, peopleSeen: 0, apiCalls: 0 },
    });
    const progress = (by: { departmentsTotal?: number; departmentsDone?: number; peopleSeen?: number }) =>
      db.directorySyncRun.update({
        where: { id: runId },
        data: {
          heartbeatAt: nowOf(deps),
          apiCalls: { increment: 1 },
          departmentsTotal: { increment: by.departmentsTotal ?? 0 },
          departmentsDone: { increment: by.departmentsDone ?? 0 },
          peopleSeen: { increment: by.peopleSeen ?? 0 },
        },
      });

    // 0. A slice first asks for the head count: if it differs, events were lost and, budget allowing, the whole tree is checked.
    let slice = options.departments ? await storedSlice(deps, options.departments) : null;
    if (slice) {
      const [live, stored] = await Promise.all([deps.client.contacts.countUsers({ onlyActive: false }), db.directoryUser.count({ where: { leftAt: null } })]);
      apiCalls++;
      outcome.countDiffered = live !== stored;
      const departments = await db.directoryDepartment.count({ where: { removedAt: null } });
      if (outcome.countDiffered && options.maxCalls !== undefined && options.maxCalls - apiCalls >= reconcileCallEstimate(departments)) slice = null;
    }
    outcome.wholeTree = slice === null;

    // 1. The live tree (or the slice's part of it) and each department's member ids.
    const live = new Map<number, LiveDept>(
      slice ? slice.map((d) => [d.deptId, d]) : [[ROOT_DEPT_ID, { deptId: ROOT_DEPT_ID, parentId: null, name: "", path: departmentPath(null, ROOT_DEPT_ID) }]],
    );
    const storedIds = slice ? new Set((await db.directoryDepartment.findMany({ where: { removedAt: null }, select: { deptId: true } })).map((d) => d.deptId)) : null;
    /** Departments a slice expected under its departments that DingTalk no longer lists there (moved or removed). */
    const storedChildren = slice
      ? await db.directoryDepartment.findMany({ where: { parentId: { in: slice.map((d) => d.deptId) }, removedAt: null }, select: { deptId: true } })
      : [];
    const liveMembers = new Map<number, string[]>();
    const halves = new Map<number, number>();
    const halfDone = (deptId: number) => {
      const n = (halves.get(deptId) ?? 0) + 1;
      halves.set(deptId, n);
      return n === 2 ? 1 : 0;
    };
    const visit = (dept: LiveDept) => {
      pool.push("departments", async () => {
        let children: { deptId: number; name: string; parentId?: number }[] = [];
        try {
          children = await deps.client.departments.listSubDepartments(dept.deptId);
        } catch (error) {
          if (!isDeptNotFound(error)) throw error;
          live.delete(dept.deptId);
        }
        apiCalls++;
        for (const c of children) {
          const child = { deptId: c.deptId, parentId: c.parentId ?? dept.deptId, name: c.name, path: departmentPath(dept.path, c.deptId) };
          live.set(child.deptId, child);
          // A slice goes down only into departments the tables do not know yet.
          if (!storedIds || !storedIds.has(child.deptId)) visit(child);
        }
        await progress({ departmentsTotal: children.length, departmentsDone: halfDone(dept.deptId) });
      });
      pool.push("members", async () => {
        try {
          liveMembers.set(dept.deptId, await deps.client.contacts.listUserIds(dept.deptId));
        } catch (error) {
          if (!isDeptNotFound(error)) throw error;
        }
        apiCalls++;
        await progress({ departmentsDone: halfDone(dept.deptId), peopleSeen: liveMembers.get(dept.deptId)?.length ?? 0 });
      });
    };
    for (const d of [...live.values()]) visit(d);
    await pool.done();
    if (stopReason !== undefined) throw new Error(stopReason);
    outcome.departmentsChecked = live.size;

    // 2. Departments: new, renamed or moved ones written under their live parents; missing ones removed.
    const now = nowOf(deps);
    const stored = new Map(
      (await db.directoryDepartment.findMany({ where: { removedAt: null }, select: { deptId: true, parentId: true, name: true, path: true } })).map((d) => [d.deptId, d]),
    );
    const changed = [...live.values()]
      .filter((d) => d.deptId !== ROOT_DEPT_ID || !stored.has(ROOT_DEPT_ID))
      .filter((d) => {
        const s = stored.get(d.deptId);
        return !s || s.name !== d.name || s.parentId !== d.parentId || s.path !== d.path;
      })
      .sort((a, b) => a.path.length - b.path.length);
    const removed = slice
      ? slice.filter((d) => !live.has(d.deptId)).map((d) => d.deptId)
      : [...stored.keys()].filter((id) => !live.has(id));
    // Under a slice, a child no longer listed may have moved elsewhere: asked for on its own.
    const unlisted = storedChildren.map((c) => c.deptId).filter((id) => !live.has(id));
    await db.$transaction(async (tx) => {
      for (const d of changed) {
        const parentPath = d.parentId === null ? null : (live.get(d.parentId)?.path ?? departmentPath(null, d.parentId));
        await upsertDepartments(tx, [{ deptId: d.deptId, parentId: d.parentId, name: d.name || `${d.deptId}` }], parentPath, now);
      }
      await markDepartmentsRemoved(tx, removed, now);
    }, { timeout: 60_000 });
    if (unlisted.length > 0) {
      const result = await refreshDepartments(deps, unlisted);
      apiCalls += unlisted.length;
      outcome.departmentsRemoved += result.departmentsRemoved.length;
    }
    outcome.departmentsAdded = changed.filter((d) => !stored.has(d.deptId)).length;
    outcome.departmentsChanged = changed.length - outcome.departmentsAdded;
    outcome.departmentsRemoved += removed.length;

    // 3. People whose memberships differ, or who are on one side only, fetched again.
    const memberships = await db.directoryMembership.findMany({ select: { userId: true, deptId: true } });
    const storedMembers = new Map<number, Set<string>>();
    for (const m of memberships) {
      if (!storedMembers.has(m.deptId)) storedMembers.set(m.deptId, new Set());
      storedMembers.get(m.deptId)!.add(m.userId);
    }
    const suspects = new Set<string>();
    for (const [deptId, ids] of liveMembers) {
      const have = storedMembers.get(deptId) ?? new Set<string>();
      for (const id of ids) if (!have.has(id)) suspects.add(id);
      const want = new Set(ids);
      for (const id of have) if (!want.has(id)) suspects.add(id);
    }
    if (!slice) {
      const everyoneLive = new Set([...liveMembers.values()].flat());
      for (const u of await db.directoryUser.findMany({ where: { leftAt: null }, select: { userId: true } })) {
        if (!everyoneLive.has(u.userId)) suspects.add(u.userId);
      }
    }
    const found: DingTalkUser[] = [];
    const missing: string[] = [];
    pool = new LanePool(lanes);
    for (const userId of suspects) {
      pool.push("users", async () => {
        try {
          found.push(await deps.client.contacts.getUser(userId));
        } catch (error) {
          if (!isUserNotFound(error)) throw error;
          missing.push(userId);
        }
        apiCalls++;
      });
    }
    await pool.done();
    if (stopReason !== undefined) throw new Error(stopReason);
    const writeAt = nowOf(deps);
    for (let i = 0; i < found.length; i += 200) {
      await db.$transaction((tx) => replaceUsers(tx, found.slice(i, i + 200), writeAt));
    }
    const left = await db.$transaction((tx) => markUsersLeft(tx, missing, writeAt));
    await refreshDepartmentAggregates(db);
    outcome.usersFixed = found.length;
    outcome.usersLeft = left.count;
  } catch (error) {
    outcome.status = stopReason !== undefined ? "interrupted" : "failed";
    outcome.error = stopReason ?? errorText(error);
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
    outcome.apiCalls = apiCalls;
    const end = nowOf(deps);
    await db.directorySyncRun
      .update({ where: { id: runId }, data: { status: outcome.status, error: outcome.error ?? null, heartbeatAt: end, finishedAt: end, apiCalls } })
      .catch(() => undefined);
    await lease.release().catch(() => undefined);
  }
  return outcome;
}

/** Calls a whole-tree reconcile makes: two per department, and a few people fetched again. */
export function reconcileCallEstimate(departments: number): number {
  return 2 * Math.max(1, departments) + Math.ceil(departments / 50);
}

/** Calls a reconcile of `departments` of the tree makes: the head count, two per department, a few people. */
export function sliceCallEstimate(departments: number): number {
  return 1 + 2 * departments + 2;
}

/** The slice's departments as the tables hold them; ids the tables do not know (or removed) are left out. */
async function storedSlice(deps: DirectorySyncDeps, deptIds: readonly number[]): Promise<LiveDept[]> {
  const rows = await deps.db.directoryDepartment.findMany({
    where: { deptId: { in: [...deptIds] }, removedAt: null },
    select: { deptId: true, parentId: true, name: true, path: true },
  });
  return rows.map((r) => ({ deptId: r.deptId, parentId: r.parentId, name: r.name, path: r.path }));
}
