import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLE_NAMES, can, type Permission, type RoleName } from "./permissions";

// The role table, written out per role: a permission added, widened or narrowed in
// permissions.ts must be added here too, which makes every change to who may do what a
// deliberate one.
const TABLE: Record<RoleName, readonly Permission[]> = {
  viewer: ["overview.read", "departments.read", "directory.read", "calendar.own", "docs.use"],
  approver: [
    "overview.read",
    "departments.read",
    "directory.read",
    "approvals.read.own",
    "approvals.act",
    "attendance.read.ownDepartments",
    "attendance.export",
    "calendar.own",
    "docs.use",
  ],
  hr: [
    "overview.read",
    "departments.read",
    "directory.read",
    "directory.export",
    "directory.lookup",
    "people.contact.read",
    "approvals.read.own",
    "approvals.read.all",
    "approvals.export",
    "approvals.act",
    "approvals.startOnBehalf",
    "attendance.read.all",
    "attendance.read.ownDepartments",
    "attendance.export",
    "attendance.subscribe",
    "calendar.own",
    "calendar.others",
    "docs.use",
    "messages.read",
    "messages.send",
  ],
  admin: Object.keys(PERMISSIONS) as Permission[],
};

describe("permissions", () => {
  for (const role of ROLE_NAMES) {
    it(`gives ${role} exactly its row of the table`, () => {
      const granted = (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can([role], p));
      expect(granted.sort()).toEqual([...TABLE[role]].sort());
    });
  }

  it("keeps approval content, attendance and messages from viewers, and the bot and sign-ins to admins", () => {
    for (const p of ["approvals.read.own", "attendance.read.ownDepartments", "messages.read"] as const) expect(can(["viewer"], p)).toBe(false);
    for (const p of ["botConversations.read", "botConversations.manage", "signInSessions.manage", "roles.manage"] as const) {
      expect(can(["hr", "approver", "viewer"], p)).toBe(false);
      expect(can(["admin"], p)).toBe(true);
    }
  });

  it("makes approver more than viewer and less than hr", () => {
    const of = (role: RoleName) => new Set((Object.keys(PERMISSIONS) as Permission[]).filter((p) => can([role], p)));
    const [viewer, approver, hr] = [of("viewer"), of("approver"), of("hr")];
    expect([...viewer].every((p) => approver.has(p))).toBe(true);
    expect(approver.size).toBeGreaterThan(viewer.size);
    expect([...approver].every((p) => hr.has(p))).toBe(true);
  });

  it("grants the union of several roles", () => {
    expect(can(["viewer", "approver"], "approvals.act")).toBe(true);
    expect(can(["viewer", "approver"], "approvals.read.all")).toBe(false);
  });

  it("grants nothing without a role and knows only the four roles", () => {
    for (const p of Object.keys(PERMISSIONS) as Permission[]) expect(can([], p)).toBe(false);
    expect(can(["root"], "overview.read")).toBe(false);
  });
});
