import type { Db, Prisma } from "@/lib/db/client";
import type { Tx } from "@/lib/db/transactions";
import type { DingTalkUser } from "@/lib/dingtalk";
import { personPinyin, pinyinOf } from "../pinyin";
import { userSearchText } from "../search-text";

// Writes of the directory tables (DirectoryUser, DirectoryDepartment, DirectoryMembership),
// shared by the full sync, the event handler and the reconcile. Each function takes a client or
// a transaction, so callers decide what commits together.

type Store = Db | Tx;

export const ROOT_DEPT_ID = 1;

/** "/1/12/35/": the path of a department under `parentPath` (root first, itself last). */
export function departmentPath(parentPath: string | null, deptId: number): string {
  return `${parentPath ?? "/"}${deptId}/`;
}

/** Depth from a path: 1 for the root. */
export const depthOf = (path: string): number => path.split("/").filter(Boolean).length;

const blank = (v: string | undefined | null): string | null => (v === undefined || v === null || v.trim() === "" ? null : v);

/** A person as a row: pinyin, initials and searchText computed here, fields without a column kept in `extra`. */
export function userRow(user: DingTalkUser, now: Date): Prisma.DirectoryUserCreateManyInput {
  const pinyin = personPinyin(user.name);
  const extra = { senior: user.senior, remark: blank(user.remark), extension: blank(user.extension) };
  return {
    userId: user.userId,
    unionId: blank(user.unionId),
    name: user.name,
    pinyin: pinyin.full,
    initials: pinyin.initials,
    mobile: blank(user.mobile),
    email: blank(user.email),
    title: blank(user.title),
    jobNumber: blank(user.jobNumber),
    avatar: blank(user.avatar),
    managerUserId: blank(user.managerUserId),
    hiredAt: user.hiredDate === undefined ? null : new Date(user.hiredDate),
    active: user.active,
    admin: user.admin,
    boss: user.boss,
    isManager: user.leaderInDept.some((l) => l.leader),
    extra: JSON.stringify(extra),
    searchText: userSearchText({ name: user.name, pinyin, mobile: user.mobile, jobNumber: user.jobNumber, title: user.title, email: user.email }),
    syncedAt: now,
    leftAt: null,
  };
}

function membershipRows(users: readonly DingTalkUser[]): Prisma.DirectoryMembershipCreateManyInput[] {
  return users.flatMap((u) => {
    const leads = new Set(u.leaderInDept.filter((l) => l.leader).map((l) => l.deptId));
    return [...new Set(u.deptIdList)].map((deptId) => ({ userId: u.userId, deptId, isLeader: leads.has(deptId) }));
  });
}

/**
 * Writes people as DingTalk returned them, replacing their rows and memberships: every field of
 * the row comes from DingTalk, so a delete and a bulk insert is both exact and two statements
 * instead of one per person. Returns the departments they were in before, for recounting.
 */
export async function replaceUsers(
  tx: Store,
  users: readonly DingTalkUser[],
  now: Date,
  options: { skipPreviousDepartments?: boolean } = {},
): Promise<{ previousDeptIds: number[] }> {
  const unique = [...new Map(users.map((u) => [u.userId, u])).values()];
  if (unique.length === 0) return { previousDeptIds: [] };
  const ids = unique.map((u) => u.userId);
  // The full sync recounts every department at its end and skips this read.
  const previous = options.skipPreviousDepartments ? [] : await tx.directoryMembership.findMany({ where: { userId: { in: ids } }, select: { deptId: true } });
  await tx.directoryUser.deleteMany({ where: { userId: { in: ids } } });
  await tx.directoryUser.createMany({ data: unique.map((u) => userRow(u, now)) });
  await tx.directoryMembership.deleteMany({ where: { userId: { in: ids } } });
  const memberships = membershipRows(unique);
  if (memberships.length > 0) await tx.directoryMembership.createMany({ data: memberships });
  return { previousDeptIds: [...new Set(previous.map((m) => m.deptId))] };
}

/** People who left the org: marked, taken out of their departments, and no longer anyone's manager. */
export async function markUsersLeft(tx: Store, userIds: readonly string[], now: Date): Promise<{ previousDeptIds: number[]; count: number }> {
  if (userIds.length === 0) return { previousDeptIds: [], count: 0 };
  const ids = [...userIds];
  const previous = await tx.directoryMembership.findMany({ where: { userId: { in: ids } }, select: { deptId: true } });
  const marked = await tx.directoryUser.updateMany({ where: { userId: { in: ids }, leftAt: null }, data: { leftAt: now, isManager: false, syncedAt: now } });
  await tx.directoryMembership.deleteMany({ where: { userId: { in: ids } } });
  // DingTalk clears the manager of the people who reported to someone who left.
  await tx.directoryUser.updateMany({ where: { managerUserId: { in: ids } }, data: { managerUserId: null } });
  return { previousDeptIds: [...new Set(previous.map((m) => m.deptId))], count: marked.count };
}

export interface DepartmentInput {
  deptId: number;
  parentId: number | null;
  name: string;
  /** Left unchanged when absent (listsub does not return it). */
  order?: number | null;
  /** Left unchanged when absent (recomputed from memberships instead). */
  managerUserIds?: string[];
}

/** Inserts or updates departments under one known parent path (null for the root). */
export async function upsertDepartments(tx: Store, departments: readonly DepartmentInput[], parentPath: string | null, now: Date): Promise<void> {
  for (const d of departments) {
    const path = departmentPath(parentPath, d.deptId);
    const fields = {
      parentId: d.parentId,
      name: d.name,
      pinyin: pinyinOf(d.name).full,
      path,
      depth: depthOf(path),
      syncedAt: now,
      removedAt: null,
      ...(d.order !== undefined ? { order: d.order } : {}),
      ...(d.managerUserIds !== undefined ? { managerUserIds: JSON.stringify([...d.managerUserIds].sort()) } : {}),
    };
    await tx.directoryDepartment.upsert({
      where: { deptId: d.deptId },
      create: { deptId: d.deptId, managerUserIds: "[]", memberCount: 0, order: null, ...fields },
      update: fields,
    });
  }
}

