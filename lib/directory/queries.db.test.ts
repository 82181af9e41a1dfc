import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { departmentChildren, getDepartment, getPerson } from "./queries";
import { headcountByDepartment, headcountTrend, recordHeadcountSnapshot } from "./stats";
import { writeFixtureOrg } from "./testing/fixture-org";

describeEachDatabase("directory pages and statistics", ({ db }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
  });

  it("a person: fields, department paths, manager chain and direct reports", async () => {
    const detail = await getPerson(db(), "u1");
    expect(detail?.person).toMatchObject({ userId: "u1", name: "张三", pinyin: "zhangsan", mobile: "13800001234" });
    expect(detail?.departments).toEqual([
      { deptId: 3, name: "前端组", isLeader: true, path: [{ deptId: 1, name: "示例科技" }, { deptId: 2, name: "研发部" }, { deptId: 3, name: "前端组" }] },
    ]);
    expect(detail?.managerChain.map((m) => m.userId)).toEqual(["u2", "u3"]);
    expect(detail?.directReports).toEqual([]);
    const boss = await getPerson(db(), "u2");
    expect(boss?.directReports.map((r) => r.userId)).toEqual(["u6", "u1"]);
    expect(await getPerson(db(), "nobody")).toBeNull();
  });

  it("stops at a loop in the manager chain", async () => {
    await db().directoryUser.update({ where: { userId: "u3" }, data: { managerUserId: "u1" } });
    const detail = await getPerson(db(), "u1");
    expect(detail?.managerChain.map((m) => m.userId)).toEqual(["u2", "u3"]);
    await db().directoryUser.update({ where: { userId: "u3" }, data: { managerUserId: null } });
  });

  it("a department: managers, members, sub-departments with head counts, parent path", async () => {
    const dept = await getDepartment(db(), 2);
    expect(dept?.parentPath).toEqual([{ deptId: 1, name: "示例科技" }]);
    expect(dept?.managers.map((m) => m.userId)).toEqual(["u2"]);
    expect(dept?.members).toEqual({ total: 2, rows: [expect.objectContaining({ userId: "u2" }), expect.objectContaining({ userId: "u6" })] });
    // u5 has left: not counted in 前端组.
    expect(dept?.subDepartments).toEqual([{ deptId: 3, name: "前端组", memberCount: 2, headcount: 1, activeHeadcount: 1, hasChildren: false }]);
    expect(dept?.headcount).toBe(3);
    const paged = await getDepartment(db(), 2, { page: 2, pageSize: 1 });
    expect(paged?.members.rows.map((r) => r.userId)).toEqual(["u6"]);
    expect(await getDepartment(db(), 404)).toBeNull();
  });

  it("the tree, one level at a time, counts each person once", async () => {
    const top = await departmentChildren(db(), null);
    expect(top).toEqual([{ deptId: 1, name: "示例科技", memberCount: 1, headcount: 6, activeHeadcount: 5, hasChildren: true }]);
    const level = await departmentChildren(db(), 1);
    expect(level.map((n) => [n.deptId, n.headcount, n.hasChildren])).toEqual([[2, 3, true], [4, 2, false], [20, 1, false]]);
    expect(level.find((n) => n.deptId === 20)?.activeHeadcount).toBe(0);
    expect((await headcountByDepartment(db())).map((n) => n.deptId)).toEqual([2, 4, 20]);
  });

  it("records a day's snapshot (replacing that day's earlier one) and reads the trend", async () => {
    expect(await recordHeadcountSnapshot(db(), { day: "2026-01-01" })).toEqual({ day: "2026-01-01", departments: 5 });
    await db().directoryUser.update({ where: { userId: "u4" }, data: { leftAt: new Date() } });
    await recordHeadcountSnapshot(db(), { now: new Date("2026-01-01T17:00:00Z") });
    await recordHeadcountSnapshot(db(), { day: "2026-01-02" });
    await recordHeadcountSnapshot(db(), { day: "2026-01-02" });
    expect(await headcountTrend(db(), 1, { from: "2026-01-01", to: "2026-01-31" })).toEqual([
      { day: "2026-01-01", headcount: 6, active: 5 },
      { day: "2026-01-02", headcount: 5, active: 5 },
    ]);
    expect(await headcountTrend(db(), 20, { from: "2026-01-01", to: "2026-01-01" })).toEqual([{ day: "2026-01-01", headcount: 1, active: 0 }]);
    const audit = await db().auditEntry.findMany({ where: { action: "directory.headcount.snapshot" } });
    expect(audit).toHaveLength(4);
    expect(audit[0]).toMatchObject({ actorId: "system", outcome: "ok" });
    await expect(recordHeadcountSnapshot(db(), { day: "2026/01/01" })).rejects.toThrow(/2026-11-21/);
    await db().directoryUser.update({ where: { userId: "u4" }, data: { leftAt: null } });
  });
});
