import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { exportDirectory } from "./export";
import { writeFixtureOrg } from "./testing/fixture-org";
import { readXlsx } from "./testing/read-xlsx";
import { columnName } from "./xlsx";

/** Keeps the byte-order mark, which the default decoder drops. */
const utf8 = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

describeEachDatabase("directory export", ({ db }) => {
  beforeAll(async () => {
    await writeFixtureOrg(db());
  });

  it("writes the whole result as CSV: BOM, Chinese header, every page, in the search's order", async () => {
    const file = await exportDirectory(db(), { q: "e100", sort: "jobNumber", pageSize: 1 }, { format: "csv", maskContacts: false, now: new Date("2026-03-04T20:00:00Z") });
    expect(file.filename).toBe("directory-20260305.csv");
    const text = utf8(file.body);
    expect(text.startsWith("\uFEFF姓名,工号,职位,部门,手机,邮箱,入职日期,已激活,管理员,主管,UserID\r\n")).toBe(true);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines.slice(1).map((l) => l.split(",")[1])).toEqual(["E1001", "E1002", "E1003", "E1005"]);
    expect(lines[1]).toBe("张三,E1001,产品经理,前端组,13800001234,zhangsan@corp.example,2020-01-01,是,否,是,u1");
    expect(file.rows).toBe(4);
    expect(file.truncated).toBe(false);
  });

  it("for viewers, finds nobody by mobile or email: neither the rows nor their count unmask them", async () => {
    for (let digit = 0; digit <= 9; digit++) {
      const file = await exportDirectory(db(), { q: `${digit}1234` }, { format: "csv", maskContacts: true });
      expect(file.rows, `probe ${digit}1234`).toBe(0);
    }
    expect((await exportDirectory(db(), { q: "zhangsan@" }, { format: "csv", maskContacts: true })).rows).toBe(0);
    // Even when asked to match contacts: masking decides.
    expect((await exportDirectory(db(), { q: "01234", matchContacts: true }, { format: "csv", maskContacts: true })).rows).toBe(0);
    expect((await exportDirectory(db(), { q: "01234" }, { format: "csv", maskContacts: false })).rows).toBe(1);
    expect((await exportDirectory(db(), { q: "zhangsan" }, { format: "csv", maskContacts: true })).rows).toBe(1);
  });

  it("masks contacts for viewers and cuts at the limit", async () => {
    const file = await exportDirectory(db(), { sort: "jobNumber" }, { format: "csv", maskContacts: true, locale: "en", limit: 2 });
    const lines = utf8(file.body).slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Name,Job number,Title,Departments,Mobile,Email,Hired,Active,Admin,Manager,UserID");
    expect(lines[1]).toContain("138****1234,z***@corp.example");
    expect(lines[1]).not.toContain("13800001234");
    expect(lines).toHaveLength(3);
    expect(file.truncated).toBe(true);
  });

  it("writes XLSX that reads back to the same table, Chinese intact", async () => {
    const search = { sort: "pinyin" as const };
    const xlsx = await exportDirectory(db(), search, { format: "xlsx", maskContacts: false });
    const csv = await exportDirectory(db(), search, { format: "csv", maskContacts: false });
    expect(xlsx.contentType).toContain("spreadsheetml");
    const table = readXlsx(xlsx.body);
    const fromCsv = utf8(csv.body).slice(1).trim().split("\r\n").map((l) => l.split(","));
    expect(table).toEqual(fromCsv);
    expect(table[0][0]).toBe("姓名");
    expect(table.map((r) => r[0])).toContain("区小明");
    // The title with % and _ survives, and the cell is text.
    expect(table.find((r) => r[10] === "u7")?.[2]).toBe("50%_off 专员");
  });

  it("names columns past Z as a spreadsheet does", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});
