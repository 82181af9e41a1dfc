"use server";

import { z } from "zod";
import { authorizeAction, type ActionResult } from "@/lib/auth/current";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { getLocale } from "next-intl/server";
import { getDingTalk } from "@/lib/server/dingtalk";
import { failure, fieldErrors } from "@/lib/server/action-errors";

export interface LiveLookup {
  userId: string;
  unionId: string;
  name: string;
  title: string;
  mobile: string;
  active: boolean;
}

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;

const lookupInput = z.object({
  key: z
    .string()
    .trim()
    .min(1, "请填写手机号或 unionId / Enter a mobile or a unionId")
    .max(64, "最多 64 个字符 / At most 64 characters")
    .transform((v) => v.replace(/[\s-]/g, "")),
});

/** A person looked up in DingTalk itself, not in the synced copy: by mobile or by unionId. */
export async function lookupLiveAction(_prev: ActionResult<LiveLookup> | null, form: FormData): Promise<ActionResult<LiveLookup>> {
  const auth = await authorizeAction("directory.lookup");
  if (!auth.ok) return auth;
  const parsed = lookupInput.safeParse({ key: form.get("key") });
  if (!parsed.success) return fieldErrors(parsed.error);
  const { key } = parsed.data;
  const client = getDingTalk();
  try {
    const userId = MOBILE.test(key) ? await client.contacts.getUserIdByMobile(key.replace(/^\+?86/, "")) : (await client.contacts.getUserIdByUnionId(key)).userId;
    const user = await client.contacts.getUser(userId);
    return { ok: true, data: { userId: user.userId, unionId: user.unionId, name: user.name, title: user.title ?? "", mobile: user.mobile ?? "", active: user.active } };
  } catch (error) {
    if (isDingTalkError(error)) {
      const notFound = ["60121", "33012"].includes(error.code);
      const message = notFound ? "钉钉里没有这个人 / DingTalk knows no one by this" : describeDingTalkError(error, await getLocale());
      return { ok: false, error: { code: error.code, message, fieldErrors: notFound ? { key: [message] } : undefined } };
    }
    return failure(error);
  }
}
