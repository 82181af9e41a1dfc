import { describe, expect, it } from "vitest";
import { directoryHref, directoryState, toSearchInput } from "./query";
import { directorySearchInput } from "@/lib/directory/search/input";

// Values that once crashed the page or its export (HTTP 500), and a few more of the same kind.
const HOSTILE: Record<string, string | string[]>[] = [
  { q: "\u0000" },
  { q: "zs\u0000" },
  { q: "x".repeat(5000) },
  { dept: "1e30" },
  { dept: "99999999999" },
  { dept: "-1" },
  { dept: "NaN" },
  { page: "1e30" },
  { page: "Infinity" },
  { page: "-5" },
  { page: ["1", "2"] },
  { sort: "mobile" },
  { dir: "sideways" },
  { active: "maybe" },
  { sub: "2" },
];

describe("directory query", () => {
  it("reads filters and falls back to defaults on nonsense", () => {
    const q = directoryState.parse({ q: " zs ", dept: "5", sub: "0", active: "1", admin: "0", sort: "secret", page: "-1" });
    expect(toSearchInput(q, { matchContacts: false })).toMatchObject({ q: "zs", deptId: 5, includeSubDepts: false, active: true, admin: false, manager: undefined, sort: "name", page: 1, matchContacts: false });
    expect(directoryState.parse({ dept: "abc" }).dept).toBeUndefined();
  });

  it("the page: every hostile value gives a search the database accepts", () => {
    for (const params of HOSTILE) {
      const input = directorySearchInput.safeParse(toSearchInput(directoryState.parse(params), { matchContacts: true }));
      expect(input.success, JSON.stringify(params).slice(0, 80)).toBe(true);
      const q = input.data?.q ?? "";
      expect(q).not.toMatch(/\p{Cc}/u);
      expect(input.data?.deptId ?? 1).toBeLessThanOrEqual(2_147_483_647);
    }
    expect(directoryState.parse({ page: "1e30" }).page).toBe(1);
    expect(directoryState.parse({ q: "x".repeat(5000) }).q).toHaveLength(100);
  });

  it("the exports: every hostile value is a 400 naming the parameter", async () => {
    for (const params of HOSTILE.filter((p) => p.q !== "\u0000")) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) search.append(k, one);
      const found = directoryState.parseRoute(search);
      expect(found.ok, search.toString().slice(0, 80)).toBe(false);
      if (!found.ok) {
        expect(found.response.status).toBe(400);
        expect(found.issues.map((i) => i.param)).toEqual(Object.keys(params));
      }
    }
    // Nothing but a NUL is nothing to search for: the whole directory, as with an empty box.
    const empty = directoryState.parseRoute(new URLSearchParams("q=%00"));
    expect(empty.ok && empty.state.q).toBeUndefined();
  });

  it("keeps filters in links and drops defaults", () => {
    const q = directoryState.parse({ q: "张", active: "0" });
    expect(directoryHref(q, { page: 2 })).toBe("/directory?q=%E5%BC%A0&active=0&page=2");
    expect(directoryHref(q, { page: 1 }, "/directory/export.csv")).toBe("/directory/export.csv?q=%E5%BC%A0&active=0");
  });
});
