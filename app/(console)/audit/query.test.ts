import { describe, expect, it } from "vitest";
import { auditFilters, auditHref, auditState } from "./query";

// Values that once crashed the page or its export (HTTP 500), and a few more of the same kind.
const HOSTILE: Record<string, string | string[]>[] = [
  { actor: "a".repeat(201) },
  { action: "x".repeat(10_000) },
  { target: "t\u0000" },
  { from: "yesterday" },
  { to: "2026-02-30" },
  { outcome: "maybe" },
  { sort: "password" },
  { dir: "sideways" },
  { page: "1e30" },
  { page: "Infinity" },
  { page: "-3" },
  { page: ["1", "2"] },
];

describe("audit query", () => {
  it("falls back to safe defaults on nonsense", () => {
    const q = auditState.parse({ sort: "password", dir: "sideways", page: "-3", outcome: "maybe" });
    expect(q).toMatchObject({ sort: "at", dir: "desc", page: 1, outcome: undefined });
  });
  it("the page: every hostile value gives filters the audit query accepts", () => {
    for (const params of HOSTILE) {
      const q = auditState.parse(params);
      const filters = auditFilters(q);
      for (const text of [filters.actorId, filters.action, filters.targetId]) {
        expect((text ?? "").length).toBeLessThanOrEqual(200);
        expect(text ?? "").not.toMatch(/\p{Cc}/u);
      }
      expect(q.page).toBeGreaterThanOrEqual(1);
      expect(q.page).toBeLessThanOrEqual(100_000);
    }
    expect(auditState.parse({ actor: "a".repeat(201) }).actor).toHaveLength(200);
  });
  it("the export: every hostile value is a 400 naming the parameter", () => {
    for (const params of HOSTILE) {
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) search.append(k, one);
      const found = auditState.parseRoute(search);
      expect(found.ok, search.toString().slice(0, 80)).toBe(false);
      if (!found.ok) expect(found.issues.map((i) => i.param)).toEqual(Object.keys(params));
    }
  });
  it("reads filters and times as Shanghai time", () => {
    const q = auditState.parse({ actor: " u1 ", outcome: "error", from: "2026-11-21T08:00", sort: "durationMs", dir: "asc", page: "3" });
    expect(q).toMatchObject({ actor: "u1", outcome: "error", sort: "durationMs", dir: "asc", page: 3 });
    expect(auditFilters(q).from?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });
  it("builds links that keep filters and drop defaults", () => {
    const q = auditState.parse({ action: "role.grant" });
    expect(auditHref(q, { page: 2 })).toBe("/audit?action=role.grant&page=2");
    expect(auditHref(q, { page: 1 })).toBe("/audit?action=role.grant");
  });
});
