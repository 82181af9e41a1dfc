import { z } from "zod";
import { OapiError } from "../http/errors";

const text = z.string().min(1, "不能为空");

const at = z
  .object({
    atMobiles: z.array(z.string()).optional(),
    atUserIds: z.array(z.string()).optional(),
    isAtAll: z.boolean().optional(),
  })
  .optional();

const actionCard = z
  .object({
    title: text,
    text,
    btnOrientation: z.enum(["0", "1"]).optional(),
    singleTitle: z.string().optional(),
    singleURL: z.string().optional(),
    btns: z.array(z.object({ title: text, actionURL: text })).optional(),
  })
  .refine((c) => (c.singleTitle && c.singleURL) || (c.btns && c.btns.length > 0), {
    message: "需要 singleTitle 与 singleURL（整体跳转），或至少一个 btns 按钮（独立跳转）",
  });

/** A custom robot (and sessionWebhook) message: one of the five `msgtype`s, with `at`. */
export const webhookMessageSchema = z.discriminatedUnion("msgtype", [
  z.object({ msgtype: z.literal("text"), text: z.object({ content: text }), at }),
  z.object({ msgtype: z.literal("markdown"), markdown: z.object({ title: text, text }), at }),
  z.object({ msgtype: z.literal("link"), link: z.object({ title: text, text, messageUrl: text, picUrl: z.string().optional() }), at }),
  z.object({ msgtype: z.literal("actionCard"), actionCard, at }),
  z.object({
    msgtype: z.literal("feedCard"),
    feedCard: z.object({ links: z.array(z.object({ title: text, messageURL: text, picURL: z.string().optional() })).min(1, "至少一条") }),
    at,
  }),
]);

export type WebhookMessage = z.infer<typeof webhookMessageSchema>;

export const WEBHOOK_MSGTYPES = ["text", "markdown", "link", "actionCard", "feedCard"] as const;

/** Parses a webhook body as DingTalk does: `40035` for a missing part, `40008` for an unknown msgtype, `400002` for a bad field. */
export function parseWebhookMessage(body: unknown): WebhookMessage {
  if (!body || typeof body !== "object") throw new OapiError(40035, "缺少参数 json");
  const msgtype = (body as Record<string, unknown>).msgtype;
  if (msgtype === undefined) throw new OapiError(40035, "缺少参数 msgtype");
  if (typeof msgtype !== "string" || !(WEBHOOK_MSGTYPES as readonly string[]).includes(msgtype)) {
    throw new OapiError(40008, `不合法的消息类型 ${String(msgtype)}，应为 ${WEBHOOK_MSGTYPES.join(" | ")}`);
  }
  const parsed = webhookMessageSchema.safeParse(body, { reportInput: true });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.map(String).join(".");
    if (issue.code === "invalid_type" && issue.input === undefined) throw new OapiError(40035, `缺少参数 ${where}`);
    throw new OapiError(400002, `无效的参数：${where || msgtype}: ${issue.message}`);
  }
  return parsed.data;
}

/** The words a keyword check looks at: every title and text the reader sees. */
export function webhookMessageText(message: WebhookMessage): string {
  switch (message.msgtype) {
    case "text":
      return message.text.content;
    case "markdown":
      return `${message.markdown.title}\n${message.markdown.text}`;
    case "link":
      return `${message.link.title}\n${message.link.text}`;
    case "actionCard":
      return [message.actionCard.title, message.actionCard.text, message.actionCard.singleTitle ?? "", ...(message.actionCard.btns ?? []).map((b) => b.title)].join("\n");
    case "feedCard":
      return message.feedCard.links.map((l) => l.title).join("\n");
  }
}

/** The message body without its msgtype and at, as the message log keeps it. */
export function webhookMessageContent(message: WebhookMessage): unknown {
  switch (message.msgtype) {
    case "text":
      return message.text;
    case "markdown":
      return message.markdown;
    case "link":
      return message.link;
    case "actionCard":
      return message.actionCard;
    case "feedCard":
      return message.feedCard;
  }
}
