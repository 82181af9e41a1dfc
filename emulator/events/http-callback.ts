import { z } from "zod";
import { DingTalkCallbackCrypto, type CallbackEnvelope } from "../../lib/dingtalk/callback-crypto";
import { ApiError } from "../http/errors";
import { stateSlot } from "../state-slot";
import type { EmulatorState } from "../state";
import { eventBus, type OrgEvent } from "./bus";

export const callbackRegistration = z.object({
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }),
  token: z.string().min(1, "token is required"),
  aesKey: z.string().regex(/^[A-Za-z0-9+/]{43}$/, "aesKey must be 43 letters and digits"),
});
export type CallbackRegistration = z.infer<typeof callbackRegistration>;

export interface CallbackDelivery {
  eventType: string;
  eventId: string;
  at: number;
  ok: boolean;
  /** Why DingTalk would count the push as failed. */
  error?: string;
  /** The decrypted JSON that was sent. */
  body: Record<string, unknown>;
}

const replySchema = z.object({
  msg_signature: z.string(),
  timeStamp: z.union([z.string(), z.number()]).transform(String),
  nonce: z.string(),
  encrypt: z.string(),
});

// Org-change events reach an HTTP callback with PascalCase keys (`UserId`, `DeptId`); others keep theirs.
const PASCAL_CASE_EVENTS = /^(user_(add|modify|leave)_org|org_dept_(create|modify|remove)|org_admin_(add|remove))$/;

/** The JSON an HTTP callback receives for a bus event. */
export function callbackBody(event: OrgEvent): Record<string, unknown> {
  if (PASCAL_CASE_EVENTS.test(event.eventType)) {
    const body: Record<string, unknown> = { EventType: event.eventType, CorpId: event.corpId, TimeStamp: String(event.bornTime) };
    for (const [key, value] of Object.entries(event.data)) {
      if (key === "timeStamp") continue;
      body[key.charAt(0).toUpperCase() + key.slice(1)] = value;
    }
    return body;
  }
  return { EventType: event.eventType, corpId: event.corpId, ...event.data };
}

/**
 * One registered HTTP subscription: the `check_url` handshake, then every event POSTed encrypted
 * in the order it happened, each reply checked as DingTalk checks it.
 */
class HttpCallbackSubscription {
  readonly deliveries: CallbackDelivery[] = [];
  private queue: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private readonly crypto: DingTalkCallbackCrypto;

  constructor(
    private readonly state: EmulatorState,
    readonly registration: CallbackRegistration,
  ) {
    this.crypto = new DingTalkCallbackCrypto(registration.token, registration.aesKey, state.credentials.appKey);
  }

  /** Posts one event and checks the encrypted `success` reply; throws with the reason on failure. */
  private async post(body: Record<string, unknown>): Promise<void> {
    const envelope = this.crypto.encrypt(JSON.stringify(body), String(this.state.clock.now()));
    const url = new URL(this.registration.url);
    url.searchParams.set("msg_signature", envelope.msg_signature);
    url.searchParams.set("timestamp", envelope.timeStamp);
    url.searchParams.set("nonce", envelope.nonce);
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ encrypt: envelope.encrypt }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`callback answered HTTP ${response.status}`);
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error("callback reply is not JSON: it must be {msg_signature, timeStamp, nonce, encrypt}");
    }
    const reply = replySchema.safeParse(json);
    if (!reply.success) throw new Error("callback reply lacks msg_signature, timeStamp, nonce or encrypt");
    const r: CallbackEnvelope = reply.data;
    if (!this.crypto.verify(r.msg_signature, r.timeStamp, r.nonce, r.encrypt)) throw new Error("callback reply signature is wrong");
    const plain = this.crypto.decrypt(r.encrypt);
    if (plain !== "success") throw new Error(`callback reply decrypts to ${JSON.stringify(plain.slice(0, 40))}, not "success"`);
  }

  async checkUrl(): Promise<void> {
    try {
      await this.post({ EventType: "check_url" });
    } catch (error) {
      throw new ApiError(400, "callbackCheckFailed", `check_url 校验失败：${error instanceof Error ? error.message : String(error)}`);
    }
  }

  start(): void {
    this.unsubscribe = eventBus(this.state).subscribe((event) => {
      this.queue = this.queue.then(() => this.deliver(event));
    });
  }

  private async deliver(event: OrgEvent): Promise<void> {
    const body = callbackBody(event);
    const record: CallbackDelivery = { eventType: event.eventType, eventId: event.eventId, at: this.state.clock.now(), ok: true, body };
    try {
      await this.post(body);
    } catch (error) {
      record.ok = false;
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.deliveries.push(record);
    if (this.deliveries.length > 5_000) this.deliveries.splice(0, this.deliveries.length - 5_000);
  }

  /** Resolves once every event emitted so far has been posted. */
  idle(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

class HttpCallbacks {
  current: HttpCallbackSubscription | null = null;
}

// A reset forgets the subscription, so it stops posting.
const httpCallbacks = stateSlot(() => new HttpCallbacks(), { dispose: (slot) => slot.current?.stop() });

/** Replaces the app's HTTP subscription after a successful `check_url` handshake. */
export async function registerHttpCallback(state: EmulatorState, registration: CallbackRegistration): Promise<void> {
  const subscription = new HttpCallbackSubscription(state, registration);
  await subscription.checkUrl();
  const slot = httpCallbacks(state);
  slot.current?.stop();
  slot.current = subscription;
  subscription.start();
}

export function unregisterHttpCallback(state: EmulatorState): boolean {
  const slot = httpCallbacks(state);
  const had = slot.current !== null;
  slot.current?.stop();
  slot.current = null;
  return had;
}

/** What was pushed so far, after waiting for pushes still under way. */
export async function httpCallbackDeliveries(state: EmulatorState): Promise<{ url: string | null; deliveries: CallbackDelivery[] }> {
  const current = httpCallbacks(state).current;
  if (!current) return { url: null, deliveries: [] };
  await current.idle();
  return { url: current.registration.url, deliveries: current.deliveries };
}
