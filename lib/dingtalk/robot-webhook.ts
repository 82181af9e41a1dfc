import { createHmac } from "node:crypto";
import { z } from "zod";
import { checkShape } from "./arguments";
import { parseTransportConfig } from "./config";
import { DebugLog, consoleDebugLogger, type DebugLogger } from "./debug-log";
import { DingTalkError } from "./errors";
import { Transport } from "./transport";

/** base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)), before url-encoding. */
function webhookSignature(secret: string, timestampMs: number): string {
  return createHmac("sha256", secret).update(`${timestampMs}\n${secret}`).digest("base64");
}

/** The `sign` query value of a custom robot webhook, url-encoded as DingTalk wants it. */
export function signWebhook(secret: string, timestampMs: number): string {
  if (!secret) throw new RangeError("the robot's secret must not be empty");
  if (!Number.isSafeInteger(timestampMs) || timestampMs < 0) throw new RangeError(`timestamp must be whole milliseconds, got ${timestampMs}`);
  return encodeURIComponent(webhookSignature(secret, timestampMs));
}

const text = z.string().trim().min(1, "must not be empty");
const at = z
  .object({ atMobiles: z.array(text).optional(), atUserIds: z.array(text).optional(), isAtAll: z.boolean().optional() })
  .optional();

/** A custom robot message: the five `msgtype`s DingTalk accepts, each with an optional `at`. */
export const webhookMessageSchema = z.discriminatedUnion("msgtype", [
  z.object({ msgtype: z.literal("text"), text: z.object({ content: text }), at }),
  z.object({ msgtype: z.literal("markdown"), markdown: z.object({ title: text, text }), at }),
  z.object({ msgtype: z.literal("link"), link: z.object({ title: text, text, messageUrl: text, picUrl: z.string().optional() }), at }),
  z.object({
    msgtype: z.literal("actionCard"),
    actionCard: z
      .object({
        title: text,
        text,
        btnOrientation: z.enum(["0", "1"]).optional(),
        singleTitle: z.string().optional(),
        singleURL: z.string().optional(),
        btns: z.array(z.object({ title: text, actionURL: text })).optional(),
      })
      .refine((c) => (c.singleTitle && c.singleURL) || (c.btns && c.btns.length > 0), {
        message: "needs singleTitle with singleURL (one link), or at least one entry in btns",
      }),
    at,
  }),
  z.object({
    msgtype: z.literal("feedCard"),
    feedCard: z.object({ links: z.array(z.object({ title: text, messageURL: text, picURL: z.string().optional() })).min(1, "needs at least one link") }),
    at,
  }),
]);

export type WebhookMessage = z.input<typeof webhookMessageSchema>;

/** Checks a webhook message before it is sent; a RangeError names the field to fix. */
export function checkWebhookMessage(message: WebhookMessage): WebhookMessage {
  return checkShape(webhookMessageSchema, message, "webhook message");
}

export interface CustomRobotOptions {
  /** The robot's webhook, `https://oapi.dingtalk.com/robot/send?access_token=…`. */
  webhookUrl: string;
  /** The signing secret (`SEC…`) when the robot uses 加签. */
  secret?: string;
  /** The clock the signature's timestamp comes from; ms. */
  now?: () => number;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Receives every request and response, redacted (token and sign hidden). */
  logger?: DebugLogger;
  debug?: boolean;
}

/** Words for the robot's refusals; DingTalk's own text stays at the end for reference. */
function explain(error: DingTalkError): DingTalkError {
  const original = error.message;
  let words: string | undefined;
  if (error.code === "310000") {
    if (/sign/i.test(original)) words = "the signature did not match: check the robot's secret (SEC…)";
    else if (/timestamp/i.test(original)) words = "the signature's timestamp is more than an hour from DingTalk's clock: check this machine's clock";
    else if (/ip/i.test(original)) words = "this machine's IP address is not in the robot's allow-list";
    else if (/keyword/i.test(original)) words = "the message contains none of the robot's keywords";
    else words = "the robot's security settings refused the message";
    words = `The custom robot refused the message (security check): ${words}`;
  } else if (error.code === "130101") {
    words = "The custom robot is sending too fast: DingTalk allows 20 messages per minute per robot; wait a minute and send again";
  } else if (error.code === "300001") {
    words = "The webhook's access_token is not a robot DingTalk knows: the robot was removed or the URL is wrong";
  }
  return words ? error.with({ message: `${words} [DingTalk: ${original}]` }) : error;
}

/**
 * Sends messages through a custom robot's webhook (自定义机器人), signing each when a secret is set.
 * A send is never repeated: a failure after the request left reports `outcome: "unknown"`.
 */
export class CustomRobot {
  private readonly transport: Transport;
  private readonly path: string;
  private readonly query: Record<string, string>;
  private readonly now: () => number;

  constructor(private readonly options: CustomRobotOptions) {
    let url: URL;
    try {
      url = new URL(options.webhookUrl);
    } catch {
      throw new RangeError("webhookUrl is not a URL; copy the robot's webhook from its group settings");
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new RangeError("webhookUrl must be an http(s) URL");
    const token = url.searchParams.get("access_token");
    if (!token) throw new RangeError("webhookUrl has no access_token; copy the full webhook from the robot's settings");
    if (options.secret !== undefined && options.secret.trim() === "") throw new RangeError("secret must not be empty when given");
    this.path = url.pathname;
    this.query = Object.fromEntries(url.searchParams);
    this.now = options.now ?? Date.now;
    // The webhook's token authenticates; there is no app here.
    const config = parseTransportConfig({
      oapiBase: url.origin,
      timeoutMs: options.timeoutMs,
      retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      rateLimit: false,
    });
    const log = new DebugLog(options.logger ?? (options.debug ? consoleDebugLogger : undefined));
    this.transport = new Transport({ config, log, fetch: options.fetch ?? ((input, init) => fetch(input, init)) });
  }

  /** Sends one message; throws a RangeError for a malformed one before anything is sent. */
  async send(message: WebhookMessage): Promise<void> {
    const body = checkWebhookMessage(message);
    const query: Record<string, string> = { ...this.query };
    if (this.options.secret) {
      const timestamp = Math.round(this.now());
      query.timestamp = String(timestamp);
      // The transport url-encodes query values itself, so it gets the signature before encoding.
      query.sign = webhookSignature(this.options.secret, timestamp);
    }
    try {
      await this.transport.call({ host: "oapi", method: "POST", path: this.path, query, body, schema: z.object({}).loose(), idempotent: false, auth: "none" });
    } catch (error) {
      throw error instanceof DingTalkError ? explain(error) : error;
    }
  }
}
