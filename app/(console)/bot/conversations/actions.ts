"use server";

import { z } from "zod";
import { formField, serverAction } from "@/lib/server/action";
import { ActionFailure } from "@/lib/server/action-errors";
import { deleteGroupPolicy, deleteSession, knowsGroup, resetSession, setGroupPolicy } from "@/lib/stream/bridge";

const LIST = "/bot/conversations";
const conversation = z.object({ id: z.string().trim().min(1).max(300) });
const group = z.object({ conversationId: z.string().trim().min(1).max(200) });

const found = (changed: boolean) => {
  if (!changed) throw new ActionFailure("BOT_CONVERSATION_NOT_FOUND");
};

/** Forgets what the bot and the person said; the conversation stays, empty. */
export const resetBotConversationAction = serverAction({
  permission: "botConversations.manage",
  input: conversation,
  audit: { action: "botConversations.reset", target: (i) => ({ type: "bot-conversation", id: i.id }) },
  run: async ({ id }, { db }) => found(await resetSession(db, id)),
  revalidate: ({ id }) => [LIST, `${LIST}/${encodeURIComponent(id)}`],
});

export const deleteBotConversationAction = serverAction({
  permission: "botConversations.manage",
  input: conversation,
  audit: { action: "botConversations.delete", target: (i) => ({ type: "bot-conversation", id: i.id }) },
  run: async ({ id }, { db }) => found(await deleteSession(db, id)),
  revalidate: [LIST],
  redirectTo: () => LIST,
});

/** How the bot keeps context in one of the groups it has talked in (picked from them, never typed). */
export const setGroupPolicyAction = serverAction({
  permission: "botConversations.manage",
  input: group.extend({ mode: z.enum(["isolated", "shared"]), mentionOnly: formField.checkbox() }),
  audit: { action: "botConversations.groupPolicy.set", target: (i) => ({ type: "bot-group", id: i.conversationId }) },
  async run(input, { db, actor }) {
    if (!(await knowsGroup(db, input.conversationId))) throw new ActionFailure("UNKNOWN_GROUP", "conversationId");
    await setGroupPolicy(db, { ...input, updatedBy: actor.userId });
  },
  revalidate: [LIST],
  message: (_data, { t }) => t("actions.saved"),
});

/** Back to the default (one context per member, answer when @-mentioned). */
export const deleteGroupPolicyAction = serverAction({
  permission: "botConversations.manage",
  input: group,
  audit: { action: "botConversations.groupPolicy.delete", target: (i) => ({ type: "bot-group", id: i.conversationId }) },
  async run({ conversationId }, { db }) {
    if (!(await deleteGroupPolicy(db, conversationId))) throw new ActionFailure("GROUP_POLICY_NOT_FOUND");
  },
  revalidate: [LIST],
});
