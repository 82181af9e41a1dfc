import http from "node:http";
import https from "node:https";
import { z } from "zod";
import { robotMessage, type DingTalkClient, type RobotMessage } from "../../dingtalk";
import type { BotMessage } from "../../dingtalk/stream";
import type { Reply } from "./responders/types";
import { senderOf } from "./session-key";

/**
 * DingTalk caps a robot message's content (the text message at about 5,000 characters, with
 * byte limits on the markdown body); a reply is cut into parts well inside that.
 */
export const MAX_REPLY_CHARS = 3_800;

/** Cuts text into parts of at most `max` characters, at paragraph, then line, then hard boundaries. */
export function splitReply(text: string, max = MAX_REPLY_CHARS): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = window.lastIndexOf("\n\n");
    if (cut < max / 2) cut = window.lastIndexOf("\n");
    if (cut < max / 2) cut = Math.max(window.lastIndexOf("。"), window.lastIndexOf(". "));
    cut = cut < max / 2 ? max : cut + 1;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) parts.push(rest);
  return parts.length > 0 ? parts : ["（空）"];
}

export type ReplyChannel = "session-webhook" | "robot.oto" | "robot.group";

export class ReplyError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "ReplyError";
  }
}

const webhookAnswer = z.object({ errcode: z.coerce.number().default(0), errmsg: z.string().optional() }).loose();

/** DingTalk's code for a session webhook that is unknown or expired. */
const SESSION_EXPIRED = 300001;
/** Send by the webhook only while it has at least this long to live. */
const WEBHOOK_MARGIN_MS = 5_000;

export interface ReplySender {
  /** Sends every part of the reply to the conversation the message came from; returns the channel used. */
  send(message: BotMessage, reply: Reply): Promise<ReplyChannel>;
}

type WebhookOutcome = "sent" | "expired";

/** What the webhook answered: its HTTP status and its body parsed as JSON (null when it is not). */
export interface PostAnswer {
  status: number;
  json: unknown;
}
export type PostJson = (url: string, body: string, timeoutMs: number) => Promise<PostAnswer>;

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64 }) };

/**
 * POSTs JSON with node's http client over kept-alive connections. Not fetch: at hundreds of
 * replies a second, fetch's per-request objects cost three times the CPU and eight times the
 * garbage collection, and the pauses land on the acknowledgements sharing the event loop.
 */
export const postJson: PostJson = (url, body, timeoutMs) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const request = (secure ? https : http).request(
      target,
      { method: "POST", agent: secure ? agents.https : agents.http, timeout: timeoutMs, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (response) => {
        let raw = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (raw += chunk));
        response.on("end", () => {
          let json: unknown = null;
          try {
            json = JSON.parse(raw);
          } catch {
            // Not JSON: the caller says what it expected.
          }
          resolve({ status: response.statusCode ?? 0, json });
        });
        response.on("error", reject);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on("error", reject);
    request.end(body);
  });

/**
 * Replies through DingTalk only: the message's sessionWebhook while it is valid, else the app
 * robot's 1:1 send (private chats) or group send (the conversationId is the openConversationId).
 */
export function createReplySender(client: Pick<DingTalkClient, "robot">, options: { post?: PostJson; now?: () => number; timeoutMs?: number } = {}): ReplySender {
  const post = options.post ?? postJson;
  const now = options.now ?? Date.now;

  async function viaWebhook(url: string, body: unknown): Promise<WebhookOutcome> {
    let response: PostAnswer;
    try {
      response = await post(url, JSON.stringify(body), options.timeoutMs ?? 10_000);
    } catch (error) {
      throw new ReplyError(`the session webhook did not answer: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    const answer = webhookAnswer.safeParse(response.json);
    if (answer.success && answer.data.errcode === SESSION_EXPIRED) return "expired";
    if (response.status < 200 || response.status >= 300) throw new ReplyError(`the session webhook answered HTTP ${response.status}`, response.status === 429 || response.status >= 500);
    if (!answer.success) throw new ReplyError("the session webhook's answer is not DingTalk's {errcode}", true);
    if (answer.data.errcode !== 0) {
      const busy = [-1, 88004, 90018, 130101].includes(answer.data.errcode);
      throw new ReplyError(`the session webhook refused the reply: ${answer.data.errcode} ${answer.data.errmsg ?? ""}`.trim(), busy);
    }
    return "sent";
  }

  function webhookBody(reply: Reply, part: string) {
    return reply.format === "markdown" ? { msgtype: "markdown", markdown: { title: reply.title, text: part } } : { msgtype: "text", text: { content: part } };
  }

  function robotBody(reply: Reply, part: string): RobotMessage {
    return reply.format === "markdown" ? robotMessage.markdown(reply.title, part) : robotMessage.text(part);
  }

  async function viaRobot(message: BotMessage, reply: Reply, parts: string[]): Promise<ReplyChannel> {
    const robotCode = message.robotCode || undefined;
    if (message.conversationType === "2") {
      for (const part of parts) await client.robot.sendToGroup({ openConversationId: message.conversationId, message: robotBody(reply, part), robotCode });
      return "robot.group";
    }
    for (const part of parts) await client.robot.sendToUsers({ userIds: [senderOf(message)], message: robotBody(reply, part), robotCode });
    return "robot.oto";
  }

  return {
    async send(message, reply) {
      const parts = splitReply(reply.text);
      if (message.sessionWebhook && message.sessionWebhookExpiredTime - WEBHOOK_MARGIN_MS > now()) {
        let sent = 0;
        for (const part of parts) {
          if ((await viaWebhook(message.sessionWebhook, webhookBody(reply, part))) === "expired") break;
          sent++;
        }
        if (sent === parts.length) return "session-webhook";
        return viaRobot(message, reply, parts.slice(sent));
      }
      return viaRobot(message, reply, parts);
    },
  };
}
