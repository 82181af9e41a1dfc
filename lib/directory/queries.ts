import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Db } from "@/lib/db/client";
import type { DirectoryDepartment, DirectoryUser } from "@/lib/db/generated/sqlite/client";
import { dialectOf } from "@/lib/db/sql-dialect";

// Reads behind the person page, the department page and the lazily loaded department tree.

export interface PersonRef {
  userId: string;
  name: string;
  title: string | null;
  avatar: string | null;
}

export interface DeptRef {
  deptId: number;
  name: string;
}

export type PersonRow = Omit<DirectoryUser, "searchText">;

export interface PersonDetail {
  person: PersonRow;
  /** Each department the person is in, with its path from the root (root first, itself last). */
  departments: { deptId: number; name: string; isLeader: boolean; path: DeptRef[] }[];
  /** Their manager, that manager's manager, … up to someone without one. */
  managerChain: PersonRef[];
  directReports: PersonRef[];
}

export interface TreeNode {
  deptId: number;
  name: string;
  /** Direct members. */
  memberCount: number;
  /** People in it and every department below it, counted once each (those who left not counted). */
  headcount: number;
  activeHeadcount: number;
  hasChildren: boolean;
}

/** A member row of a department page: the person and what the table shows of them. */
export interface MemberRow {
  userId: string;
  name: string;
  title: string | null;
  mobile: string | null;
  jobNumber: string | null;
  active: boolean;
}

export interface DepartmentTrail {
  department: DirectoryDepartment;
  /** From the root down to its parent. */
  parentPath: DeptRef[];
}

export interface DepartmentDetail {
  department: Omit<DirectoryDepartment, "managerUserIds"> & { managerUserIds: string[] };
  /** From the root down to its parent. */
  parentPath: DeptRef[];
  managers: PersonRef[];
  subDepartments: TreeNode[];
  members: { rows: MemberRow[]; total: number };
  headcount: number;
}

const refSelect = { userId: true, name: true, title: true, avatar: true } as const;
const MAX_CHAIN = 50;

/**
 * Whether the synced tables hold the whole org: a full sync has finished (the first sync's
 * half-written tree is never shown as the org).
 */
export async function isDirectorySynced(db: Db): Promise<boolean> {
  return (await db.directorySyncRun.count({ where: { kind: "full", status: "done" }, take: 1 })) > 0;
}

/** The org's departments in the synced directory (deleted ones left out), or null before the first full sync. */
export async function syncedDepartmentCount(db: Db): Promise<number | null> {
  if (!(await isDirectorySynced(db))) return null;
  return db.directoryDepartment.count({ where: { removedAt: null } });
}

/** Department ids of a path "/1/12/35/", root first. */
export const pathIds = (path: string): number[] => path.split("/").filter(Boolean).map(Number);

async function deptRefs(db: Db, ids: readonly number[]): Promise<Map<number, DeptRef>> {
  const rows = await db.directoryDepartment.findMany({ where: { deptId: { in: [...new Set(ids)] } }, select: { deptId: true, name: true } });
  return new Map(rows.map((r) => [r.deptId, r]));
}

function parseIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export async function getPerson(db: Db, userId: string): Promise<PersonDetail | null> {
  const person = await db.directoryUser.findUnique({ where: { userId }, omit: { searchText: true } });
  if (!person) return null;
  const memberships = await db.directoryMembership.findMany({ where: { userId }, orderBy: { deptId: "asc" } });
  const depts = await db.directoryDepartment.findMany({ where: { deptId: { in: memberships.map((m) => m.deptId) } }, select: { deptId: true, name: true, path: true } });
  const refs = await deptRefs(db, depts.flatMap((d) => pathIds(d.path)));
  const departments = memberships.flatMap((m) => {
    const dept = depts.find((d) => d.deptId === m.deptId);
    if (!dept) return [];
    return [{ deptId: dept.deptId, name: dept.name, isLeader: m.isLeader, path: pathIds(dept.path).map((id) => refs.get(id) ?? { deptId: id, name: String(id) }) }];
  });

  const managerChain: PersonRef[] = [];
  const seen = new Set([userId]);
  for (let next = person.managerUserId; next && !seen.has(next) && managerChain.length < MAX_CHAIN; ) {
    seen.add(next);
    const manager: (PersonRef & { managerUserId: string | null }) | null = await db.directoryUser.findUnique({ where: { userId: next }, select: { ...refSelect, managerUserId: true } });
    if (!manager) break;
    const { managerUserId, ...ref } = manager;
    managerChain.push(ref);
    next = managerUserId;
  }
  const directReports = await db.directoryUser.findMany({ where: { managerUserId: userId, leftAt: null }, select: refSelect, orderBy: [{ pinyin: "asc" }, { userId: "asc" }] });
  return { person, departments, managerChain, directReports };
}

