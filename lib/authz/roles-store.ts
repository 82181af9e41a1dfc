import { z } from "zod";
import type { Db, RoleAssignment } from "@/lib/db/client";
import { serializable } from "@/lib/db/transactions";
import { ROLE_NAMES, type RoleName } from "./permissions";

// Who holds which console role, stored in RoleAssignment. These functions do not audit:
// the server actions that call them wrap them in `audited`.

const userId = z.string().trim().min(1, "userId is required").max(64);
const role = z.enum(ROLE_NAMES, { message: `role must be one of ${ROLE_NAMES.join(", ")}` });

/** Shown to people as the `actions.errors.LAST_ADMIN` message; the English text is for logs. */
export class LastAdminError extends Error {
  readonly code = "LAST_ADMIN";
  constructor() {
    super("The last admin cannot be removed: grant admin to someone else first.");
    this.name = "LastAdminError";
  }
}

export async function getRoles(db: Db, user: string): Promise<RoleName[]> {
  const rows = await db.roleAssignment.findMany({ where: { userId: userId.parse(user) }, select: { role: true } });
  const held = new Set(rows.map((r) => r.role));
  // In ROLE_NAMES order, and only roles this version knows.
  return ROLE_NAMES.filter((r) => held.has(r));
}

export async function listAssignments(db: Db): Promise<RoleAssignment[]> {
  return db.roleAssignment.findMany({ orderBy: [{ role: "asc" }, { grantedAt: "asc" }, { userId: "asc" }] });
}

export async function countAdmins(db: Db): Promise<number> {
  return db.roleAssignment.count({ where: { role: "admin" } });
}

const grantSchema = z.object({ userId, role, grantedBy: z.string().trim().min(1).max(64), note: z.string().trim().max(200).optional() });

/** Grants `role`; granting a role already held changes nothing but the note (when given). */
export async function grantRole(db: Db, input: z.input<typeof grantSchema>): Promise<RoleAssignment> {
  const g = grantSchema.parse(input);
  return db.roleAssignment.upsert({
    where: { userId_role: { userId: g.userId, role: g.role } },
    create: { userId: g.userId, role: g.role, grantedBy: g.grantedBy, grantedAt: new Date(), note: g.note ?? null },
    update: g.note !== undefined ? { note: g.note } : {},
  });
}

const revokeSchema = z.object({ userId, role });

/** Removes `role`; false when it was not held. Throws LastAdminError rather than leave no admin. */
export async function revokeRole(db: Db, input: z.input<typeof revokeSchema>): Promise<boolean> {
  const r = revokeSchema.parse(input);
  return serializable(db, async (tx) => {
    const held = await tx.roleAssignment.findUnique({ where: { userId_role: { userId: r.userId, role: r.role } } });
    if (!held) return false;
    if (r.role === "admin" && (await tx.roleAssignment.count({ where: { role: "admin" } })) <= 1) throw new LastAdminError();
    await tx.roleAssignment.delete({ where: { userId_role: { userId: r.userId, role: r.role } } });
    return true;
  });
}

/**
 * On first start: makes `userIds` admins when no admin exists yet, and does nothing once one
 * does. Returns the ids granted.
 */
export async function bootstrapAdmins(db: Db, userIds: readonly string[], by: string): Promise<string[]> {
  const ids = [...new Set(userIds.map((id) => userId.parse(id)))];
  if (ids.length === 0) return [];
  return serializable(db, async (tx) => {
    if ((await tx.roleAssignment.count({ where: { role: "admin" } })) > 0) return [];
    const grantedAt = new Date();
    for (const id of ids) {
      await tx.roleAssignment.create({ data: { userId: id, role: "admin", grantedBy: by, grantedAt, note: null } });
    }
    return ids;
  });
}
