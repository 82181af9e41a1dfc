import { describe, expect, it } from "vitest";
import { param, urlState } from "./url-state";

const list = urlState({
  q: param.text({ max: 10 }),
  dept: param.id(),
  page: param.page(100),
  sort: param.oneOf(["name", "at"], "name"),
  dir: param.oneOf(["asc", "desc"], "asc"),
  active: param.flag(),
  day: param.day({ fallback: "2026-01-01", invalid: null }),
  from: param.dateTime(),
});

describe("url state", () => {
  it("reads a well-formed query string into typed values", () => {
    const s = list.parse(new URLSearchParams("q=+zs+&dept=5&page=3&sort=at&dir=desc&active=0&day=2026-02-28&from=2026-11-21T08:00"));
    expect(s).toEqual({ q: "zs", dept: 5, page: 3, sort: "at", dir: "desc", active: false, day: "2026-02-28", from: "2026-11-21T08:00" });
  });

  it("gives defaults for absent and empty parameters", () => {
    expect(list.parse({})).toEqual({ q: undefined, dept: undefined, page: 1, sort: "name", dir: "asc", active: undefined, day: "2026-01-01", from: undefined });
    expect(list.parse({ q: "", dept: "", page: " " })).toMatchObject({ q: undefined, dept: undefined, page: 1 });
  });

  it("pages: clamps or drops what is out of range instead of failing", () => {
    for (const page of ["1e30", "Infinity", "-Infinity", "NaN", "2.5", "0x10", "abc"]) expect(list.parse({ page }).page).toBe(1);
    expect(list.parse({ page: "-3" }).page).toBe(1);
    expect(list.parse({ page: "0" }).page).toBe(1);
    expect(list.parse({ page: "999999999999999999999999" }).page).toBe(100);
    for (const dept of ["1e30", "0", "-1", "2147483648", "99999999999", "NaN", "Infinity"]) expect(list.parse({ dept }).dept).toBeUndefined();
    expect(list.parse({ dept: "2147483647" }).dept).toBe(2_147_483_647);
    expect(list.parse({ sort: "password", dir: "sideways", active: "yes" })).toMatchObject({ sort: "name", dir: "asc", active: undefined });
    expect(list.parse({ day: "2026-02-30" }).day).toBeNull();
    expect(list.parse({ from: "2026-11-21T25:00" }).from).toBeUndefined();
    expect(list.parse({ from: "'; DROP TABLE" }).from).toBeUndefined();
  });

  it("pages: text loses control characters, is trimmed and capped", () => {
    expect(list.parse({ q: "\u0000" }).q).toBeUndefined();
    expect(list.parse({ q: "z\u0000s\u001f\u007f\u0085" }).q).toBe("zs");
    expect(list.parse({ q: "x".repeat(500) }).q).toBe("x".repeat(10));
    // Capped by characters, not UTF-16 units: an emoji is not cut in half.
    expect(list.parse({ q: "😀".repeat(11) }).q).toBe("😀".repeat(10));
  });

  it("pages: a repeated parameter counts once, the first", () => {
    expect(list.parse(new URLSearchParams("page=2&page=3")).page).toBe(2);
    expect(list.parse({ page: ["4", "5"], q: ["a", "b"] })).toMatchObject({ page: 4, q: "a" });
  });

  it("routes: a bad value is an issue naming the parameter, answered with 400", async () => {
    const bad = list.parseRoute(new URLSearchParams("page=1e30&q=" + "x".repeat(11) + "&sort=password&dept=0"));
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues.map((i) => i.param).sort()).toEqual(["dept", "page", "q", "sort"]);
    expect(bad.response.status).toBe(400);
    const body = (await bad.response.json()) as { error: string };
    expect(body.error).toMatch(/page: a whole number from 1 to 100/);
    for (const query of ["q=a%00b", "page=-1", "page=Infinity", "page=1&page=2", "active=2", "day=2026-13-01"]) {
      expect(list.parseRoute(new URLSearchParams(query)).ok, query).toBe(false);
    }
  });

  it("routes: a good query string is the same state a page gets", () => {
    const query = new URLSearchParams("q=zs&dept=7&page=2&unknown=ignored");
    const found = list.parseRoute(query);
    expect(found).toEqual({ ok: true, state: list.parse(query) });
  });

  it("builds links that keep the state and leave defaults out", () => {
    const s = list.parse({ q: "张", active: "0", day: "2026-01-01" });
    expect(list.href("/people", s, { page: 2 })).toBe("/people?q=%E5%BC%A0&page=2&active=0");
    expect(list.href("/people", s, { page: 1, active: undefined })).toBe("/people?q=%E5%BC%A0");
    expect(list.href("/people", list.parse({}))).toBe("/people");
  });
});
