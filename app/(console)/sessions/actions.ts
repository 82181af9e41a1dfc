"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { audited } from "@/lib/audit";
import { authorizeAction, type ActionResult } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { failure, fieldErrors } from "@/lib/server/action-errors";
import { deleteSession, resetSession, setGroupPolicy } from "@/lib/stream/bridge";

const sessionInput = z.object({ id: z.string().trim().min(1).max(300) });

const NOT_FOUND = { ok: false as const, error: { code: "NOT_FOUND", message: "没有这个会话 / No such session" } };

/** One conversation acted on by an admin: validated, audited, refused when unknown. */
async function onSession(form: FormData, action: string, change: (id: string) => Promise<boolean>): Promise<ActionResult<string>> {
  const auth = await authorizeAction("botSessions.manage");
  if (!auth.ok) return auth;
  const parsed = sessionInput.safeParse({ id: form.get("id") });
  if (!parsed.success) return fieldErrors(parsed.error);
  const { id } = parsed.data;
  const db = getDb();
  try {
    const found = await audited(db, { actor: auth.actor }, action, { type: "bot-session", id }, parsed.data, () => change(id));
    return found ? { ok: true, data: id } : NOT_FOUND;
  } catch (error) {
    return failure(error);
  }
}

export async function resetBotSessionAction(_prev: ActionResult<string> | null, form: FormData): Promise<ActionResult<string>> {
  const result = await onSession(form, "bot.session.reset", (id) => resetSession(getDb(), id));
  if (result.ok) revalidatePath(`/sessions/${encodeURIComponent(result.data)}`);
  return result;
}

export async function deleteBotSessionAction(_prev: ActionResult<string> | null, form: FormData): Promise<ActionResult<string>> {
  const result = await onSession(form, "bot.session.delete", (id) => deleteSession(getDb(), id));
  if (!result.ok) return result;
  revalidatePath("/sessions");
  redirect("/sessions");
}

const policyInput = z.object({
  conversationId: z.string().trim().min(1, "请填写群会话 ID / Enter the group's conversationId").max(200),
  mode: z.enum(["isolated", "shared"], { message: "请选择上下文方式 / Choose how the context is kept" }),
  mentionOnly: z.boolean(),
});

export async function setGroupPolicyAction(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  const auth = await authorizeAction("botSessions.manage");
  if (!auth.ok) return auth;
  const parsed = policyInput.safeParse({ conversationId: form.get("conversationId"), mode: form.get("mode"), mentionOnly: form.get("mentionOnly") === "on" });
  if (!parsed.success) return fieldErrors(parsed.error);
  const db = getDb();
  try {
    await audited(db, { actor: auth.actor }, "bot.group-policy.set", { type: "bot-group", id: parsed.data.conversationId }, parsed.data, () =>
      setGroupPolicy(db, { ...parsed.data, updatedBy: auth.actor.userId }),
    );
  } catch (error) {
    return failure(error);
  }
  revalidatePath("/sessions");
  return { ok: true, data: undefined, message: "✓" };
}
