"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { audited } from "@/lib/audit";
import { authorizeAction, type ActionResult } from "@/lib/auth/current";
import { revokeSessionsOf } from "@/lib/auth/session-store";
import { ROLE_NAMES } from "@/lib/authz/permissions";
import { grantRole, revokeRole } from "@/lib/authz/roles-store";
import { getDb } from "@/lib/db/client";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { getLocale } from "@/lib/i18n/server";
import { resolvePerson } from "@/lib/org/resolve-person";
import { getDingTalk } from "@/lib/server/dingtalk";
import { fieldErrors, failure } from "@/lib/server/action-errors";

const grantInput = z.object({
  person: z.string().trim().min(1, "请填写成员的 userId、手机号或姓名 / Enter a userId, mobile or name").max(64, "最多 64 个字符 / At most 64 characters"),
  role: z.enum(ROLE_NAMES, { message: "请选择一个角色 / Choose a role" }),
});

export async function grantRoleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("roles.manage");
  if (!auth.ok) return auth;
  const parsed = grantInput.safeParse({ person: form.get("person"), role: form.get("role") });
  if (!parsed.success) return fieldErrors(parsed.error);
  const { person, role } = parsed.data;
  const locale = await getLocale();
  try {
    const found = await resolvePerson(getDingTalk(), person);
    if (!found.ok) {
      const message =
        found.reason === "not-found"
          ? "组织里没有这个人 / No one in the org matches this"
          : `多人匹配，请改用 userId / Several people match, use a userId: ${found.candidates.map((c) => `${c.name} (${c.userId})`).join(", ")}`;
      return { ok: false, error: { code: "INVALID_INPUT", message, fieldErrors: { person: [message] } } };
    }
    const db = getDb();
    await audited(db, { actor: auth.actor }, "role.grant", { type: "user", id: found.user.userId }, { userId: found.user.userId, name: found.user.name, role }, () =>
      grantRole(db, { userId: found.user.userId, role, grantedBy: auth.actor.userId, note: found.user.name }),
    );
    revalidatePath("/settings");
    return { ok: true, data: undefined, message: `${found.user.name}: +${role}` };
  } catch (error) {
    if (isDingTalkError(error)) return { ok: false, error: { code: error.code, message: describeDingTalkError(error, locale) } };
    return failure(error);
  }
}

const revokeInput = z.object({
  userId: z.string().trim().min(1).max(64),
  role: z.enum(ROLE_NAMES),
});

export async function revokeRoleAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("roles.manage");
  if (!auth.ok) return auth;
  const parsed = revokeInput.safeParse({ userId: form.get("userId"), role: form.get("role") });
  if (!parsed.success) return fieldErrors(parsed.error);
  const db = getDb();
  try {
    await audited(db, { actor: auth.actor }, "role.revoke", { type: "user", id: parsed.data.userId }, parsed.data, () => revokeRole(db, parsed.data));
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/settings");
  return { ok: true, data: undefined };
}

const endSessionsInput = z.object({ userId: z.string().trim().min(1).max(64) });

export async function endSessionsAction(_prev: ActionResult<number> | null, form: FormData): Promise<ActionResult<number>> {
  const auth = await authorizeAction("sessions.manage");
  if (!auth.ok) return auth;
  const parsed = endSessionsInput.safeParse({ userId: form.get("userId") });
  if (!parsed.success) return fieldErrors(parsed.error);
  const db = getDb();
  try {
    const count = await audited(db, { actor: auth.actor }, "session.revoke", { type: "user", id: parsed.data.userId }, parsed.data, () =>
      revokeSessionsOf(db, parsed.data.userId, auth.actor.userId),
    );
    revalidatePath("/settings");
    return { ok: true, data: count };
  } catch (error) {
    return failure(error);
  }
}