/** Live head counts of the subtrees of `deptIds`. */
export async function subtreeHeadcounts(db: Db, deptIds: readonly number[]): Promise<Map<number, { headcount: number; active: number }>> {
  const out = new Map<number, { headcount: number; active: number }>();
  if (deptIds.length === 0) return out;
  const d = await dialectOf(db);
  const sub = d.text(`s."path"`);
  const top = d.text(`t."path"`);
  // The subtree of "/1/12/" is every path from "/1/12/" up to (not including) "/1/120".
  const upper = d.provider === "sqlite" ? sql`substr(t."path", 1, length(t."path") - 1) || '0'` : sql`(substr(t."path", 1, length(t."path") - 1) || '0') COLLATE "C"`;
  const rows = await db.$queryRaw<{ deptId: number; headcount: number | bigint; active: number | bigint }[]>(sql`
    SELECT t."deptId" AS "deptId", count(DISTINCT u."userId") AS headcount,
      count(DISTINCT CASE WHEN u."active" = ${d.bool(true)} THEN u."userId" END) AS active
    FROM "DirectoryDepartment" t
    JOIN "DirectoryDepartment" s ON ${sub} >= ${top} AND ${sub} < ${upper} AND s."removedAt" IS NULL
    JOIN "DirectoryMembership" m ON m."deptId" = s."deptId"
    JOIN "DirectoryUser" u ON u."userId" = m."userId" AND u."leftAt" IS NULL
    WHERE t."deptId" IN (${join([...deptIds])})
    GROUP BY t."deptId"`);
  for (const id of deptIds) out.set(id, { headcount: 0, active: 0 });
  for (const r of rows) out.set(Number(r.deptId), { headcount: Number(r.headcount), active: Number(r.active) });
  return out;
}

/** The children of `parentId` (the root department itself when null), with head counts: one level of the tree. */
export async function departmentChildren(db: Db, parentId: number | null): Promise<TreeNode[]> {
  const children = await db.directoryDepartment.findMany({
    where: parentId === null ? { parentId: null, removedAt: null } : { parentId, removedAt: null },
    orderBy: [{ order: "asc" }, { deptId: "asc" }],
  });
  const ids = children.map((c) => c.deptId);
  const [counts, grandchildren] = await Promise.all([
    subtreeHeadcounts(db, ids),
    db.directoryDepartment.groupBy({ by: ["parentId"], where: { parentId: { in: ids }, removedAt: null }, _count: { _all: true } }),
  ]);
  const withChildren = new Set(grandchildren.map((g) => g.parentId));
  return children.map((c) => ({
    deptId: c.deptId,
    name: c.name,
    memberCount: c.memberCount,
    headcount: counts.get(c.deptId)?.headcount ?? 0,
    activeHeadcount: counts.get(c.deptId)?.active ?? 0,
    hasChildren: withChildren.has(c.deptId),
  }));
}

/** A department and the path down to it, without its members or children (names and links only). */
export async function departmentTrail(db: Db, deptId: number): Promise<DepartmentTrail | null> {
  const department = await db.directoryDepartment.findUnique({ where: { deptId } });
  if (!department) return null;
  const ancestors = pathIds(department.path).filter((id) => id !== deptId);
  const refs = await deptRefs(db, ancestors);
  return { department, parentPath: ancestors.map((id) => refs.get(id) ?? { deptId: id, name: String(id) }) };
}

export async function getDepartment(db: Db, deptId: number, options: { page?: number; pageSize?: number } = {}): Promise<DepartmentDetail | null> {
  const page = Math.max(1, Math.trunc(options.page ?? 1));
  const pageSize = Math.min(500, Math.max(1, Math.trunc(options.pageSize ?? 50)));
  const trail = await departmentTrail(db, deptId);
  if (!trail) return null;
  const { department: dept, parentPath } = trail;
  const managerUserIds = parseIds(dept.managerUserIds);
  const memberIds = (await db.directoryMembership.findMany({ where: { deptId }, select: { userId: true } })).map((m) => m.userId);
  const [managers, subDepartments, rows, total, counts] = await Promise.all([
    db.directoryUser.findMany({ where: { userId: { in: managerUserIds } }, select: refSelect }),
    departmentChildren(db, deptId),
    db.directoryUser.findMany({
      where: { userId: { in: memberIds }, leftAt: null },
      select: { userId: true, name: true, title: true, mobile: true, jobNumber: true, active: true },
      orderBy: [{ pinyin: "asc" }, { userId: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.directoryUser.count({ where: { userId: { in: memberIds }, leftAt: null } }),
    subtreeHeadcounts(db, [deptId]),
  ]);
  return {
    department: { ...dept, managerUserIds },
    parentPath,
    managers: managerUserIds.flatMap((id) => managers.find((m) => m.userId === id) ?? []),
    subDepartments,
    members: { rows, total },
    headcount: counts.get(deptId)?.headcount ?? 0,
  };
}
