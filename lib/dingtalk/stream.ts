import { z } from "zod";
import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** The CALLBACK topic of messages people write to the bot. */
export const BOT_MESSAGE_TOPIC = "/v1.0/im/bot/messages/get";

export const streamSubscriptionSchema = z.object({
  type: z.enum(["EVENT", "CALLBACK"]),
  topic: z.string().min(1),
});
export type StreamSubscription = z.infer<typeof streamSubscriptionSchema>;

/** Every event, plus the bot's messages: what the console's bridge subscribes to. */
export const DEFAULT_SUBSCRIPTIONS: readonly StreamSubscription[] = [
  { type: "EVENT", topic: "*" },
  { type: "CALLBACK", topic: BOT_MESSAGE_TOPIC },
];

/** A frame the gateway pushes down the WebSocket. Header values are strings on the wire. */
export const streamFrameSchema = z.object({
  specVersion: z.string().optional(),
  type: z.enum(["SYSTEM", "EVENT", "CALLBACK"]),
  headers: z
    .object({
      appId: z.string().optional(),
      connectionId: z.string().optional(),
      contentType: z.string().optional(),
      messageId: z.string().min(1),
      time: z.string().optional(),
      topic: z.string().min(1),
      eventType: z.string().optional(),
      eventId: z.string().optional(),
      eventBornTime: z.string().optional(),
      eventCorpId: z.string().optional(),
    })
    .loose(),
  data: z.string(),
});
export type StreamFrame = z.infer<typeof streamFrameSchema>;

/** The answer to every frame. */
export const streamAckSchema = z.object({
  code: z.number(),
  headers: z.object({ contentType: z.string(), messageId: z.string().min(1) }).loose(),
  message: z.string(),
  data: z.string(),
});
export type StreamAck = z.infer<typeof streamAckSchema>;

export type EventAckStatus = "SUCCESS" | "LATER";

export function streamAck(messageId: string, data: unknown): StreamAck {
  return { code: 200, headers: { contentType: "application/json", messageId }, message: "OK", data: JSON.stringify(data) };
}

/** A message someone wrote to the bot (CALLBACK `/v1.0/im/bot/messages/get`). */
export const botMessageSchema = z
  .object({
    msgId: z.string(),
    msgtype: z.string(),
    text: z.object({ content: z.string() }).optional(),
    conversationId: z.string(),
    conversationType: z.enum(["1", "2"]),
    conversationTitle: z.string().optional(),
    senderId: z.string(),
    senderStaffId: z.string().optional(),
    senderNick: z.string(),
    senderCorpId: z.string().optional(),
    chatbotUserId: z.string(),
    chatbotCorpId: z.string().optional(),
    robotCode: z.string().optional(),
    isAdmin: z.boolean().optional(),
    isInAtList: z.boolean().optional(),
    atUsers: z.array(z.object({ dingtalkId: z.string(), staffId: z.string().optional() })).optional(),
    sessionWebhook: z.string(),
    sessionWebhookExpiredTime: z.number(),
    createAt: z.number(),
  })
  .loose();
export type BotMessage = z.infer<typeof botMessageSchema>;

export interface OpenConnectionOptions {
  subscriptions?: readonly StreamSubscription[];
  /** Identifies the client to DingTalk (shown in its connection list). */
  ua?: string;
  localIp?: string;
}

/** Where to connect, and the single-use ticket that admits one WebSocket. */
export interface StreamTicket {
  endpoint: string;
  ticket: string;
}

export interface Stream {
  /** `POST /v1.0/gateway/connections/open`: a fresh ticket for one WebSocket connection. */
  openConnection(options?: OpenConnectionOptions): Promise<StreamTicket>;
}

/** The URL to open the WebSocket on: the endpoint with the ticket as a query parameter. */
export function streamUrl(ticket: StreamTicket): string {
  const url = new URL(ticket.endpoint);
  url.searchParams.set("ticket", ticket.ticket);
  return url.toString();
}

/** Stream mode: opening a gateway connection (ticket + endpoint). */
export function createStream(call: Call, config: DingTalkClientConfig): Stream {
  return {
    openConnection(options = {}) {
      const subscriptions = z.array(streamSubscriptionSchema).min(1, "subscribe to at least one topic").parse(options.subscriptions ?? DEFAULT_SUBSCRIPTIONS);
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/gateway/connections/open",
        // The app's credentials travel in the body, not as a token.
        auth: "none",
        body: { clientId: config.appKey, clientSecret: config.appSecret, subscriptions, ua: options.ua ?? "dingtalk-console", localIp: options.localIp },
        schema: z.object({ endpoint: z.string().min(1), ticket: z.string().min(1) }),
        // Asking again only issues another ticket.
        idempotent: true,
      });
    },
  };
}
