import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { searchDepartments } from "./department-search";
import { writeFixtureOrg } from "./testing/fixture-org";

const ids = (hits: { deptId: number }[]) => hits.map((d) => d.deptId).sort((a, b) => a - b);

describeEachDatabase("department search", ({ db }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
  });

  it("finds departments by part of the name", async () => {
    expect(ids(await searchDepartments(db(), "研发"))).toEqual([2]);
    expect(ids(await searchDepartments(db(), "部"))).toEqual([2, 4, 20]);
    expect(await searchDepartments(db(), "没有这个部门")).toEqual([]);
  });

  it("finds departments by any part of the pinyin, whatever the case and spacing", async () => {
    expect((await searchDepartments(db(), "yanfa")).map((d) => d.name)).toEqual(["研发部"]);
    expect((await searchDepartments(db(), "QianDuan")).map((d) => d.name)).toEqual(["前端组"]);
    expect((await searchDepartments(db(), "xiao shou")).map((d) => d.name)).toEqual(["销售部"]);
    // "fabu" is inside "yanfabu", not at its start.
    expect(ids(await searchDepartments(db(), "fabu"))).toEqual([2]);
  });

  it("lists shallow departments first and returns the path", async () => {
    const hits = await searchDepartments(db(), "e");
    expect(hits.length).toBeGreaterThan(1);
    const depths = hits.map((h) => h.path.split("/").filter(Boolean).length);
    expect(depths).toEqual([...depths].sort((a, b) => a - b));
    expect((await searchDepartments(db(), "前端"))[0]).toMatchObject({ deptId: 3, path: "/1/2/3/" });
    expect(await searchDepartments(db(), "e", 1)).toHaveLength(1);
  });

  it("ignores blank input and LIKE wildcards", async () => {
    expect(await searchDepartments(db(), "  ")).toEqual([]);
    expect(await searchDepartments(db(), "%")).toEqual([]);
    expect(await searchDepartments(db(), "_")).toEqual([]);
  });

  it("leaves out deleted departments", async () => {
    await db().directoryDepartment.update({ where: { deptId: 20 }, data: { removedAt: new Date() } });
    expect(ids(await searchDepartments(db(), "部"))).toEqual([2, 4]);
    expect(await searchDepartments(db(), "xingzheng")).toEqual([]);
  });
});
