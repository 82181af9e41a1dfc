import { z } from "zod";
import { audited } from "@/lib/audit";
import { withCallArea } from "@/lib/dingtalk/meter";
import type { Db } from "@/lib/db/client";
import type { DingTalkDepartment, DingTalkUser } from "@/lib/dingtalk";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { isDeptNotFound, isUserNotFound, nowOf, type DirectorySyncDeps } from "./deps";
import {
  markDepartmentsRemoved, markUsersLeft, movePaths, refreshDepartmentAggregates, refreshIsManager, replaceUsers,
  setDepartmentLeaders, upsertDepartments, departmentPath,
} from "./store";

// Org-change events (Stream or HTTP callback) applied to the directory tables. An event only
// says who or what changed; the current record is fetched from DingTalk, so events that arrive
// twice, late or out of order still leave the tables as DingTalk is now.

export const DIRECTORY_EVENT_TYPES = [
  "user_add_org", "user_modify_org", "user_leave_org", "org_dept_create", "org_dept_modify", "org_dept_remove",
] as const;
export type DirectoryEventType = (typeof DIRECTORY_EVENT_TYPES)[number];

export function isDirectoryEventType(eventType: string): eventType is DirectoryEventType {
  return (DIRECTORY_EVENT_TYPES as readonly string[]).includes(eventType);
}

const ids = z
  .union([z.array(z.union([z.string(), z.number()])), z.string(), z.number()])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((x) => String(x).trim()).filter((x) => x !== ""));

/** Stream sends camelCase (`userId`, `deptId`), the HTTP callback PascalCase (`UserId`, `DeptId`). */
const eventPayload = z
  .object({ userId: ids.optional(), UserId: ids.optional(), deptId: ids.optional(), DeptId: ids.optional() })
  .loose()
  .transform((p) => ({ userIds: [...new Set([...(p.userId ?? []), ...(p.UserId ?? [])])], deptIds: [...new Set([...(p.deptId ?? []), ...(p.DeptId ?? [])])] }));

export interface DirectoryEventResult {
  eventType: string;
  /** Why nothing was done, when nothing was. */
  ignored?: string;
  usersUpdated: string[];
  usersLeft: string[];
  departmentsUpdated: number[];
  departmentsRemoved: number[];
}

const empty = (eventType: string, ignored?: string): DirectoryEventResult => ({
  eventType, ...(ignored ? { ignored } : {}), usersUpdated: [], usersLeft: [], departmentsUpdated: [], departmentsRemoved: [],
});

// One event at a time per database: two events for one person must not write their rows at once.
const queues = new WeakMap<Db, Promise<unknown>>();

function serialised<T>(db: Db, fn: () => Promise<T>): Promise<T> {
  const next = (queues.get(db) ?? Promise.resolve()).then(fn);
  queues.set(db, next.catch(() => undefined));
  return next;
}

/** A write that met a concurrent one (the full sync writing the same person) is tried again. */
async function retryingConflicts<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      if (attempt >= 3 || (code !== "P2002" && code !== "P2034")) throw error;
      await new Promise((r) => setTimeout(r, 20 * attempt));
    }
  }
}

/**
 * Applies one org-change event: the payload as DingTalk sends it (`{userId: [...]}` or
 * `{UserId: [...]}`, `{deptId: [...]}` or `{DeptId: [...]}`). Other event types are ignored.
 * Audited as `directory.event` by the system.
 */
