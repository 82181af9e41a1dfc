import { botMessageSchema, type BotMessage } from "../../dingtalk/stream";
import type { Db } from "../../db/client";
import { storeInboxMessage } from "./inbox";

/**
 * What a bot message or an org event does on arrival, whichever way it came (a Stream frame or
 * the encrypted HTTP callback): the message is stored in the inbox, the event handed to listeners.
 */

export type AcceptOutcome = { outcome: "stored"; message: BotMessage } | { outcome: "duplicate"; message: BotMessage } | { outcome: "invalid"; problem: string };

/**
 * Stores a bot message by msgId; "duplicate" for a msgId already there (a redelivery), "invalid"
 * for data that is no bot message. A bridge stores through its worker (`store`), which claims it too.
 */
export async function acceptBotMessage(
  db: Db, data: unknown, receivedAt = new Date(),
  store: (message: BotMessage) => Promise<"stored" | "duplicate"> = (message) => storeInboxMessage(db, message, receivedAt),
): Promise<AcceptOutcome> {
  const parsed = botMessageSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { outcome: "invalid", problem: `${issue?.path.join(".") || "message"}: ${issue?.message ?? "not a bot message"}` };
  }
  const outcome = await store(parsed.data);
  return { outcome, message: parsed.data };
}

/** An org event (user_add_org, org_dept_modify, bpms_task_change, …), from either transport. */
export interface OrgEvent {
  eventType: string;
  eventId?: string;
  corpId?: string;
  bornTime?: number;
  data: unknown;
}

export type OrgEventListener = (event: OrgEvent) => Promise<void> | void;

/** Hands an event to every listener; a listener's failure fails the delivery (DingTalk pushes it again). */
export async function dispatchOrgEvent(listeners: readonly OrgEventListener[], event: OrgEvent): Promise<void> {
  for (const listener of listeners) await listener(event);
}

/** True when decrypted callback JSON is a bot message rather than an event. */
export function looksLikeBotMessage(json: unknown): boolean {
  return typeof json === "object" && json !== null && "msgId" in json && "conversationId" in json && "sessionWebhook" in json;
}
