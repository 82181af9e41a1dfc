import { describe, expect, it } from "vitest";
import { directoryHref, parseDirectoryQuery, toSearchInput } from "./query";

describe("directory query", () => {
  it("reads filters and falls back to defaults on nonsense", () => {
    const q = parseDirectoryQuery({ q: " zs ", dept: "5", sub: "0", active: "1", admin: "0", sort: "secret", page: "-1" });
    expect(toSearchInput(q)).toMatchObject({ q: "zs", deptId: 5, includeSubDepts: false, active: true, admin: false, manager: undefined, sort: "name", page: 1 });
    expect(parseDirectoryQuery({ dept: "abc" }).dept).toBeUndefined();
  });
  it("keeps filters in links and drops defaults", () => {
    const q = parseDirectoryQuery({ q: "张", active: "0" });
    expect(directoryHref(q, { page: 2 })).toBe("/directory?q=%E5%BC%A0&active=0&page=2");
    expect(directoryHref(q, { page: 1 }, "/directory/export.csv")).toBe("/directory/export.csv?q=%E5%BC%A0&active=0");
  });
});
