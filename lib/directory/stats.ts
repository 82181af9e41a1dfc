import { audited, SYSTEM_ACTOR } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { shanghaiDay } from "@/lib/time";
import { departmentChildren, pathIds, type TreeNode } from "./queries";

// Org statistics: head count by department now, and its trend from the daily snapshots.



const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Head count of each department under `parentId` (the top level when null), largest first. */
export async function headcountByDepartment(db: Db, parentId: number | null = null): Promise<TreeNode[]> {
  const parent = parentId ?? (await db.directoryDepartment.findFirst({ where: { parentId: null, removedAt: null }, select: { deptId: true } }))?.deptId;
  if (parent === undefined) return [];
  return (await departmentChildren(db, parent)).sort((a, b) => b.headcount - a.headcount || a.deptId - b.deptId);
}

/** Head count for every department as of now: everyone in it or below it, once, not counting leavers. */
async function currentHeadcounts(db: Db): Promise<Map<number, { headcount: number; active: number }>> {
  const [departments, memberships, people] = await Promise.all([
    db.directoryDepartment.findMany({ where: { removedAt: null }, select: { deptId: true, path: true } }),
    db.directoryMembership.findMany({ select: { userId: true, deptId: true } }),
    db.directoryUser.findMany({ where: { leftAt: null }, select: { userId: true, active: true } }),
  ]);
  const ancestors = new Map(departments.map((d) => [d.deptId, pathIds(d.path)]));
  const active = new Map(people.map((p) => [p.userId, p.active]));
  const reach = new Map<string, Set<number>>();
  for (const m of memberships) {
    if (!active.has(m.userId)) continue;
    const set = reach.get(m.userId) ?? new Set<number>();
    for (const id of ancestors.get(m.deptId) ?? []) if (ancestors.has(id)) set.add(id);
    reach.set(m.userId, set);
  }
  const counts = new Map(departments.map((d) => [d.deptId, { headcount: 0, active: 0 }]));
  for (const [userId, depts] of reach) {
    for (const id of depts) {
      const c = counts.get(id);
      if (!c) continue;
      c.headcount++;
      if (active.get(userId)) c.active++;
    }
  }
  return counts;
}

/**
 * Writes today's (or `day`'s) head count of every department to `HeadcountSnapshot`,
 * replacing that day's earlier snapshot. Run daily (after the sync); audited as the system.
 */
export async function recordHeadcountSnapshot(db: Db, options: { day?: string; now?: Date } = {}): Promise<{ day: string; departments: number }> {
  const day = options.day ?? shanghaiDay(options.now ?? new Date());
  if (!DAY.test(day)) throw new RangeError(`day must look like 2026-11-21, got ${JSON.stringify(day)}`);
  return audited(db, { actor: SYSTEM_ACTOR }, "directory.headcount.snapshot", { type: "headcount", id: day }, { day }, async () => {
    const counts = await currentHeadcounts(db);
    const data = [...counts].map(([deptId, c]) => ({ day, deptId, headcount: c.headcount, active: c.active }));
    await db.$transaction([
      db.headcountSnapshot.deleteMany({ where: { day } }),
      db.headcountSnapshot.createMany({ data }),
    ]);
    return { day, departments: data.length };
  });
}

export interface TrendPoint {
  day: string;
  headcount: number;
  active: number;
}

/** The recorded head count of `deptId` per day in [from, to] ("yyyy-MM-dd"), oldest first. */
export async function headcountTrend(db: Db, deptId: number, range: { from: string; to: string }): Promise<TrendPoint[]> {
  if (!DAY.test(range.from) || !DAY.test(range.to)) throw new RangeError("from and to must look like 2026-11-21");
  return db.headcountSnapshot.findMany({
    where: { deptId, day: { gte: range.from, lte: range.to } },
    select: { day: true, headcount: true, active: true },
    orderBy: { day: "asc" },
  });
}