export async function handleDirectoryEvent(deps: DirectorySyncDeps, eventType: string, payload: unknown): Promise<DirectoryEventResult> {
  if (!isDirectoryEventType(eventType)) return empty(eventType, "not an org-change event");
  const parsed = eventPayload.safeParse(payload ?? {});
  if (!parsed.success) return empty(eventType, `payload not understood: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  const { userIds, deptIds } = parsed.data;
  const isUserEvent = eventType.startsWith("user_");
  if (isUserEvent ? userIds.length === 0 : deptIds.length === 0) return empty(eventType, `${eventType} names no ${isUserEvent ? "userId" : "deptId"}`);
  const numericDeptIds = deptIds.map(Number);
  const badDept = deptIds.find((_, i) => !Number.isInteger(numericDeptIds[i]));
  if (badDept !== undefined) return empty(eventType, `deptId ${badDept} is not a number`);

  return withCallArea("directory.event", () => audited(deps.db, { actor: SYSTEM_ACTOR }, "directory.event", { type: "directory", id: eventType }, { eventType, userIds, deptIds }, () =>
    serialised(deps.db, () =>
      retryingConflicts(async () => {
        const result = empty(eventType);
        if (eventType === "user_leave_org") {
          await leave(deps, userIds, result);
        } else if (isUserEvent) {
          await refreshUsers(deps, userIds, result);
        } else if (eventType === "org_dept_remove") {
          await removeDepartments(deps, numericDeptIds, result);
        } else {
          await refreshDepartments(deps, numericDeptIds, result);
        }
        return result;
      }),
    ),
  ));
}

async function leave(deps: DirectorySyncDeps, userIds: string[], result: DirectoryEventResult): Promise<void> {
  const left = await deps.db.$transaction((tx) => markUsersLeft(tx, userIds, nowOf(deps)));
  await refreshDepartmentAggregates(deps.db, left.previousDeptIds);
  result.usersLeft.push(...userIds);
}

/** Fetches people from DingTalk and writes them; those DingTalk no longer knows have left. */
export async function refreshUsers(deps: DirectorySyncDeps, userIds: readonly string[], result: DirectoryEventResult = empty("refresh")): Promise<DirectoryEventResult> {
  const found: DingTalkUser[] = [];
  const missing: string[] = [];
  for (const userId of userIds) {
    try {
      found.push(await deps.client.contacts.getUser(userId));
    } catch (error) {
      if (!isUserNotFound(error)) throw error;
      missing.push(userId);
    }
  }
  // Departments they joined that the tables do not know yet (created a moment before).
  const referenced = [...new Set(found.flatMap((u) => u.deptIdList))];
  const known = new Set(
    (await deps.db.directoryDepartment.findMany({ where: { deptId: { in: referenced }, removedAt: null }, select: { deptId: true } })).map((d) => d.deptId),
  );
  const unknown = referenced.filter((id) => !known.has(id));
  if (unknown.length > 0) await refreshDepartments(deps, unknown, result);

  const now = nowOf(deps);
  const { written, left } = await deps.db.$transaction(async (tx) => ({
    written: await replaceUsers(tx, found, now),
    left: await markUsersLeft(tx, missing, now),
  }));
  const touched = new Set([...written.previousDeptIds, ...left.previousDeptIds, ...referenced]);
  await refreshDepartmentAggregates(deps.db, [...touched]);
  result.usersUpdated.push(...found.map((u) => u.userId));
  result.usersLeft.push(...missing);
  return result;
}

/**
 * Fetches departments from DingTalk and writes them under their parents (a parent the tables do
 * not know is fetched first); a department that moved takes its subtree's paths along.
 */
export async function refreshDepartments(deps: DirectorySyncDeps, deptIds: readonly number[], result: DirectoryEventResult = empty("refresh"), depth = 0): Promise<DirectoryEventResult> {
  if (depth > 32) throw new Error(`department parents nest deeper than 32 levels above ${deptIds.join(", ")}; the tree looks cyclic`);
  const { db } = deps;
  const fetched: DingTalkDepartment[] = [];
  const gone: number[] = [];
  for (const deptId of deptIds) {
    try {
      fetched.push(await deps.client.departments.getDepartment(deptId));
    } catch (error) {
      if (!isDeptNotFound(error)) throw error;
      gone.push(deptId);
    }
  }
  if (gone.length > 0) await removeDepartments(deps, gone, result);

  for (const dept of fetched) {
    const parentId = dept.parentId ?? null;
    let parentPath: string | null = null;
    if (parentId !== null) {
      let parent = await db.directoryDepartment.findFirst({ where: { deptId: parentId, removedAt: null }, select: { path: true } });
      if (!parent) {
        await refreshDepartments(deps, [parentId], result, depth + 1);
        parent = await db.directoryDepartment.findFirst({ where: { deptId: parentId, removedAt: null }, select: { path: true } });
      }
      parentPath = parent?.path ?? departmentPath(null, parentId);
    }
    const affected = await db.$transaction(async (tx) => {
      const before = await tx.directoryDepartment.findUnique({ where: { deptId: dept.deptId }, select: { path: true } });
      await upsertDepartments(tx, [{ deptId: dept.deptId, parentId, name: dept.name, order: dept.order ?? null, managerUserIds: dept.deptManagerUserIds }], parentPath, nowOf(deps));
      if (before) await movePaths(tx, before.path, departmentPath(parentPath, dept.deptId));
      return (await setDepartmentLeaders(tx, dept.deptId, dept.deptManagerUserIds)).affectedUserIds;
    });
    await refreshIsManager(db, affected);
    await refreshDepartmentAggregates(db, [dept.deptId]);
    result.departmentsUpdated.push(dept.deptId);
  }
  return result;
}

async function removeDepartments(deps: DirectorySyncDeps, deptIds: number[], result: DirectoryEventResult): Promise<void> {
  const { memberIds } = await deps.db.$transaction((tx) => markDepartmentsRemoved(tx, deptIds, nowOf(deps)));
  await refreshIsManager(deps.db, memberIds);
  result.departmentsRemoved.push(...deptIds);
}
