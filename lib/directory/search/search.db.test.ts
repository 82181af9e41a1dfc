import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { personPinyin, searchTextFor } from "../pinyin";
import { writeFixtureOrg } from "../testing/fixture-org";
import { DirectorySearchInputError } from "./input";
import { maskContacts } from "./mask";
import { searchDirectory, type DirectorySearchResult } from "./search";

const ids = (r: DirectorySearchResult) => r.rows.map((p) => p.userId).sort();

describeEachDatabase("directory search", ({ db }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
  });

  // As someone who may read contacts (hr, admin); `asViewer` below searches as a viewer.
  const find = async (q: string, extra: Parameters<typeof searchDirectory>[1] = {}) => ids(await searchDirectory(db(), { q, matchContacts: true, ...extra }));
  const asViewer = (q: string) => searchDirectory(db(), { q });

  it("finds people by name, full pinyin, initials and their prefixes", async () => {
    expect(await find("张三")).toEqual(["u1"]);
    expect(await find("zhangsan")).toEqual(["u1"]);
    expect(await find("ZhangSan")).toEqual(["u1"]);
    expect(await find("zs")).toEqual(["u1"]);
    expect(await find("zhang")).toEqual(["u1", "u4"]);
    expect(await find("张")).toEqual(["u1", "u4"]);
    expect(await find("zh")).toEqual(["u1", "u4"]);
    // Surnames read as surnames: 单 shan, 曾 zeng, 区 ou.
    expect(await find("shanxiongxin")).toEqual(["u2"]);
    expect(await find("sxx")).toEqual(["u2"]);
    expect(await find("zengguofan")).toEqual(["u3"]);
    expect(await find("ouxiaoming")).toEqual(["u7"]);
    expect(await find("Tom Li")).toEqual(["u6"]);
  });

  it("a one- or two-character term matches the start of a field, not the middle", async () => {
    // "an" is inside zhangsan, shanxiongxin, zengguofan, but starts no field.
    expect(await find("an")).toEqual([]);
    expect(await find("三")).toEqual([]);
    expect(await find("三", {})).toEqual([]);
    expect(await find("ang")).toEqual(["u1", "u4"]);
  });

  it("finds by mobile (whole or any part of three digits or more), job number, title and email", async () => {
    expect(await find("13800001234")).toEqual(["u1"]);
    // Every current mobile has 0000 in it; u5's too, but u5 has left.
    expect(await find("0000")).toEqual(["u1", "u2", "u3", "u4", "u6", "u7"]);
    expect(await find("00012")).toEqual(["u1"]);
    expect(await find("5678")).toEqual(["u4"]);
    expect(await find("138 0000")).toEqual(["u1", "u4"]);
    expect(await find("e1002")).toEqual(["u2"]);
    expect(await find("E100")).toEqual(["u1", "u2", "u4", "u6"]);
    expect(await find("工程师")).toEqual(["u2", "u4"]);
    expect(await find("senior")).toEqual(["u6"]);
    expect(await find("tom.li@corp")).toEqual(["u6"]);
    expect(await find("corp.example")).toEqual(["u1", "u2", "u3", "u4", "u6"]);
  });

  it("a viewer's search never matches a mobile or an email, so it cannot unmask them", async () => {
    // The oracle: the masked mobile 138****1234 (u1) is recovered digit by digit by searching
    // "<digit>1234"-like endings; for a viewer, every probe must find nobody and count nobody.
    for (let digit = 0; digit <= 9; digit++) {
      const probe = await asViewer(`${digit}1234`);
      expect(probe, `probe ${digit}1234`).toEqual({ rows: [], total: 0 });
      expect((await asViewer(`000${digit}`)).total).toBe(0);
    }
    for (const q of ["13800001234", "0000", "00012", "5678", "138 0000", "13", "1", "zhangsan@", "san@corp", "@corp.example", "corp.example", "tom.li@corp"]) {
      expect((await asViewer(q)).total, q).toBe(0);
    }
    // The same probes do find people for someone who may read contacts, so the oracle is live.
    expect(await find("01234")).toEqual(["u1"]);
    expect(await find("zhangsan@")).toEqual(["u1"]);
    // A viewer still finds people by what the page shows them.
    expect(ids(await asViewer("zhangsan"))).toEqual(["u1"]);
    expect(ids(await asViewer("zs"))).toEqual(["u1"]);
    expect(ids(await asViewer("e1002"))).toEqual(["u2"]);
    expect(ids(await asViewer("工程师"))).toEqual(["u2", "u4"]);
    expect(ids(await asViewer("tomli"))).toEqual(["u6"]);
    // u1's pinyin starts their email too ("zhangsan@…"): found by name, not confirmed by email.
    expect((await asViewer("zhangsan@corp")).total).toBe(0);
  });

  it("counts, sorts and pages a viewer's search over the same people it lists", async () => {
    const all = await searchDirectory(db(), { q: "e100", sort: "jobNumber", pageSize: 2 });
    expect(all.total).toBe(4);
    const next = await searchDirectory(db(), { q: "e100", sort: "jobNumber", pageSize: 2, page: 2 });
    expect([...all.rows, ...next.rows].map((r) => r.jobNumber)).toEqual(["E1001", "E1002", "E1003", "E1005"]);
  });

  it("treats the search text as text: quotes, wildcards and SQL do nothing special", async () => {
    expect(await find("%")).toEqual([]);
    expect(await find("_")).toEqual([]);
    expect(await find("50%_off")).toEqual(["u7"]);
    expect(await find("x_7")).toEqual(["u7"]);
    expect(await find("%_")).toEqual([]);
    expect(await find("%_o")).toEqual(["u7"]);
    expect(await find(`" OR 1=1 --`)).toEqual([]);
    expect(await find(`zs' OR '1'='1`)).toEqual([]);
    expect(await find(`zs"; DROP TABLE "DirectoryUser"; --`)).toEqual([]);
    expect(await find(`zhang* OR NEAR(a b)`)).toEqual([]);
    expect(await find("|")).toHaveLength(6);
    expect(await db().directoryUser.count()).toBe(7);
  });

  it("filters by department with or without its sub-departments", async () => {
    expect(await find("", { deptId: 2 })).toEqual(["u1", "u2", "u6"]);
    expect(await find("", { deptId: 2, includeSubDepts: false })).toEqual(["u2", "u6"]);
    // /1/2/ must not take /1/20/ along.
    expect(await find("", { deptId: 20 })).toEqual(["u4"]);
    expect(await find("", { deptId: 1 })).toEqual(["u1", "u2", "u3", "u4", "u6", "u7"]);
    expect(await find("", { deptId: 1, includeSubDepts: false })).toEqual(["u3"]);
    expect(await find("zhang", { deptId: 2 })).toEqual(["u1"]);
    expect(await find("", { deptId: 999 })).toEqual([]);
  });

  it("filters by active, admin, manager and having left", async () => {
    expect(await find("", { active: false })).toEqual(["u4"]);
    expect(await find("", { admin: true })).toEqual(["u2"]);
    expect(await find("", { manager: true })).toEqual(["u1", "u2", "u3"]);
    expect(await find("", { manager: false, active: true })).toEqual(["u6", "u7"]);
    expect(await find("", { left: true })).toEqual(["u5"]);
    expect(await find("lisi")).toEqual([]);
    expect(await find("lisi", { left: null })).toEqual(["u5"]);
    expect(await find("", { left: null })).toHaveLength(7);
  });

  it("sorts and pages on the server, with the total of all pages", async () => {
    const byPinyin = await searchDirectory(db(), { sort: "pinyin", pageSize: 4 });
    expect(byPinyin.total).toBe(6);
    expect(byPinyin.rows.map((r) => r.pinyin)).toEqual(["ouxiaoming", "shanxiongxin", "tomli", "zengguofan"]);
    const page2 = await searchDirectory(db(), { sort: "pinyin", pageSize: 4, page: 2 });
    expect(page2.rows.map((r) => r.pinyin)).toEqual(["zhangsan", "zhangwei"]);
    expect(page2.total).toBe(6);
    const desc = await searchDirectory(db(), { sort: "hiredAt", dir: "desc", pageSize: 3 });
    expect(desc.rows.map((r) => r.userId)).toEqual(["u7", "u6", "u4"]);
    const byJob = await searchDirectory(db(), { sort: "jobNumber", dir: "asc" });
    expect(byJob.rows.map((r) => r.jobNumber)).toEqual(["E1001", "E1002", "E1003", "E1005", "E2001", "X_77"]);
    // Code-point order on both databases; ties (two 工程师) broken by userId, so pages never overlap.
    const byTitle = await searchDirectory(db(), { sort: "title", pageSize: 4 });
    const byTitle2 = await searchDirectory(db(), { sort: "title", pageSize: 4, page: 2 });
    expect([...byTitle.rows, ...byTitle2.rows].map((r) => r.userId)).toEqual(["u7", "u6", "u1", "u2", "u4", "u3"]);
    const byTitleDesc = await searchDirectory(db(), { q: "工程师", sort: "title", dir: "desc" });
    expect(byTitleDesc.rows.map((r) => r.userId)).toEqual(["u4", "u2"]);
    const beyond = await searchDirectory(db(), { page: 9 });
    expect(beyond).toEqual({ rows: [], total: 6 });
    // A text search counts and pages its matches in one query; past the last page it still counts.
    expect(await searchDirectory(db(), { q: "e100", page: 9 })).toEqual({ rows: [], total: 4 });
    const searched = await searchDirectory(db(), { q: "e100", sort: "jobNumber", dir: "desc", pageSize: 3, page: 2 });
    expect(searched.total).toBe(4);
    expect(searched.rows.map((r) => r.jobNumber)).toEqual(["E1001"]);
  });

  it("returns whole rows with their departments, not the search text", async () => {
    const { rows } = await searchDirectory(db(), { q: "zgf" });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ userId: "u3", name: "曾国藩", mobile: "13700003333", jobNumber: "E2001" });
    expect(rows[0].departments).toEqual([{ deptId: 1, name: "示例科技" }, { deptId: 4, name: "销售部" }]);
    expect(rows[0]).not.toHaveProperty("searchText");
  });

  it("follows changes to people: the index is kept by the database", async () => {
    const py = personPinyin("王五");
    await db().directoryUser.update({
      where: { userId: "u7" },
      data: { name: "王五", pinyin: py.full, initials: py.initials, searchText: searchTextFor({ name: "王五", pinyin: py.full, initials: py.initials, mobile: "13300007777" }) },
    });
    expect(await find("wangwu")).toEqual(["u7"]);
    expect(await find("ouxiaoming")).toEqual([]);
    await db().directoryMembership.deleteMany({ where: { userId: "u6" } });
    await db().directoryUser.delete({ where: { userId: "u6" } });
    expect(await find("tomli")).toEqual([]);
    await writeFixtureOrg(db());
    expect(await find("ouxiaoming")).toEqual(["u7"]);
    expect(await find("tomli")).toEqual(["u6"]);
  });

  it("refuses bad input with a message naming the field", async () => {
    await expect(searchDirectory(db(), { pageSize: 10_000 })).rejects.toBeInstanceOf(DirectorySearchInputError);
    await expect(searchDirectory(db(), { q: "x".repeat(101) })).rejects.toThrow(/q/);
    await expect(searchDirectory(db(), { page: 0 })).rejects.toThrow(/page/);
  });

  it("masks mobiles and emails for viewers", async () => {
    const { rows } = await searchDirectory(db(), { q: "zhangsan" });
    const [masked] = maskContacts(rows);
    expect(masked.mobile).toBe("138****1234");
    expect(masked.email).toBe("z***@corp.example");
    expect(masked.name).toBe("张三");
    expect(rows[0].mobile).toBe("13800001234");
  });
});
