import { describe, expect, expectTypeOf, it } from "vitest";
import type { audited } from "./audit";
import { AUDIT_ACTIONS, type AuditAction } from "./audit-actions";

describe("audit action names", () => {
  it("are unique and shaped like the names the audit log stores", () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    for (const name of AUDIT_ACTIONS) expect(name).toMatch(/^[a-z][a-zA-Z0-9_-]*(\.[a-zA-Z0-9_-]+)*$/);
  });

  it("are the only names audited() accepts", () => {
    expectTypeOf<Parameters<typeof audited>[2]>().toEqualTypeOf<AuditAction>();
    // The names bot conversations had before they were told apart from sign-in sessions.
    expect(AUDIT_ACTIONS).not.toContain("bot.session.reset");
    expect(AUDIT_ACTIONS).not.toContain("session.revoke");
  });
});
