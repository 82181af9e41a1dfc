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
  /** The clock the timestamp window is measured against (milliseconds). */
  now?: () => number;
}

/**
 * The largest body read. DingTalk's envelope is {"encrypt": "<base64>"}: an org event or a bot
 * message of a few KB (a bot's text is at most about 5,000 characters, under 30 KB once encrypted
 * and base64-encoded). Anything larger is refused before it is read whole.
 */
export const CALLBACK_MAX_BODY_BYTES = 64 * 1024;

/**
 * How far the signed timestamp may be from our clock, either way. The signature covers the
 * timestamp, so a captured request stays valid as long as its timestamp is accepted; DingTalk's
 * own SDKs refuse callbacks older than an hour. An hour also covers DingTalk re-sending a push that
 * failed and clocks that drift, and a bot message repeated within it is stored once (its msgId).
 */
export const CALLBACK_TIMESTAMP_WINDOW_MS = 60 * 60 * 1000;

/** A signed timestamp as milliseconds: DingTalk sends milliseconds; seconds are read too. */
function timestampMs(raw: string): number | null {
  if (!/^\d{1,16}$/.test(raw)) return null;
  const n = Number(raw);
  return n < 100_000_000_000 ? n * 1000 : n;
}

export type CappedBody = { ok: true; body: unknown } | { ok: false; status: 413; error: string };

/**
 * The request's JSON body (null when it is not JSON), read only up to `maxBytes`: a declared
 * Content-Length over the cap is refused without reading, and a body that grows past it while
 * arriving is cut off there.
 */
export async function readCappedJson(request: Request, maxBytes = CALLBACK_MAX_BODY_BYTES): Promise<CappedBody> {
  const tooLarge = { ok: false as const, status: 413 as const, error: `the body is larger than ${maxBytes} bytes` };
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge;
  if (!request.body) return { ok: true, body: null };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: true, body: null };
  }
}

/** The route's whole answer: the body read under the cap, then `handleDingTalkCallback`. */
export async function answerCallbackRequest(request: Request, deps: CallbackDeps): Promise<Response> {
  const read = await readCappedJson(request);
  if (!read.ok) return Response.json({ error: read.error }, { status: read.status });
  const result = await handleDingTalkCallback({ query: new URL(request.url).searchParams, body: read.body }, deps);
  return Response.json(result.body, { status: result.status });
}

const envelopeBody = z.object({ encrypt: z.string().min(1) });
const eventBody = z.object({ EventType: z.string().min(1) }).loose();

/**
 * The encrypted HTTP subscription (the pre-Stream way): verifies the signature and the timestamp's
 * window before anything else (401, nothing processed, when either fails), answers `check_url`, stores a bot message
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
  const signedAt = timestampMs(timestamp);
  const now = (deps.now ?? Date.now)();
  if (signedAt === null || Math.abs(now - signedAt) > CALLBACK_TIMESTAMP_WINDOW_MS) {
    return { status: 401, body: { error: "timestamp is more than an hour from now: a callback is accepted only within an hour of being signed" } };
  }
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
