import { withCallArea } from "@/lib/dingtalk/meter";
import type { Db } from "@/lib/db/client";
import { ATTENDANCE_CALL_AREA, type AttendanceDeps } from "./fetch";

// The org's attendance groups (考勤组) by name. The report's results name a group by id only; the
// names come from DingTalk's group list, fetched along with a report when a group it met has no
// name stored (a page of ten groups a call), and kept in the database.

export interface AttendanceGroupChoice {
  groupId: string;
  /** null: a group the stored results name that the stored list does not (yet) know. */
  name: string | null;
}

/**
 * Whether a fetch should also list the groups: none stored, or a stored result names one not in
 * the list. Reads every stored day with a group: asked once after a fetch, in the background,
 * never while a page is drawn (the estimate counts the list's call only when none is stored).
 */
export async function groupsToFetch(db: Db): Promise<boolean> {
  if ((await db.attendanceGroup.count()) === 0) return true;
  const unnamed = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "AttendanceDay" d WHERE d."groupId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "AttendanceGroup" g WHERE g."groupId" = d."groupId") LIMIT 1`;
  return unnamed.length > 0;
}

/** Lists every group from DingTalk and replaces the stored list with it; returns how many there are. */
export async function refreshAttendanceGroups(deps: AttendanceDeps, callArea = ATTENDANCE_CALL_AREA): Promise<number> {
  const groups = await withCallArea(callArea, async () => {
    const all = [];
    for await (const g of deps.client.attendance.iterateGroups()) all.push(g);
    return all;
  });
  const now = deps.now ? deps.now() : new Date();
  await deps.db.$transaction(async (tx) => {
    await tx.attendanceGroup.deleteMany();
    await tx.attendanceGroup.createMany({ data: groups.map((g) => ({ groupId: String(g.groupId), name: g.name, memberCount: g.memberCount, type: g.type, fetchedAt: now })) });
  });
  return groups.length;
}

/** The groups a report may be narrowed to: the stored list, and any group the stored results name besides, by name. */
export async function attendanceGroupChoices(db: Db, limit = 200): Promise<AttendanceGroupChoice[]> {
  const [named, seen] = await Promise.all([
    db.attendanceGroup.findMany({ select: { groupId: true, name: true }, take: limit }),
    // GROUP BY in the database (Prisma's distinct would read every row).
    db.attendanceDay.groupBy({ by: ["groupId"], where: { groupId: { not: null } }, orderBy: { groupId: "asc" }, take: limit }),
  ]);
  const byId = new Map<string, string | null>(named.map((g) => [g.groupId, g.name]));
  for (const row of seen) if (!byId.has(row.groupId!)) byId.set(row.groupId!, null);
  return [...byId]
    .map(([groupId, name]) => ({ groupId, name }))
    .sort((a, b) => (a.name === null) !== (b.name === null) ? (a.name === null ? 1 : -1) : (a.name ?? a.groupId).localeCompare(b.name ?? b.groupId, "zh-CN"));
}
