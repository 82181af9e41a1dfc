import { z } from "zod";
import { CallbackCryptoError, type CallbackEnvelope, type DingTalkCallbackCrypto } from "../../dingtalk/callback-crypto";
import type { Db } from "../../db/client";
import { acceptBotMessage, dispatchOrgEvent, looksLikeBotMessage, type OrgEventListener } from "./handlers";

export interface CallbackRequest {
  query: URLSearchParams;
  /** The parsed JSON body, or null when it was not JSON. */
  body: unknown;
}

export interface CallbackResult {
  status: number;
  body: CallbackEnvelope | { error: string };
}

export interface CallbackDeps {
  /** Null when DINGTALK_CALLBACK_TOKEN / DINGTALK_CALLBACK_AES_KEY are not set. */
  crypto: DingTalkCallbackCrypto | null;
  db: Db;
  eventListeners?: readonly OrgEventListener[];
}

const envelopeBody = z.object({ encrypt: z.string().min(1) });
const eventBody = z.object({ EventType: z.string().min(1) }).loose();

/**
 * The encrypted HTTP subscription (the pre-Stream way): verifies the signature before anything
 * else (401, nothing processed, when it does not match), answers `check_url`, stores a bot message
 * in the inbox like a Stream frame, hands an org event to the same listeners, and replies with the
 * encrypted `success` DingTalk expects.
 */
export async function handleDingTalkCallback(request: CallbackRequest, deps: CallbackDeps): Promise<CallbackResult> {
  if (!deps.crypto) {
    return { status: 503, body: { error: "the HTTP callback is not configured: set DINGTALK_CALLBACK_TOKEN and DINGTALK_CALLBACK_AES_KEY" } };
  }
  const signature = request.query.get("msg_signature") ?? request.query.get("signature");
  const timestamp = request.query.get("timestamp") ?? request.query.get("timeStamp");
  const nonce = request.query.get("nonce");
  const envelope = envelopeBody.safeParse(request.body);
  if (!signature || !timestamp || !nonce) return { status: 401, body: { error: "msg_signature, timestamp and nonce are required" } };
  if (!envelope.success) return { status: 400, body: { error: "the body must be JSON {\"encrypt\": \"…\"}" } };
  if (!deps.crypto.verify(signature, timestamp, nonce, envelope.data.encrypt)) {
    return { status: 401, body: { error: "msg_signature does not match: wrong token, or the request was altered" } };
  }

  let json: unknown;
  try {
    json = JSON.parse(deps.crypto.decrypt(envelope.data.encrypt));
  } catch (error) {
    const reason = error instanceof CallbackCryptoError ? error.message : "the decrypted message is not JSON";
    return { status: 400, body: { error: reason } };
  }

  if (looksLikeBotMessage(json)) {
    const accepted = await acceptBotMessage(deps.db, json);
    if (accepted.outcome === "invalid") return { status: 400, body: { error: `not a bot message: ${accepted.problem}` } };
    return { status: 200, body: deps.crypto.successReply() };
  }
  const event = eventBody.safeParse(json);
  if (!event.success) return { status: 400, body: { error: "the decrypted message has no EventType" } };
  const { EventType, ...data } = event.data;
  if (EventType !== "check_url") {
    await dispatchOrgEvent(deps.eventListeners ?? [], {
      eventType: EventType,
      corpId: typeof data.CorpId === "string" ? data.CorpId : typeof data.corpId === "string" ? data.corpId : undefined,
      data,
    });
  }
  return { status: 200, body: deps.crypto.successReply() };
}
