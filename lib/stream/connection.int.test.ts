import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { createDingTalkClient, type DingTalkClient } from "../dingtalk";
import { BOT_MESSAGE_TOPIC, botMessageSchema, streamUrl, type Stream, type StreamTicket } from "../dingtalk/stream";
import { StreamControl } from "../../emulator/control/stream-client";
import { EmulatorControl } from "../../emulator/control-client";
import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { StreamConnection, type StreamCallbackMessage, type StreamEventMessage } from "./connection";

let emu: RunningEmulator;
let control: EmulatorControl;
let stream: StreamControl;
let client: DingTalkClient;
const open: StreamConnection[] = [];

async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 5_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The client's stream module, remembering every ticket it was given. */
function recordingStream(tickets: StreamTicket[]): Pick<Stream, "openConnection"> {
  return {
    async openConnection(options) {
      const ticket = await client.stream.openConnection(options);
      tickets.push(ticket);
      return ticket;
    },
  };
}

function connection(options: Partial<ConstructorParameters<typeof StreamConnection>[0]> = {}): StreamConnection {
  const c = new StreamConnection({ stream: client.stream, reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, ...options });
  open.push(c);
  return c;
}

async function firstUser(): Promise<{ userId: string; name: string }> {
  return (await control.users({ limit: 1 })).users[0];
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 40 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  stream = new StreamControl(emu.url, emu.controlToken);
  client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await control.reset();
});

afterAll(async () => {
  await emu.close();
});

