import type { BotMessage } from "../../dingtalk/stream";

export type SessionKind = "private" | "group";
export type GroupMode = "isolated" | "shared";

/** Who wrote: the org's userId when DingTalk gives it (senderStaffId), else the opaque senderId. */
export function senderOf(message: BotMessage): string {
  return message.senderStaffId || message.senderId;
}

export function sessionKindOf(message: BotMessage): SessionKind {
  return message.conversationType === "2" ? "group" : "private";
}

/**
 * The session a message belongs to: one per person in a private chat, one per member in a group
 * (isolated, the default), or one for the whole group when an admin made it shared.
 */
export function sessionIdFor(message: BotMessage, groupMode: GroupMode = "isolated"): string {
  if (sessionKindOf(message) === "private") return `dingtalk_private_${senderOf(message)}`;
  return groupMode === "shared" ? `dingtalk_group_${message.conversationId}` : `dingtalk_group_${message.conversationId}_${senderOf(message)}`;
}

/** The text the person wrote, without the leading blank DingTalk leaves where the @-mention was. */
export function messageText(message: BotMessage): string {
  return (message.text?.content ?? "").trim();
}
