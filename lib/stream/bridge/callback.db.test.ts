import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { callbackSignature, DingTalkCallbackCrypto } from "../../dingtalk/callback-crypto";
import { describeEachDatabase } from "../../db/testing/databases";
import { EmulatorControl } from "../../../emulator/control-client";
import { StreamControl } from "../../../emulator/control/stream-client";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { answerCallbackRequest, CALLBACK_MAX_BODY_BYTES, CALLBACK_TIMESTAMP_WINDOW_MS, handleDingTalkCallback, readCappedJson } from "./callback";
import type { OrgEvent } from "./handlers";
import { waitFor } from "./testing";

const TOKEN = "callback-token";
const AES_KEY = "a".repeat(43);

let emu: RunningEmulator;
let stream: StreamControl;

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 20, qps: 0 });
  stream = new StreamControl(emu.url, emu.controlToken);
});

afterAll(async () => {
  await emu.close();
});

describeEachDatabase("the HTTP callback handler", ({ db }) => {
  const events: OrgEvent[] = [];
  let server: Server;
  let url: string;
  let crypto: DingTalkCallbackCrypto;

  beforeAll(async () => {
    crypto = new DingTalkCallbackCrypto(TOKEN, AES_KEY, emu.appKey);
    // The route's own answer behind a plain HTTP server, the request handed over as it arrives.
    server = createServer((req, res) => {
      const headers = new Headers();
      for (const name of ["content-type", "content-length"]) if (typeof req.headers[name] === "string") headers.set(name, req.headers[name]);
      const request = new Request(new URL(req.url ?? "/", "http://127.0.0.1"), { method: "POST", headers, body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } as RequestInit);
      void answerCallbackRequest(request, { crypto, db: db(), eventListeners: [(e) => void events.push(e)] }).then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/dingtalk/callback`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(async () => {
    await new EmulatorControl(emu.url, emu.controlToken).reset();
    events.length = 0;
    await db().botInboxMessage.deleteMany();
  });

  it("answers check_url and processes signed events the emulator posts", async () => {
    // Registration succeeds only when our reply to check_url decrypts to "success" under a valid signature.
    await stream.registerCallback({ url, token: TOKEN, aesKey: AES_KEY });
    const added = await stream.addUser({ name: "回调测试", mobile: "13900001111", deptIdList: [1] });
    await waitFor(() => events.find((e) => e.eventType === "user_add_org"), "the user_add_org event");
    expect(JSON.stringify(events[0].data)).toContain(added.userId);
    const { deliveries } = await stream.callbackDeliveries();
    expect(deliveries.every((d) => d.ok)).toBe(true);
    expect(events.some((e) => e.eventType === "check_url")).toBe(false);
  });

  it("stores a signed bot message in the inbox, once", async () => {
    const message = {
      msgId: "msgCallback1", msgtype: "text", text: { content: "经回调" }, conversationId: "cidX==", conversationType: "1", senderId: "$:s", senderStaffId: "u1",
      senderNick: "张三", chatbotUserId: "$:b", sessionWebhook: "http://127.0.0.1:1/x", sessionWebhookExpiredTime: Date.now() + 60_000, createAt: Date.now(),
    };
    const post = async () => {
      const envelope = crypto.encrypt(JSON.stringify(message));
      const query = new URLSearchParams({ msg_signature: envelope.msg_signature, timestamp: envelope.timeStamp, nonce: envelope.nonce });
      return handleDingTalkCallback({ query, body: { encrypt: envelope.encrypt } }, { crypto, db: db() });
    };
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect(await db().botInboxMessage.findMany({ select: { msgId: true, status: true } })).toEqual([{ msgId: "msgCallback1", status: "pending" }]);
  });

  it("refuses a bad signature with 401 and processes nothing", async () => {
    const envelope = crypto.encrypt(JSON.stringify({ EventType: "user_leave_org", UserId: ["u1"] }));
    const forged = callbackSignature("another-token", envelope.timeStamp, envelope.nonce, envelope.encrypt);
    const response = await fetch(`${url}?msg_signature=${forged}&timestamp=${envelope.timeStamp}&nonce=${envelope.nonce}`, {
      method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ encrypt: envelope.encrypt }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: expect.stringContaining("msg_signature") });
    const botMessage = crypto.encrypt(JSON.stringify({ msgId: "m", conversationId: "c", sessionWebhook: "w" }));
    const unsigned = await handleDingTalkCallback({ query: new URLSearchParams({ msg_signature: "0".repeat(40), timestamp: "1", nonce: "n" }), body: { encrypt: botMessage.encrypt } }, { crypto, db: db() });
    expect(unsigned.status).toBe(401);
    expect(events).toEqual([]);
    expect(await db().botInboxMessage.count()).toBe(0);
    const unconfigured = await handleDingTalkCallback({ query: new URLSearchParams(), body: null }, { crypto: null, db: db() });
    expect(unconfigured).toMatchObject({ status: 503, body: { error: expect.stringContaining("DINGTALK_CALLBACK_TOKEN") } });
  });

  it("refuses a body over the cap with 413 before reading it whole, declared or streamed", async () => {
    const envelope = crypto.encrypt(JSON.stringify({ EventType: "user_leave_org", UserId: ["u1"] }));
    const query = `msg_signature=${envelope.msg_signature}&timestamp=${envelope.timeStamp}&nonce=${envelope.nonce}`;
    // Declared too large (Content-Length), over real HTTP.
    const padded = JSON.stringify({ encrypt: envelope.encrypt, pad: "x".repeat(CALLBACK_MAX_BODY_BYTES) });
    const declared = await fetch(`${url}?${query}`, { method: "POST", headers: { "content-type": "application/json" }, body: padded });
    expect(declared.status).toBe(413);
    // Streamed without a length and never ending: reading stops at the cap.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024;
        controller.enqueue(new Uint8Array(1024).fill(0x20));
      },
    });
    const streamed = await readCappedJson(new Request(`http://x/?${query}`, { method: "POST", body: endless, duplex: "half" } as RequestInit));
    expect(streamed).toMatchObject({ ok: false, status: 413 });
    expect(pulled).toBeLessThanOrEqual(CALLBACK_MAX_BODY_BYTES + 2 * 1024);
    // Just under the cap is read.
    const fits = await readCappedJson(new Request("http://x/", { method: "POST", body: JSON.stringify({ encrypt: "a".repeat(CALLBACK_MAX_BODY_BYTES - 20) }) }));
    expect(fits.ok).toBe(true);
    expect(events).toEqual([]);
  });

  it("refuses a signed callback whose timestamp is more than an hour away, so a captured one cannot be replayed", async () => {
    const now = Date.parse("2026-11-21T08:00:00Z");
    const at = (offsetMs: number) => {
      const envelope = crypto.encrypt(JSON.stringify({ EventType: "user_leave_org", UserId: ["u1"] }), String(now + offsetMs));
      const query = new URLSearchParams({ msg_signature: envelope.msg_signature, timestamp: envelope.timeStamp, nonce: envelope.nonce });
      return handleDingTalkCallback({ query, body: { encrypt: envelope.encrypt } }, { crypto, db: db(), eventListeners: [(e) => void events.push(e)], now: () => now });
    };
    const replayed = await at(-CALLBACK_TIMESTAMP_WINDOW_MS - 1000);
    expect(replayed).toMatchObject({ status: 401, body: { error: expect.stringContaining("timestamp") } });
    expect((await at(CALLBACK_TIMESTAMP_WINDOW_MS + 1000)).status).toBe(401);
    expect(events).toEqual([]);
    // Within the window, either way (a retry, a clock a little ahead): processed.
    expect((await at(-CALLBACK_TIMESTAMP_WINDOW_MS + 60_000)).status).toBe(200);
    expect((await at(5 * 60_000)).status).toBe(200);
    expect(events).toHaveLength(2);
    // Seconds are read as seconds.
    const inSeconds = crypto.encrypt(JSON.stringify({ EventType: "check_url" }), String(Math.floor(now / 1000)));
    const secondsQuery = new URLSearchParams({ msg_signature: inSeconds.msg_signature, timestamp: inSeconds.timeStamp, nonce: inSeconds.nonce });
    expect((await handleDingTalkCallback({ query: secondsQuery, body: { encrypt: inSeconds.encrypt } }, { crypto, db: db(), now: () => now })).status).toBe(200);
  });
});
