import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import { OapiError } from "../http/errors";
import type { EmulatorState } from "../state";
import { messageLog } from "../messages/log";
import type { IdSource } from "./ids";
import { SlidingWindow } from "../limits/sliding-window";
import { signMatches } from "./webhook-signature";
import { webhookMessageContent, webhookMessageText, type WebhookMessage } from "./webhook-message";

export interface CustomRobotSecurity {
  keywords?: string[];
  /** True gives the robot a signing secret (加签). */
  secret?: boolean;
  /** Addresses or IPv4 ranges (`10.0.0.0/8`) allowed to send. */
  ips?: string[];
}

export interface CustomRobot {
  robotCode: string;
  name: string;
  accessToken: string;
  secret: string | null;
  keywords: string[];
  ips: string[];
  openConversationId: string | null;
}

export interface WebhookLimits {
  /** Messages one custom robot may send per minute (DingTalk: 20). */
  webhookPerMinute: number;
}

const MORE = "more: [https://open.dingtalk.com/document/robots/custom-robot-access]";
// DingTalk refuses a signed request whose timestamp is more than an hour away from its clock.
const TIMESTAMP_TOLERANCE_MS = 60 * 60_000;

/** The security-check refusals, each with the words DingTalk uses to say which check failed. */
export const webhookErrors = {
  badToken: () => new OapiError(300001, "token is not exist"),
  missingToken: () => new OapiError(300001, "access_token is empty"),
  invalidTimestamp: () => new OapiError(310000, `invalid timestamp, ${MORE}`),
  signMismatch: () => new OapiError(310000, `sign not match, ${MORE}`),
  ipNotAllowed: (ip: string) => new OapiError(310000, `ip ${ip} not in whitelist, ${MORE}`),
  keywordMissing: () => new OapiError(310000, `keywords not in content, ${MORE}`),
  tooFast: (limit: number) => new OapiError(130101, `send too fast, exceed ${limit} times per minute, ${MORE}`),
};

function ipv4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

/** Whether `ip` is one of the allowed addresses or inside one of the allowed IPv4 ranges. */
export function ipAllowed(ip: string, allowed: readonly string[]): boolean {
  const plain = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  return allowed.some((entry) => {
    const [base, bits] = entry.split("/");
    if (bits === undefined) return base === plain;
    if (isIP(plain) !== 4 || isIP(base) !== 4) return false;
    const prefix = Number(bits);
    const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
    return ((ipv4ToInt(plain) & mask) >>> 0) === ((ipv4ToInt(base) & mask) >>> 0);
  });
}

/** Custom robots (自定义机器人) and their webhook: security checks, the per-minute limit, delivery. */
export class CustomRobots {
  private readonly byToken = new Map<string, CustomRobot>();
  private readonly window = new SlidingWindow(60_000);

  constructor(
    private readonly state: EmulatorState,
    private readonly ids: IdSource,
    readonly limits: WebhookLimits,
  ) {}

  create(input: { name: string; security: CustomRobotSecurity; openConversationId?: string }): CustomRobot {
    const robot: CustomRobot = {
      robotCode: `custom_${this.ids.hex("custom-robot", 16)}`,
      name: input.name,
      accessToken: randomBytes(32).toString("hex"),
      secret: input.security.secret ? `SEC${randomBytes(32).toString("hex")}` : null,
      keywords: input.security.keywords ?? [],
      ips: input.security.ips ?? [],
      openConversationId: input.openConversationId ?? null,
    };
    this.byToken.set(robot.accessToken, robot);
    return robot;
  }

  byRobotCode(robotCode: string): CustomRobot | undefined {
    for (const robot of this.byToken.values()) if (robot.robotCode === robotCode) return robot;
    return undefined;
  }

  /** The token and signature checks, before the body is looked at. */
  authenticate(request: { accessToken: string | null; timestamp: string | null; sign: string | null; ip: string }): CustomRobot {
    if (!request.accessToken) throw webhookErrors.missingToken();
    const robot = this.byToken.get(request.accessToken);
    if (!robot) throw webhookErrors.badToken();
    if (robot.secret) {
      const { timestamp, sign } = request;
      if (!timestamp || !/^\d{10,}$/.test(timestamp) || Math.abs(this.state.clock.now() - Number(timestamp)) > TIMESTAMP_TOLERANCE_MS) {
        throw webhookErrors.invalidTimestamp();
      }
      if (!sign || !signMatches(robot.secret, timestamp, sign)) throw webhookErrors.signMismatch();
    }
    if (robot.ips.length > 0 && !ipAllowed(request.ip, robot.ips)) throw webhookErrors.ipNotAllowed(request.ip);
    return robot;
  }

  /** Checks keywords and the per-minute limit, then records the message as sent to `members` (the group's people). */
  deliver(robot: CustomRobot, message: WebhookMessage, members: readonly string[]): void {
    if (robot.keywords.length > 0) {
      const words = webhookMessageText(message);
      if (!robot.keywords.some((k) => words.includes(k))) throw webhookErrors.keywordMissing();
    }
    const now = this.state.clock.now();
    if (!this.window.take(robot.accessToken, now, this.limits.webhookPerMinute)) throw webhookErrors.tooFast(this.limits.webhookPerMinute);
    messageLog(this.state).record({
      channel: "custom-robot",
      at: now,
      robotCode: robot.robotCode,
      conversationId: robot.openConversationId ?? undefined,
      to: [...members],
      msgtype: message.msgtype,
      content: { ...(webhookMessageContent(message) as object), ...(message.at ? { at: message.at } : {}) },
    });
  }
}
