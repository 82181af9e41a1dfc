import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as audit from "./audit";

// The audit log is append-only: no code of the application changes or removes an entry.

const ROOT = path.resolve(import.meta.dirname, "..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === "generated") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

const FORBIDDEN = [
  /auditEntry\s*\.\s*(update|updateMany|upsert|delete|deleteMany|updateManyAndReturn)\b/i,
  /\b(UPDATE|DELETE\s+FROM)\s+"?AuditEntry"?/i,
  /\bTRUNCATE\b[^;]*"?AuditEntry"?/i,
];

describe("audit log is append-only", () => {
  it("no file under lib/ or app/ updates or deletes an audit entry", () => {
    const files = ["lib", "app"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.flatMap((file) => {
      const text = readFileSync(file, "utf8");
      return FORBIDDEN.filter((re) => re.test(text)).map((re) => `${path.relative(ROOT, file)} matches ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it("the audit module offers no way to change or remove entries", () => {
    const names = Object.keys(audit);
    expect(names).toContain("recordAudit");
    expect(names.filter((n) => /update|delete|remove|purge|edit|clear|truncate/i.test(n))).toEqual([]);
  });

  it("the scan would notice such a call", () => {
    expect(FORBIDDEN.some((re) => re.test("await db.auditEntry.deleteMany({})"))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test("await tx.auditEntry.update({ where: { id } })"))).toBe(true);
    expect(FORBIDDEN.some((re) => re.test('DELETE FROM "AuditEntry"'))).toBe(true);
  });
});
