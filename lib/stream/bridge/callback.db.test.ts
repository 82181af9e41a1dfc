import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { callbackSignature, DingTalkCallbackCrypto } from "../../dingtalk/callback-crypto";
import { describeEachDatabase } from "../../db/testing/databases";
import { EmulatorControl } from "../../../emulator/control-client";
import { StreamControl } from "../../../emulator/control/stream-client";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { handleDingTalkCallback } from "./callback";
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
    // The handler behind a plain HTTP server, as the route serves it.
    server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      req.on("end", () => {
        let body: unknown = null;
        try {
          body = JSON.parse(raw);
        } catch {
          body = null;
        }
        void handleDingTalkCallback({ query: new URL(req.url ?? "/", "http://x").searchParams, body }, { crypto, db: db(), eventListeners: [(e) => void events.push(e)] }).then((result) => {
          res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
        });
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
});
