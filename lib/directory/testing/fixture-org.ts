import type { Db } from "@/lib/db/client";
import { personPinyin, pinyinOf, searchTextFor } from "../pinyin";

// A small org written straight into the directory tables, for the data-layer tests of search,
// person and department pages, exports and statistics.

export interface FixturePerson {
  userId: string;
  name: string;
  mobile?: string;
  email?: string;
  title?: string;
  jobNumber?: string;
  managerUserId?: string;
  hiredAt?: string;
  active?: boolean;
  admin?: boolean;
  left?: boolean;
  /** [deptId, leads it] */
  depts: [number, boolean][];
}

export const FIXTURE_DEPARTMENTS: { deptId: number; parentId: number | null; name: string }[] = [
  { deptId: 1, parentId: null, name: "示例科技" },
  { deptId: 2, parentId: 1, name: "研发部" },
  { deptId: 3, parentId: 2, name: "前端组" },
  { deptId: 4, parentId: 1, name: "销售部" },
  { deptId: 20, parentId: 1, name: "行政部" },
];

export const FIXTURE_PEOPLE: FixturePerson[] = [
  { userId: "u1", name: "张三", mobile: "13800001234", email: "zhangsan@corp.example", title: "产品经理", jobNumber: "E1001", managerUserId: "u2", hiredAt: "2020-01-01", depts: [[3, true]] },
  { userId: "u2", name: "单雄信", mobile: "13900002222", email: "sxx@corp.example", title: "工程师", jobNumber: "E1002", managerUserId: "u3", hiredAt: "2019-05-01", admin: true, depts: [[2, true]] },
  { userId: "u3", name: "曾国藩", mobile: "13700003333", email: "zgf@corp.example", title: "销售总监", jobNumber: "E2001", hiredAt: "2015-03-01", depts: [[4, true], [1, true]] },
  { userId: "u4", name: "张伟", mobile: "13800005678", email: "zw@corp.example", title: "工程师", jobNumber: "E1003", hiredAt: "2021-07-15", active: false, depts: [[20, false]] },
  { userId: "u5", name: "李四", mobile: "13600004444", title: "工程师", jobNumber: "E1004", hiredAt: "2018-02-01", left: true, depts: [[3, false]] },
  { userId: "u6", name: "Tom Li", mobile: "13500006666", email: "Tom.Li@corp.example", title: "Senior Engineer", jobNumber: "E1005", managerUserId: "u2", hiredAt: "2022-09-01", depts: [[2, false]] },
  { userId: "u7", name: "区小明", mobile: "13300007777", title: "50%_off 专员", jobNumber: "X_77", hiredAt: "2023-01-01", depts: [[4, false]] },
];

function pathOf(deptId: number): string {
  const chain: number[] = [];
  for (let id: number | null = deptId; id !== null; ) {
    chain.unshift(id);
    id = FIXTURE_DEPARTMENTS.find((d) => d.deptId === id)?.parentId ?? null;
  }
  return `/${chain.join("/")}/`;
}

export async function writeFixtureOrg(db: Db, now = new Date("2026-01-01T00:00:00Z")): Promise<void> {
  await db.directoryMembership.deleteMany({});
  await db.directoryUser.deleteMany({});
  await db.directoryDepartment.deleteMany({});
  await db.directoryDepartment.createMany({
    data: FIXTURE_DEPARTMENTS.map((d) => {
      const path = pathOf(d.deptId);
      return {
        deptId: d.deptId,
        parentId: d.parentId,
        name: d.name,
        pinyin: pinyinOf(d.name).full,
        order: d.deptId,
        path,
        depth: path.split("/").filter(Boolean).length,
        managerUserIds: JSON.stringify(FIXTURE_PEOPLE.filter((p) => p.depts.some(([id, lead]) => id === d.deptId && lead)).map((p) => p.userId)),
        memberCount: FIXTURE_PEOPLE.filter((p) => p.depts.some(([id]) => id === d.deptId)).length,
        syncedAt: now,
      };
    }),
  });
  await db.directoryUser.createMany({
    data: FIXTURE_PEOPLE.map((p) => {
      const py = personPinyin(p.name);
      return {
        userId: p.userId,
        unionId: `union-${p.userId}`,
        name: p.name,
        pinyin: py.full,
        initials: py.initials,
        mobile: p.mobile ?? null,
        email: p.email ?? null,
        title: p.title ?? null,
        jobNumber: p.jobNumber ?? null,
        managerUserId: p.managerUserId ?? null,
        hiredAt: p.hiredAt ? new Date(`${p.hiredAt}T00:00:00+08:00`) : null,
        active: p.active ?? true,
        admin: p.admin ?? false,
        boss: false,
        isManager: p.depts.some(([, lead]) => lead),
        searchText: searchTextFor({ name: p.name, pinyin: py.full, initials: py.initials, mobile: p.mobile, jobNumber: p.jobNumber, title: p.title, email: p.email }),
        syncedAt: now,
        leftAt: p.left ? now : null,
      };
    }),
  });
  await db.directoryMembership.createMany({
    data: FIXTURE_PEOPLE.flatMap((p) => p.depts.map(([deptId, isLeader]) => ({ userId: p.userId, deptId, isLeader }))),
  });
}
