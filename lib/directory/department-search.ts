import type { Db } from "@/lib/db/client";
import { searchable } from "./pinyin";

export interface DepartmentHit {
  deptId: number;
  name: string;
  path: string;
}

/**
 * Departments whose name contains `q`, or whose pinyin starts with it ("yanfa" finds 研发部).
 * A plain scan: an org has thousands of departments at most, not the people's hundred thousand.
 */
export async function searchDepartments(db: Db, q: string, limit = 20): Promise<DepartmentHit[]> {
  // LIKE's wildcards would reach the database as wildcards; department names do not use them.
  const term = q.trim().replace(/[%_\\]/g, "");
  if (term === "") return [];
  const pinyin = searchable(term);
  return db.directoryDepartment.findMany({
    where: { removedAt: null, OR: [{ name: { contains: term } }, ...(pinyin ? [{ pinyin: { startsWith: pinyin } }] : [])] },
    select: { deptId: true, name: true, path: true },
    orderBy: [{ depth: "asc" }, { deptId: "asc" }],
    take: Math.min(Math.max(limit, 1), 100),
  });
}
