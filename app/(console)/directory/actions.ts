"use server";

import { z } from "zod";
import { isDingTalkError } from "@/lib/dingtalk";
import { serverAction } from "@/lib/server/action";
import { ActionFailure } from "@/lib/server/action-errors";
import { getDingTalk } from "@/lib/server/dingtalk";

export interface LiveLookup {
  userId: string;
  unionId: string;
  name: string;
  title: string;
  mobile: string;
  active: boolean;
}

const MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
/** DingTalk's "no such person" for a mobile (60121) and for a unionId (33012). */
const NOT_FOUND = new Set(["60121", "33012"]);

/** A person looked up in DingTalk itself, not in the synced copy: by mobile or by unionId. Audited: it reveals contacts. */
export const lookupLiveAction = serverAction({
  permission: "directory.lookup",
  input: z.object({ key: z.string().trim().min(1).max(64).transform((v) => v.replace(/[\s-]/g, "")) }),
  audit: { action: "directory.lookup", target: (i) => ({ type: "user", id: i.key }) },
  async run({ key }): Promise<LiveLookup> {
    const client = getDingTalk();
    try {
      const userId = MOBILE.test(key) ? await client.contacts.getUserIdByMobile(key.replace(/^\+?86/, "")) : (await client.contacts.getUserIdByUnionId(key)).userId;
      const user = await client.contacts.getUser(userId);
      return { userId: user.userId, unionId: user.unionId, name: user.name, title: user.title ?? "", mobile: user.mobile ?? "", active: user.active };
    } catch (error) {
      if (isDingTalkError(error) && NOT_FOUND.has(error.code)) throw new ActionFailure("NOT_IN_DINGTALK", "key");
      throw error;
    }
  },
});
