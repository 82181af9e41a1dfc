import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { searchDepartments } from "./department-search";
import { writeFixtureOrg } from "./testing/fixture-org";

describeEachDatabase("department search", ({ db }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
  });

  it("finds departments by part of the name and by the start of the pinyin", async () => {
    expect((await searchDepartments(db(), "研发")).map((d) => d.deptId)).toEqual([2]);
    expect((await searchDepartments(db(), "部")).map((d) => d.deptId).sort((a, b) => a - b)).toEqual([2, 4, 20]);
    expect((await searchDepartments(db(), "yanfa")).map((d) => d.name)).toEqual(["研发部"]);
    expect((await searchDepartments(db(), "  "))).toEqual([]);
    expect((await searchDepartments(db(), "%"))).toEqual([]);
  });
});