describe("Stream mode against the emulator", () => {
  it("opens a connection, receives a bot message, acknowledges it and replies through the sessionWebhook", async () => {
    const received: StreamCallbackMessage[] = [];
    const c = connection().onCallback(BOT_MESSAGE_TOPIC, async (callback) => {
      received.push(callback);
      const message = botMessageSchema.parse(callback.data);
      const reply = await fetch(message.sessionWebhook, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ msgtype: "text", text: { content: `收到：${message.text?.content}` } }),
      });
      expect(await reply.json()).toMatchObject({ errcode: 0 });
      return { ok: true };
    });
    await c.start();
    expect(c.state).toBe("connected");

    const user = await firstUser();
    const sent = await stream.writeToBot({ fromUserId: user.userId, text: "你好", conversationType: "1" });
    await waitFor(() => received.length === 1, "the bot message");

    const message = botMessageSchema.parse(received[0].data);
    expect(message).toMatchObject({
      msgId: sent.msgId, msgtype: "text", text: { content: "你好" }, conversationType: "1", senderStaffId: user.userId,
      senderNick: user.name, robotCode: emu.appKey, senderCorpId: emu.corpId, isInAtList: true,
    });
    expect(message.senderId).toMatch(/^\$:LWCP_v1:\$/);
    expect(message.sessionWebhookExpiredTime).toBeGreaterThan(message.createAt);
    expect(received[0].headers).toMatchObject({ topic: BOT_MESSAGE_TOPIC, contentType: "application/json" });

    const frame = await waitFor(async () => (await stream.frames({ messageId: received[0].messageId }))[0]?.acks[0] ? (await stream.frames({ messageId: received[0].messageId }))[0] : null, "the acknowledgement");
    expect(frame.state).toBe("acknowledged");
    expect(frame.acks[0]).toMatchObject({ status: "RESPONSE", data: { response: { ok: true } } });

    const replies = await stream.replies(sent.conversationId);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ channel: "robot.session-webhook", msgtype: "text", content: { content: "收到：你好" }, to: [user.userId] });
  });

  it("pushes a frame left unacknowledged again after the timeout", async () => {
    await stream.configure({ redeliveryMs: 200 });
    const seen: string[] = [];
    const c = connection().onCallback(BOT_MESSAGE_TOPIC, (callback) => {
      seen.push(callback.messageId);
      // The first push "crashes" before answering; the second is handled.
      if (seen.length === 1) throw new Error("handler crashed");
      return null;
    });
    await c.start();
    await stream.writeToBot({ fromUserId: (await firstUser()).userId, text: "again?", conversationType: "1" });
    await waitFor(() => seen.length >= 2, "the second push");
    expect(seen[0]).toBe(seen[1]);
    const frame = await waitFor(async () => (await stream.frames({ messageId: seen[0] })).find((f) => f.state === "acknowledged"), "the ack");
    expect(frame.deliveries).toHaveLength(2);
  });

  it("redelivers an event answered LATER and stops once answered SUCCESS", async () => {
    await stream.configure({ redeliveryMs: 150 });
    let calls = 0;
    const c = connection().onEvent("bpms_task_change", () => (++calls === 1 ? "LATER" : "SUCCESS"));
    await c.start();
    await stream.emitEvent("bpms_task_change", { processInstanceId: "p1", type: "start" });
    await waitFor(() => calls >= 2, "the second push");
    const frame = await waitFor(async () => (await stream.frames({ topic: "bpms_task_change" })).find((f) => f.state === "acknowledged"), "SUCCESS");
    expect(frame.acks.map((a) => a.status)).toEqual(["LATER", "SUCCESS"]);
    await new Promise((r) => setTimeout(r, 400));
    expect(calls).toBe(2);
  });

  it("reconnects with a new ticket after a dropped socket, and a used ticket is refused", async () => {
    const tickets: StreamTicket[] = [];
    let connects = 0;
    const c = connection({ stream: recordingStream(tickets) });
    c.on("connected", () => connects++);
    await c.start();
    expect(await stream.drop()).toBe(1);
    await waitFor(() => connects === 2, "the reconnection");
    expect(tickets).toHaveLength(2);
    expect(tickets[1].ticket).not.toBe(tickets[0].ticket);
    expect(await stream.connections()).toHaveLength(1);

    const status = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(streamUrl(tickets[0]));
      ws.on("unexpected-response", (_req, res) => {
        resolve(res.statusCode ?? 0);
        ws.terminate();
      });
      ws.on("open", () => reject(new Error("a used ticket was accepted")));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(401);
  });

  it("refuses an expired ticket and a wrong secret", async () => {
    const ticket = await client.stream.openConnection();
    await control.advanceClock(600);
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(streamUrl(ticket));
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => resolve(101));
      ws.on("error", () => undefined);
    });
    expect(status).toBe(401);

    const wrong = createDingTalkClient({ appKey: emu.appKey, appSecret: "not-the-secret", oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url });
    await expect(wrong.stream.openConnection()).rejects.toMatchObject({ code: "invalidClientIdOrSecret" });
    await expect(new StreamConnection({ stream: wrong.stream }).start()).rejects.toMatchObject({ code: "invalidClientIdOrSecret" });
  });

  it("shares the frames between two connections of one app", async () => {
    const got: Record<string, number> = { a: 0, b: 0 };
    const a = connection().onCallback(BOT_MESSAGE_TOPIC, () => void got.a++);
    const b = connection().onCallback(BOT_MESSAGE_TOPIC, () => void got.b++);
    await a.start();
    await b.start();
    const user = await firstUser();
    for (let i = 0; i < 6; i++) await stream.writeToBot({ fromUserId: user.userId, text: `m${i}`, conversationType: "1" });
    await waitFor(() => got.a + got.b === 6, "six messages");
    expect(got).toEqual({ a: 3, b: 3 });
  });

  it("delivers org-change events with DingTalk's headers", async () => {
    const events: StreamEventMessage[] = [];
    const c = connection().onEvent("*", (event) => {
      events.push(event);
      return "SUCCESS";
    });
    await c.start();
    const deptId = await stream.addDepartment({ name: "新业务部", parentId: 1 });
    const added = await stream.addUser({ name: "王小明", mobile: "13900000001", deptIdList: [deptId] });
    await stream.modifyUser(added.userId, { title: "工程师" });
    await stream.removeUser(added.userId);
    await stream.removeDepartment(deptId);
    await waitFor(() => events.length === 5, "five events");

    expect(events.map((e) => e.eventType)).toEqual(["org_dept_create", "user_add_org", "user_modify_org", "user_leave_org", "org_dept_remove"]);
    const userAdd = events[1];
    expect(userAdd.topic).toBe("user_add_org");
    expect(userAdd.data).toMatchObject({ userId: [added.userId] });
    expect(events[0].data).toMatchObject({ deptId: [deptId] });
    expect(userAdd.eventCorpId).toBe(emu.corpId);
    expect(userAdd.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(userAdd.eventBornTime).toBeGreaterThan(0);
    expect(userAdd.headers).toMatchObject({ contentType: "application/json", connectionId: c.connectionId });
    expect(userAdd.headers.appId).toBeTruthy();
    expect(Number(userAdd.headers.time)).toBeGreaterThan(0);
  });

  it("answers a ping with its data and reconnects at once on SYSTEM disconnect", async () => {
    await stream.configure({ disconnectGraceMs: 5_000 });
    const tickets: StreamTicket[] = [];
    let connects = 0;
    const c = connection({ stream: recordingStream(tickets), reconnect: { initialDelayMs: 5_000, maxDelayMs: 5_000 } });
    c.on("connected", () => connects++);
    await c.start();
    expect(await stream.ping()).toBe(1);
    await waitFor(async () => (await stream.connections())[0]?.pongs === 1, "the pong");

    const before = (await stream.connections())[0].connectionId;
    expect(await stream.disconnect()).toBe(1);
    // Well before both the grace period and the backoff: the client reconnects on its own.
    await waitFor(() => connects === 2, "the reconnection", 2_000);
    const after = await waitFor(async () => {
      const list = await stream.connections();
      return list.length === 1 ? list : null;
    }, "the old socket to close", 2_000);
    expect(after[0].connectionId).not.toBe(before);
    expect(tickets).toHaveLength(2);
  });

  it("refuses a reply through an expired sessionWebhook", async () => {
    const sent = await stream.writeToBot({ fromUserId: (await firstUser()).userId, text: "later", conversationType: "2", atBot: true });
    const post = () =>
      fetch(sent.sessionWebhook, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ msgtype: "markdown", markdown: { title: "t", text: "**ok**" } }),
      }).then((r) => r.json() as Promise<{ errcode: number; errmsg: string }>);
    expect((await post()).errcode).toBe(0);
    await control.advanceClock(91 * 60);
    const refused = await post();
    expect(refused.errcode).toBe(300001);
    expect(refused.errmsg).toMatch(/过期/);
    expect(await stream.replies(sent.conversationId)).toHaveLength(1);
  });
});
