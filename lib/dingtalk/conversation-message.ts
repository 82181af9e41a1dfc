import { z } from "zod";
import { checkShape } from "./arguments";

const text = z.string().trim().min(1, "must not be empty");
const mediaId = z.object({ media_id: text });

/**
 * The `msg` of a work notification or a group chat message (企业会话消息), in DingTalk's own
 * field names: text, markdown, link, action_card, oa, image, file, voice.
 */
export const conversationMessageSchema = z.discriminatedUnion("msgtype", [
  z.object({ msgtype: z.literal("text"), text: z.object({ content: text }) }),
  z.object({ msgtype: z.literal("markdown"), markdown: z.object({ title: text, text }) }),
  z.object({ msgtype: z.literal("link"), link: z.object({ messageUrl: text, picUrl: text, title: text, text }) }),
  z.object({
    msgtype: z.literal("action_card"),
    action_card: z
      .object({
        title: text,
        markdown: text,
        single_title: z.string().optional(),
        single_url: z.string().optional(),
        btn_orientation: z.enum(["0", "1"]).optional(),
        btn_json_list: z.array(z.object({ title: text, action_url: text })).optional(),
      })
      .refine((c) => (c.single_title && c.single_url) || (c.btn_json_list && c.btn_json_list.length > 0), {
        message: "needs single_title with single_url, or at least one button in btn_json_list",
      }),
  }),
  z.object({
    msgtype: z.literal("oa"),
    oa: z.object({
      message_url: text,
      pc_message_url: z.string().optional(),
      head: z.object({ bgcolor: z.string().optional(), text: z.string().optional() }).optional(),
      body: z.object({
        title: z.string().optional(),
        content: z.string().optional(),
        author: z.string().optional(),
        image: z.string().optional(),
        file_count: z.string().optional(),
        form: z.array(z.object({ key: z.string(), value: z.string() })).optional(),
        rich: z.object({ num: z.string(), unit: z.string().optional() }).optional(),
      }),
    }),
  }),
  z.object({ msgtype: z.literal("image"), image: mediaId }),
  z.object({ msgtype: z.literal("file"), file: mediaId }),
  z.object({ msgtype: z.literal("voice"), voice: z.object({ media_id: text, duration: text }) }),
]);

export type ConversationMessage = z.input<typeof conversationMessageSchema>;

/** Checks a message before it is sent; a RangeError names the field to fix. */
export function checkConversationMessage(msg: ConversationMessage): ConversationMessage {
  return checkShape(conversationMessageSchema, msg, "message");
}
