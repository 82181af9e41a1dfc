import { describe, expect, it } from "vitest";
import { auditFilters, auditHref, parseAuditQuery } from "./query";

describe("audit query", () => {
  it("falls back to safe defaults on nonsense", () => {
    const q = parseAuditQuery({ sort: "password", dir: "sideways", page: "-3", outcome: "maybe" });
    expect(q).toMatchObject({ sort: "at", dir: "desc", page: 1, outcome: undefined });
  });
  it("reads filters and times as Shanghai time", () => {
    const q = parseAuditQuery({ actor: " u1 ", outcome: "error", from: "2026-11-21T08:00", sort: "durationMs", dir: "asc", page: "3" });
    expect(q).toMatchObject({ actor: "u1", outcome: "error", sort: "durationMs", dir: "asc", page: 3 });
    expect(auditFilters(q).from?.toISOString()).toBe("2026-11-21T00:00:00.000Z");
  });
  it("builds links that keep filters and drop defaults", () => {
    const q = parseAuditQuery({ action: "role.grant" });
    expect(auditHref(q, { page: 2 })).toBe("/audit?action=role.grant&page=2");
    expect(auditHref(q, { page: 1 })).toBe("/audit?action=role.grant");
  });
});
