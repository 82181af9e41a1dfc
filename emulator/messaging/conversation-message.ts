import { z } from "zod";
import { parseOapi } from "../http/validate";

const text = z.string().min(1, "不能为空");
const mediaId = z.object({ media_id: text });

const actionCard = z
  .object({
    title: text,
    markdown: text,
    single_title: z.string().optional(),
    single_url: z.string().optional(),
    btn_orientation: z.string().optional(),
    btn_json_list: z.array(z.object({ title: text, action_url: text })).optional(),
  })
  .refine((c) => (c.single_title && c.single_url) || (c.btn_json_list && c.btn_json_list.length > 0), {
    message: "需要 single_title 与 single_url，或至少一个 btn_json_list 按钮",
  });

const oa = z.object({
  message_url: text,
  pc_message_url: z.string().optional(),
  head: z.object({ bgcolor: z.string().optional(), text: z.string().optional() }).optional(),
  body: z
    .object({
      title: z.string().optional(),
      content: z.string().optional(),
      author: z.string().optional(),
      image: z.string().optional(),
      file_count: z.string().optional(),
      form: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
      rich: z.object({ num: z.string(), unit: z.string().optional() }).optional(),
    })
    .refine((b) => Object.keys(b).length > 0, { message: "不能为空" }),
});

/**
 * The `msg` of a work notification or a group chat message (企业会话消息): text, markdown, link,
 * action_card, oa, image, file (and voice in chats).
 */
export const conversationMessageSchema = z.discriminatedUnion("msgtype", [
  z.object({ msgtype: z.literal("text"), text: z.object({ content: text }) }),
  z.object({ msgtype: z.literal("markdown"), markdown: z.object({ title: text, text }) }),
  z.object({ msgtype: z.literal("link"), link: z.object({ messageUrl: text, picUrl: text, title: text, text }) }),
  z.object({ msgtype: z.literal("action_card"), action_card: actionCard }),
  z.object({ msgtype: z.literal("oa"), oa }),
  z.object({ msgtype: z.literal("image"), image: mediaId }),
  z.object({ msgtype: z.literal("file"), file: mediaId }),
  z.object({ msgtype: z.literal("voice"), voice: z.object({ media_id: text, duration: text }) }),
]);

export type ConversationMessage = z.infer<typeof conversationMessageSchema>;

/** Validates `msg` (an object, or the JSON string form callers post it as) with the oapi errors. */
export function parseConversationMessage(msg: unknown): ConversationMessage {
  let value = msg;
  if (typeof msg === "string") {
    try {
      value = JSON.parse(msg);
    } catch {
      value = msg;
    }
  }
  return parseOapi(z.object({ msg: conversationMessageSchema }), { msg: value }).msg;
}

/** The message body without its msgtype, as the message log keeps it. */
export function conversationMessageContent(message: ConversationMessage): unknown {
  const { msgtype, ...rest } = message;
  return (rest as Record<string, unknown>)[msgtype];
}
