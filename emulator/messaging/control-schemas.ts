import { z } from "zod";
import type { LoggedMessage } from "../messages/log";

export const customRobotInput = z.object({
  name: z.string().trim().min(1, "name must not be empty"),
  security: z
    .object({
      keywords: z.array(z.string().min(1)).max(10, "at most 10 keywords").optional(),
      secret: z.boolean().optional(),
      ips: z
        .array(z.string().regex(/^[0-9a-fA-F.:]+(\/\d{1,2})?$/, "an IP address or an IPv4 range such as 10.0.0.0/8"))
        .max(10, "at most 10 addresses")
        .optional(),
    })
    .refine((s) => (s.keywords?.length ?? 0) > 0 || s.secret === true || (s.ips?.length ?? 0) > 0, {
      message: "DingTalk requires at least one security setting: keywords, secret or ips",
    }),
  /** Places the robot in a group chat made with /chat/create. */
  openConversationId: z.string().min(1).optional(),
});

export type CustomRobotInput = z.input<typeof customRobotInput>;

export interface CustomRobotCreated {
  robotCode: string;
  accessToken: string;
  /** Present when the robot signs (security.secret). */
  secret?: string;
  webhookUrl: string;
}

export interface AppRobotInfo {
  robotCode: string;
  name: string;
}

export const messagingLimitsInput = z.object({
  otoPerUserPerMinute: z.number().int().min(1).optional(),
  webhookPerMinute: z.number().int().min(1).optional(),
});

export type MessagingLimitsInput = z.input<typeof messagingLimitsInput>;

export const messagesQuery = z.object({
  channel: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  conversationId: z.string().min(1).optional(),
  since: z.coerce.number().int().min(0).optional(),
});

export type MessagesFilter = z.input<typeof messagesQuery>;

export interface MessagesList {
  messages: LoggedMessage[];
}
