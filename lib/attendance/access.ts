import { can } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db/client";
import { scopePeople } from "./report";

// Whose attendance a person may see: HR and admins everyone (attendance.read.all); a manager
// (attendance.read.ownDepartments) the departments whose manager list in the synced directory
// names them, with their sub-departments; anyone else no one.

export interface AttendanceScope {
  deptIds: readonly number[];
  /** Members of the departments' sub-departments too. */
  includeSub?: boolean;
  userIds: readonly string[];
}

export interface AttendanceAccess {
  /** Everyone (null), or only these people. */
  people: ReadonlySet<string> | null;
  /** The departments the person leads (empty for HR and admins, who are not limited). */
  ledDeptIds: number[];
}

/** Departments whose managers include `userId`, from the synced directory. */
export async function ledDepartments(db: Db, userId: string): Promise<number[]> {
  // managerUserIds is a JSON array: a quoted match finds the id itself, not a longer one containing it.
  const rows = await db.directoryDepartment.findMany({
    where: { removedAt: null, managerUserIds: { contains: JSON.stringify(userId) } },
    select: { deptId: true, managerUserIds: true },
    orderBy: { deptId: "asc" },
  });
  return rows.filter((r) => (JSON.parse(r.managerUserIds) as unknown[]).includes(userId)).map((r) => r.deptId);
}

export async function attendanceAccess(db: Db, actor: { userId: string; roles: readonly string[] }): Promise<AttendanceAccess> {
  if (can(actor.roles, "attendance.read.all")) return { people: null, ledDeptIds: [] };
  if (!can(actor.roles, "attendance.read.ownDepartments")) return { people: new Set(), ledDeptIds: [] };
  const ledDeptIds = await ledDepartments(db, actor.userId);
  return { people: new Set(ledDeptIds.length > 0 ? await scopePeople(db, { deptIds: ledDeptIds }) : []), ledDeptIds };
}

/**
 * The people of a scope the person may see. `outside` counts those of the scope left out, so
 * that a page can say the scope was narrowed rather than show a smaller report silently.
 */
export async function visiblePeople(db: Db, access: AttendanceAccess, scope: AttendanceScope): Promise<{ userIds: string[]; outside: number }> {
  const all = await scopePeople(db, scope);
  if (access.people === null) return { userIds: all, outside: 0 };
  const userIds = all.filter((u) => access.people!.has(u));
  return { userIds, outside: all.length - userIds.length };
}

/** Whether the person may see this one person's attendance. */
export const maySee = (access: AttendanceAccess, userId: string): boolean => access.people === null || access.people.has(userId);
