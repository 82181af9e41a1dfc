import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { BOT_MESSAGE_TOPIC, type BotMessage } from "../../lib/dingtalk/stream";
import { ApiError, OapiError, oapiErrors } from "../http/errors";
import { messageLog, type LoggedMessage } from "../messages/log";
import type { User } from "../org/model";
import { stateSlot } from "../state-slot";
import type { EmulatorState } from "../state";
import { streamGateway } from "./gateway";

/** A session webhook lives about an hour and a half after the message that carried it. */
export const SESSION_WEBHOOK_TTL_MS = 90 * 60_000;

export const botMessageInput = z.object({
  fromUserId: z.string().min(1, "fromUserId is required"),
  text: z.string().min(1, "text is required").max(5_000),
  conversationType: z.enum(["1", "2"]).default("1"),
  conversationId: z.string().min(1).optional(),
  conversationTitle: z.string().min(1).optional(),
  atBot: z.boolean().optional(),
});
export type BotMessageInput = z.input<typeof botMessageInput>;

interface Session {
  conversationId: string;
  robotCode: string;
  userId: string;
  expiresAt: number;
}

const hash = (value: string) => createHash("sha256").update(value).digest("base64").replace(/[+/=]/g, "").slice(0, 22);
/** DingTalk's opaque per-person id (senderId, chatbotUserId). */
export const dingtalkId = (seed: string) => `$:LWCP_v1:$${hash(`dingtalk:${seed}`)}`;
export const privateConversationId = (appKey: string, userId: string) => `cid${hash(`p2p:${appKey}:${userId}`)}==`;
export const DEFAULT_GROUP_TITLE = "演示群";

class BotSessions {
  readonly sessions = new Map<string, Session>();
  private seq = 0;
  nextMsgId(): string {
    return `msg${(++this.seq).toString(36)}${randomBytes(10).toString("hex")}`;
  }
}

const botSessions = stateSlot(() => new BotSessions());

/** Someone writes to the bot: the message DingTalk would push, logged and delivered as a CALLBACK frame. */
export function writeToBot(state: EmulatorState, input: z.output<typeof botMessageInput>): BotMessage {
  const sender: User | undefined = state.org.usersById.get(input.fromUserId);
  if (!sender) throw new ApiError(400, "invalidControlRequest", `fromUserId ${input.fromUserId} is not a person of the org`);
  const appKey = state.credentials.appKey;
  const corpId = state.credentials.corpId;
  const now = state.clock.now();
  const group = input.conversationType === "2";
  const conversationId = input.conversationId ?? (group ? `cid${hash(`group:${appKey}:default`)}==` : privateConversationId(appKey, sender.userId));
  const chatbotUserId = dingtalkId(`bot:${appKey}`);
  // In a private chat the bot is always addressed; in a group only when @-mentioned (the default).
  const atBot = group ? input.atBot !== false : true;
  const sessions = botSessions(state);
  const session = randomBytes(16).toString("hex");
  sessions.sessions.set(session, { conversationId, robotCode: appKey, userId: sender.userId, expiresAt: now + SESSION_WEBHOOK_TTL_MS });

  const message: BotMessage = {
    msgId: sessions.nextMsgId(),
    msgtype: "text",
    text: { content: group && atBot ? ` ${input.text}` : input.text },
    conversationId,
    conversationType: input.conversationType,
    ...(group ? { conversationTitle: input.conversationTitle ?? DEFAULT_GROUP_TITLE } : {}),
    senderId: dingtalkId(`user:${corpId}:${sender.userId}`),
    senderStaffId: sender.userId,
    senderNick: sender.name,
    senderCorpId: corpId,
    chatbotUserId,
    chatbotCorpId: corpId,
    robotCode: appKey,
    isAdmin: sender.admin,
    isInAtList: atBot,
    atUsers: group && atBot ? [{ dingtalkId: chatbotUserId }] : [],
    sessionWebhook: `${state.publicUrl}/robot/sendBySession?session=${session}`,
    sessionWebhookExpiredTime: now + SESSION_WEBHOOK_TTL_MS,
    createAt: now,
  };
  messageLog(state).record({
    channel: "bot-inbound", at: now, robotCode: appKey, conversationId, from: sender.userId, to: [appKey], msgtype: "text",
    content: { text: input.text, msgId: message.msgId },
  });
  streamGateway(state).enqueue(appKey, "CALLBACK", BOT_MESSAGE_TOPIC, JSON.stringify(message));
  return message;
}

/** The bodies a session webhook accepts: a custom robot message in text or markdown. */
const sessionReply = z.discriminatedUnion("msgtype", [
  z.object({ msgtype: z.literal("text"), text: z.object({ content: z.string().min(1) }), at: z.unknown().optional() }),
  z.object({ msgtype: z.literal("markdown"), markdown: z.object({ title: z.string().min(1), text: z.string().min(1) }), at: z.unknown().optional() }),
]);

/** `POST /robot/sendBySession?session=…`: the bot's reply into the conversation. */
export function replyBySession(state: EmulatorState, session: string | null, body: unknown): LoggedMessage {
  const found = session ? botSessions(state).sessions.get(session) : undefined;
  if (!found) throw new OapiError(300001, "session不存在");
  if (state.clock.now() > found.expiresAt) throw new OapiError(300001, "session已过期");
  if (!body || typeof body !== "object" || !("msgtype" in body)) throw oapiErrors.missingParam("msgtype");
  const parsed = sessionReply.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw oapiErrors.invalidParam(`${issue.path.join(".") || "msgtype"}: ${issue.message}`);
  }
  const reply = parsed.data;
  return messageLog(state).record({
    channel: "robot.session-webhook",
    at: state.clock.now(),
    robotCode: found.robotCode,
    conversationId: found.conversationId,
    from: found.robotCode,
    to: [found.userId],
    msgtype: reply.msgtype,
    content: reply.msgtype === "text" ? reply.text : reply.markdown,
  });
}
