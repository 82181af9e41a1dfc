import { expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { bootstrapAdmins, countAdmins, getRoles, grantRole, LastAdminError, listAssignments, revokeRole } from "./roles-store";
import type { RoleName } from "./permissions";

describeEachDatabase("role assignments", ({ db }) => {
  it("bootstraps the first admins only while there is no admin", async () => {
    expect(await countAdmins(db())).toBe(0);
    expect(await bootstrapAdmins(db(), ["boss", "boss", "cto"], "system")).toEqual(["boss", "cto"]);
    expect(await countAdmins(db())).toBe(2);
    expect(await getRoles(db(), "boss")).toEqual(["admin"]);
    expect(await bootstrapAdmins(db(), ["intruder"], "system")).toEqual([]);
    expect(await getRoles(db(), "intruder")).toEqual([]);
    expect(await countAdmins(db())).toBe(2);
  });

  it("grants idempotently and lists roles in a fixed order", async () => {
    const first = await grantRole(db(), { userId: "amy", role: "viewer", grantedBy: "boss", note: "Amy" });
    const again = await grantRole(db(), { userId: "amy", role: "viewer", grantedBy: "cto" });
    expect(again.grantedBy).toBe("boss");
    expect(again.grantedAt.getTime()).toBe(first.grantedAt.getTime());
    expect(again.note).toBe("Amy");
    await grantRole(db(), { userId: "amy", role: "hr", grantedBy: "boss" });
    expect(await getRoles(db(), "amy")).toEqual(["hr", "viewer"]);
    const mine = (await listAssignments(db())).filter((a) => a.userId === "amy");
    expect(mine.map((a) => a.role).sort()).toEqual(["hr", "viewer"]);
  });

  it("rejects a role it does not know and an empty userId", async () => {
    await expect(grantRole(db(), { userId: "amy", role: "owner" as RoleName, grantedBy: "boss" })).rejects.toThrow(/admin, hr, approver, viewer/);
    await expect(grantRole(db(), { userId: " ", role: "hr", grantedBy: "boss" })).rejects.toThrow(/userId/);
  });

  it("revokes, reporting whether anything was held", async () => {
    expect(await revokeRole(db(), { userId: "amy", role: "hr" })).toBe(true);
    expect(await revokeRole(db(), { userId: "amy", role: "hr" })).toBe(false);
    expect(await getRoles(db(), "amy")).toEqual(["viewer"]);
  });

  it("never removes the last admin, even when two admins are removed at once", async () => {
    expect(await countAdmins(db())).toBe(2);
    const outcomes = await Promise.allSettled([revokeRole(db(), { userId: "boss", role: "admin" }), revokeRole(db(), { userId: "cto", role: "admin" })]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const rejected = outcomes.find((o) => o.status === "rejected");
    expect(rejected?.status === "rejected" && rejected.reason).toBeInstanceOf(LastAdminError);
    expect(await countAdmins(db())).toBe(1);

    const [last] = (await listAssignments(db())).filter((a) => a.role === "admin");
    const attempt = revokeRole(db(), { userId: last.userId, role: "admin" });
    await expect(attempt).rejects.toMatchObject({ code: "LAST_ADMIN", message: expect.stringContaining("last admin") });
    expect(await getRoles(db(), last.userId)).toEqual(["admin"]);

    // With a second admin the first can go.
    await grantRole(db(), { userId: "amy", role: "admin", grantedBy: last.userId });
    expect(await revokeRole(db(), { userId: last.userId, role: "admin" })).toBe(true);
    expect(await countAdmins(db())).toBe(1);
  });
});
