import type { Db } from "@/lib/db/client";
import { searchable } from "./pinyin";

export interface DepartmentHit {
  deptId: number;
  name: string;
  path: string;
}

/**
 * Departments (not deleted) whose name or whole pinyin contains `q`: "研发" and "yanfa" both find
 * 研发部. A plain scan: an org has thousands of departments at most, not the people's hundred thousand.
 */
export async function searchDepartments(db: Db, q: string, limit = 20): Promise<DepartmentHit[]> {
  // LIKE's wildcards would reach the database as wildcards; department names do not use them.
  const term = q.trim().replace(/[%_\\]/g, "");
  if (term === "") return [];
  // The pinyin column is lower case without spaces ("yanfabu").
  const pinyin = searchable(term);
  return db.directoryDepartment.findMany({
    where: { removedAt: null, OR: [{ name: { contains: term } }, ...(pinyin ? [{ pinyin: { contains: pinyin } }] : [])] },
    select: { deptId: true, name: true, path: true },
    orderBy: [{ depth: "asc" }, { deptId: "asc" }],
    take: Math.min(Math.max(Math.trunc(limit), 1), 100),
  });
}
