import { describe, expect, it } from "vitest";
import { addPerson, personSearchParams, personSearchUrl } from "./person-search";

describe("personSearchUrl", () => {
  it("asks for the trimmed text with a limit", () => {
    expect(personSearchUrl("  zs ")).toBe("/api/pickers/people?q=zs&limit=10");
    expect(personSearchUrl("张三", 5)).toBe(`/api/pickers/people?q=${encodeURIComponent("张三")}&limit=5`);
  });
  it("asks nothing for blank text", () => {
    expect(personSearchUrl("")).toBeNull();
    expect(personSearchUrl("   ")).toBeNull();
  });
  it("cuts overlong text to what the route accepts, and the route accepts it", () => {
    const url = personSearchUrl("z".repeat(300))!;
    const q = new URL(url, "http://x").searchParams.get("q")!;
    expect(q).toHaveLength(100);
    expect(personSearchParams.safeParse({ q, limit: "10" }).success).toBe(true);
  });
  it("escapes what would break the query string", () => {
    const url = personSearchUrl("a&limit=999#x")!;
    const params = new URL(url, "http://x").searchParams;
    expect(params.get("q")).toBe("a&limit=999#x");
    expect(params.get("limit")).toBe("10");
  });
});

describe("personSearchParams", () => {
  it("refuses a blank query and limits out of range", () => {
    expect(personSearchParams.safeParse({ q: " " }).success).toBe(false);
    expect(personSearchParams.safeParse({ q: "a", limit: "1e30" }).success).toBe(false);
    expect(personSearchParams.safeParse({ q: "a", limit: "Infinity" }).success).toBe(false);
    expect(personSearchParams.parse({ q: "a" }).limit).toBe(10);
  });
});

describe("addPerson", () => {
  const a = { userId: "a", name: "甲" };
  const b = { userId: "b", name: "乙" };
  it("keeps one chip per person", () => {
    expect(addPerson([a], a)).toEqual([a]);
    expect(addPerson([a], b)).toEqual([a, b]);
  });
  it("replaces the one person of a single pick and stops at the maximum otherwise", () => {
    expect(addPerson([a], b, 1)).toEqual([b]);
    expect(addPerson([a, b], { userId: "c", name: "丙" }, 2)).toEqual([a, b]);
  });
});