/** After a department moved: every department below it gets the new path prefix and depth. */
export async function movePaths(tx: Store, oldPath: string, newPath: string): Promise<number> {
  if (oldPath === newPath) return 0;
  const below = await tx.directoryDepartment.findMany({ where: { path: { startsWith: oldPath }, NOT: { path: oldPath } }, select: { deptId: true, path: true } });
  for (const d of below) {
    const path = newPath + d.path.slice(oldPath.length);
    await tx.directoryDepartment.update({ where: { deptId: d.deptId }, data: { path, depth: depthOf(path) } });
  }
  return below.length;
}

/** Departments that are gone: marked removed, their memberships dropped. */
export async function markDepartmentsRemoved(tx: Store, deptIds: readonly number[], now: Date): Promise<{ memberIds: string[] }> {
  if (deptIds.length === 0) return { memberIds: [] };
  const ids = [...deptIds];
  const members = await tx.directoryMembership.findMany({ where: { deptId: { in: ids } }, select: { userId: true } });
  await tx.directoryDepartment.updateMany({ where: { deptId: { in: ids }, removedAt: null }, data: { removedAt: now, memberCount: 0, managerUserIds: "[]" } });
  await tx.directoryMembership.deleteMany({ where: { deptId: { in: ids } } });
  return { memberIds: [...new Set(members.map((m) => m.userId))] };
}

/** Sets who leads a department (the memberships' isLeader) from DingTalk's manager list. */
export async function setDepartmentLeaders(tx: Store, deptId: number, managerUserIds: readonly string[]): Promise<{ affectedUserIds: string[] }> {
  const before = await tx.directoryMembership.findMany({ where: { deptId, isLeader: true }, select: { userId: true } });
  await tx.directoryMembership.updateMany({ where: { deptId, isLeader: true, userId: { notIn: [...managerUserIds] } }, data: { isLeader: false } });
  if (managerUserIds.length > 0) await tx.directoryMembership.updateMany({ where: { deptId, userId: { in: [...managerUserIds] } }, data: { isLeader: true } });
  return { affectedUserIds: [...new Set([...before.map((b) => b.userId), ...managerUserIds])] };
}

/** `isManager` from the memberships, for the given people. */
export async function refreshIsManager(tx: Store, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  const ids = [...userIds];
  const leaders = await tx.directoryMembership.findMany({ where: { userId: { in: ids }, isLeader: true }, select: { userId: true }, distinct: ["userId"] });
  const leading = leaders.map((l) => l.userId);
  await tx.directoryUser.updateMany({ where: { userId: { in: leading }, isManager: false }, data: { isManager: true } });
  await tx.directoryUser.updateMany({ where: { userId: { in: ids.filter((id) => !leading.includes(id)) }, isManager: true }, data: { isManager: false } });
}

/**
 * `memberCount` (direct members) and `managerUserIds` of departments, recomputed from the
 * memberships; only rows whose values changed are written. All departments when `deptIds` is absent.
 */
export async function refreshDepartmentAggregates(db: Db, deptIds?: readonly number[]): Promise<number> {
  const scope = deptIds === undefined ? {} : { deptId: { in: [...deptIds] } };
  const [departments, memberships] = await Promise.all([
    db.directoryDepartment.findMany({ where: { ...scope, removedAt: null }, select: { deptId: true, memberCount: true, managerUserIds: true } }),
    db.directoryMembership.findMany({ where: scope, select: { deptId: true, userId: true, isLeader: true } }),
  ]);
  const counts = new Map<number, number>();
  const leaders = new Map<number, string[]>();
  for (const m of memberships) {
    counts.set(m.deptId, (counts.get(m.deptId) ?? 0) + 1);
    if (m.isLeader) leaders.set(m.deptId, [...(leaders.get(m.deptId) ?? []), m.userId]);
  }
  const changes = departments
    .map((d) => ({ deptId: d.deptId, memberCount: counts.get(d.deptId) ?? 0, managerUserIds: JSON.stringify((leaders.get(d.deptId) ?? []).sort()), before: d }))
    .filter((c) => c.memberCount !== c.before.memberCount || c.managerUserIds !== c.before.managerUserIds);
  for (let i = 0; i < changes.length; i += 200) {
    const batch = changes.slice(i, i + 200);
    await db.$transaction(batch.map((c) => db.directoryDepartment.update({ where: { deptId: c.deptId }, data: { memberCount: c.memberCount, managerUserIds: c.managerUserIds } })));
  }
  return changes.length;
}

/** At the end of a full sync: whoever and whatever the run did not see is gone from the org. */
export async function markUnseen(db: Db, seenSince: Date, now: Date): Promise<{ usersLeft: number; departmentsRemoved: number }> {
  const [users, departments] = await Promise.all([
    db.directoryUser.findMany({ where: { syncedAt: { lt: seenSince }, leftAt: null }, select: { userId: true } }),
    db.directoryDepartment.findMany({ where: { syncedAt: { lt: seenSince }, removedAt: null }, select: { deptId: true } }),
  ]);
  return db.$transaction(async (tx) => {
    const left = await markUsersLeft(tx, users.map((u) => u.userId), now);
    await markDepartmentsRemoved(tx, departments.map((d) => d.deptId), now);
    return { usersLeft: left.count, departmentsRemoved: departments.length };
  }, { timeout: 60_000 });
}
