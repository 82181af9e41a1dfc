import { describe, expect, it } from "vitest";
import { PERMISSIONS, can, isRoleName } from "./permissions";

describe("permissions", () => {
  it("lets only admins into settings, roles, sessions and the audit log", () => {
    for (const p of ["settings.read", "roles.manage", "sessions.manage", "audit.read"] as const) {
      expect(can(["admin"], p)).toBe(true);
      expect(can(["hr", "approver", "viewer"], p)).toBe(false);
    }
  });

  it("lets every role read the overview and departments but hides contacts from viewers", () => {
    for (const role of ["admin", "hr", "approver", "viewer"]) {
      expect(can([role], "overview.read")).toBe(true);
      expect(can([role], "departments.read")).toBe(true);
    }
    expect(can(["viewer"], "people.contact.read")).toBe(false);
    expect(can(["hr"], "people.contact.read")).toBe(true);
  });

  it("grants nothing without a role and knows only the four roles", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) expect(can([], p)).toBe(false);
    expect(isRoleName("viewer")).toBe(true);
    expect(isRoleName("root")).toBe(false);
  });
});
