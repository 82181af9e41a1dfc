import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { createDingTalkClient, type DingTalkClient } from "../../dingtalk";
import { describeEachDatabase } from "../../db/testing/databases";
import type { Db } from "../../db/client";
import { EmulatorControl } from "../../../emulator/control-client";
import { StreamControl, type LoggedMessage } from "../../../emulator/control/stream-client";
import { MessagingControl } from "../../../emulator/control/messaging-client";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { startBridge, type RunningBridge } from "./bridge";
import { acceptBotMessage } from "./handlers";
import { setGroupPolicy } from "./group-policy";
import { listBridgeInstances } from "./live-state";
import { getSession, listSessions } from "./memory";
import { createBuiltinResponder } from "./responders/builtin";
import { createOpenAiResponder } from "./responders/openai";
import { routeResponders } from "./responders/select";
import type { Responder } from "./responders/types";
import { startFakeModel, waitFor, type FakeModel } from "./testing";
import type { BridgeSettingsInput } from "./config";
import { botMessageSchema } from "../../dingtalk/stream";

let emu: RunningEmulator;
let control: EmulatorControl;
let stream: StreamControl;
let client: DingTalkClient;
let users: { userId: string; name: string }[];
let model: FakeModel;
const running: RunningBridge[] = [];

const FAST: BridgeSettingsInput = { pollIntervalMs: 50, staleClaimMs: 1_000, heartbeatMs: 200 };

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 60, qps: 0 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  stream = new StreamControl(emu.url, emu.controlToken);
  client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url });
  users = (await control.users({ limit: 20 })).users;
  model = await startFakeModel("sk-test");
});

afterAll(async () => {
  await model.close();
  await emu.close();
});

const builtin = () => createBuiltinResponder(client);
const withModel = () => routeResponders(builtin(), createOpenAiResponder({ baseUrl: model.url, apiKey: "sk-test", model: "fake-1" }));

async function bridge(db: Db, responder: Responder = builtin(), settings: BridgeSettingsInput = {}): Promise<RunningBridge> {
  const b = await startBridge({ db, client, responder, settings: { ...FAST, ...settings }, connection: { reconnect: { initialDelayMs: 20, maxDelayMs: 100 } } });
  running.push(b);
  return b;
}

/** Replies through any channel whose content mentions `marker`. */
async function repliesMentioning(marker: string): Promise<LoggedMessage[]> {
  const all = await stream.replies();
  return all.filter((m) => JSON.stringify(m.content).includes(marker));
}

async function allAnswered(db: Db, count: number): Promise<boolean> {
  const done = await db.botInboxMessage.count({ where: { status: { in: ["answered", "ignored", "failed"] } } });
  return done >= count;
}

/**
 * The database, with storing an inbox message taking `ms` longer (as under load): the frame's
 * acknowledgement is late, so the gateway pushes it again meanwhile.
 */
/** `db` whose inbox writes (the INSERT that stores bot messages) take `ms` longer. */
function slowInbox(db: Db, ms: number): Db {
  const storing = (query: unknown) => /INSERT INTO "BotInboxMessage"/.test(String((query as { sql?: unknown } | null)?.sql ?? ""));
  return new Proxy(db, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== "function") return value;
      if (key !== "$queryRaw") return value.bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (storing(args[0])) await new Promise((r) => setTimeout(r, ms));
        return result;
      };
    },
  });
}

describeEachDatabase("Stream bot bridge", ({ db }) => {
  beforeEach(async () => {
    await control.reset();
    await stream.configure({ pingIntervalMs: 0 });
    model.requests.length = 0;
    const d = db();
    await d.botTurn.deleteMany();
    await d.botSession.deleteMany();
    await d.botInboxMessage.deleteMany();
    await d.botGroupPolicy.deleteMany();
    await d.bridgeInstance.deleteMany();
  });

  afterEach(async () => {
    await Promise.all(running.splice(0).map((b) => b.stop()));
  });

  it("answers each message exactly once, recognising redelivered frames and repeated msgIds", async () => {
    // Pushed again 10 ms after a delivery left unacknowledged, while storing takes 40 ms: frames arrive more than once.
    await stream.configure({ redeliveryMs: 10, maxDeliveries: 4 });
    const b = await bridge(slowInbox(db(), 40));
    const sent = [];
    for (let i = 0; i < 12; i++) sent.push(await stream.writeToBot({ fromUserId: users[i % 4].userId, text: `once-${i}` }));
    await waitFor(() => allAnswered(db(), 12), "every message answered");
    await b.worker.idle();

    const frames = await stream.frames({ topic: "/v1.0/im/bot/messages/get" });
    expect(frames.reduce((n, f) => n + f.deliveries.length, 0)).toBeGreaterThan(12);
    for (let i = 0; i < 12; i++) expect(await repliesMentioning(`「once-${i}」`)).toHaveLength(1);

    // The same msgId once more (a new frame, or the HTTP callback): recognised, not answered again.
    const inbox = await db().botInboxMessage.findUniqueOrThrow({ where: { msgId: sent[0].msgId } });
    expect(await acceptBotMessage(db(), JSON.parse(inbox.payload))).toMatchObject({ outcome: "duplicate" });
    await new Promise((r) => setTimeout(r, 200));
    expect(await repliesMentioning("「once-0」")).toHaveLength(1);
    expect(await db().botInboxMessage.count()).toBe(12);
  });

  it("never answers a message twice with two bridges on one database", async () => {
    await stream.configure({ redeliveryMs: 10, maxDeliveries: 4 });
    const first = await bridge(slowInbox(db(), 25));
    const second = await bridge(slowInbox(db(), 25));
    const answered = new Map<string, number>();
    const count = 40;
    for (let i = 0; i < count; i++) await stream.writeToBot({ fromUserId: users[i % 10].userId, text: `two-${i}` });
    await waitFor(() => allAnswered(db(), count), "every message answered");
    await Promise.all([first.worker.idle(), second.worker.idle()]);
    for (let i = 0; i < count; i++) answered.set(`two-${i}`, (await repliesMentioning(`「two-${i}」`)).length);
    expect([...answered.values()].every((n) => n === 1)).toBe(true);
    const byBridge = await db().botInboxMessage.groupBy({ by: ["claimedBy"], _count: { _all: true } });
    // Both took part: the gateway spreads frames over both connections.
    expect(byBridge.map((g) => g.claimedBy).sort()).toEqual([first.id, second.id].sort());
    // Some frame was pushed to both bridges: the duplicate really crossed bridges.
    const frames = await stream.frames({ topic: "/v1.0/im/bot/messages/get" });
    expect(frames.some((f) => new Set(f.deliveries.map((d) => d.connectionId)).size > 1)).toBe(true);
  });

  it("keeps one person's messages in order when more arrive than the bridge has room for", async () => {
    // Room for 4 claimed messages: the rest of the burst is stored unclaimed and found by the poll.
    await bridge(db(), builtin(), { concurrency: 1, historyTurns: 100, historyBytes: 100_000 });
    const person = users[5];
    const texts = Array.from({ length: 14 }, (_, i) => `order-${String(i).padStart(2, "0")}`);
    await Promise.all(texts.map((text) => stream.writeToBot({ fromUserId: person.userId, text })));
    await waitFor(() => allAnswered(db(), texts.length), "the burst answered", 20_000);
    const session = await getSession(db(), `dingtalk_private_${person.userId}`);
    const asked = session!.turns.filter((t) => t.role === "user").map((t) => t.content);
    // The gateway delivers in the order it was written to; the session must hold that order.
    const frames = await stream.frames({ topic: "/v1.0/im/bot/messages/get" });
    const delivered = frames.map((f) => (JSON.parse(f.data) as { text: { content: string } }).text.content).filter((t) => t.startsWith("order-"));
    expect(asked.join(" ")).toBe(delivered.join(" "));
    expect(asked).toHaveLength(texts.length);
  });

  it("keeps person A's history out of person B's context, in private chats and isolated groups", async () => {
    await bridge(db(), withModel());
    const [a, b] = users;
    await stream.writeToBot({ fromUserId: a.userId, text: "A的秘密是紫色长颈鹿" });
    await waitFor(() => model.requests.length === 1, "A's first request");
    await stream.writeToBot({ fromUserId: b.userId, text: "B在问天气" });
    await waitFor(() => model.requests.length === 2, "B's request");
    await stream.writeToBot({ fromUserId: a.userId, text: "我的秘密是什么" });
    await waitFor(() => model.requests.length === 3, "A's second request");
    expect(JSON.stringify(model.requests[1])).not.toContain("紫色长颈鹿");
    expect(JSON.stringify(model.requests[2])).toContain("紫色长颈鹿");
    expect(JSON.stringify(model.requests[2])).not.toContain("B在问天气");

    // The same two people in one group (isolated by default): still apart.
    const group = { conversationType: "2" as const, conversationId: "cidTestGroupIsolated==", conversationTitle: "测试群" };
    await stream.writeToBot({ fromUserId: a.userId, text: "群里A说口令是青龙", ...group });
    await waitFor(() => model.requests.length === 4, "A's group request");
    await stream.writeToBot({ fromUserId: b.userId, text: "群里B提问", ...group });
    await waitFor(() => model.requests.length === 5, "B's group request");
    expect(JSON.stringify(model.requests[4])).not.toContain("青龙");
    expect(JSON.stringify(model.requests[3])).not.toContain("紫色长颈鹿");

    await waitFor(() => allAnswered(db(), 5), "all answered");
    const sessions = (await listSessions(db())).rows.map((s) => s.id).sort();
    expect(sessions).toEqual([
      `dingtalk_group_${group.conversationId}_${a.userId}`, `dingtalk_group_${group.conversationId}_${b.userId}`,
      `dingtalk_private_${a.userId}`, `dingtalk_private_${b.userId}`,
    ].sort());
    const privateA = await getSession(db(), `dingtalk_private_${a.userId}`);
    expect(privateA?.turns.map((t) => t.content)).toEqual(["A的秘密是紫色长颈鹿", "AI: A的秘密是紫色长颈鹿", "我的秘密是什么", "AI: 我的秘密是什么"]);
    expect(privateA?.sizeBytes).toBe(privateA!.turns.reduce((n, t) => n + Buffer.byteLength(t.content), 0));
  });

  it("shares one context in a group an admin switched to shared", async () => {
    const group = { conversationType: "2" as const, conversationId: "cidTestGroupShared==", conversationTitle: "共享群" };
    await setGroupPolicy(db(), { conversationId: group.conversationId, mode: "shared", updatedBy: "admin" });
    await bridge(db(), withModel());
    const [a, b] = users;
    await stream.writeToBot({ fromUserId: a.userId, text: "会议改到周五", ...group });
    await waitFor(() => model.requests.length === 1, "A's request");
    await stream.writeToBot({ fromUserId: b.userId, text: "会议是哪天", ...group });
    await waitFor(() => model.requests.length === 2, "B's request");
    expect(JSON.stringify(model.requests[1])).toContain(`${a.name}：会议改到周五`);
    await waitFor(() => allAnswered(db(), 2), "both answered");
    const sessions = (await listSessions(db(), { kind: "group" })).rows;
    expect(sessions.map((s) => s.id)).toEqual([`dingtalk_group_${group.conversationId}`]);
    expect(sessions[0]).toMatchObject({ userId: null, messageCount: 4 });
  });

  it("answers in a group only when @-mentioned, unless the group says otherwise", async () => {
    await bridge(db());
    const group = { conversationType: "2" as const, conversationId: "cidTestGroupMention==" };
    const unmentioned = await stream.writeToBot({ fromUserId: users[0].userId, text: "随便聊聊", atBot: false, ...group });
    const mentioned = await stream.writeToBot({ fromUserId: users[0].userId, text: "叫你呢", ...group });
    await waitFor(() => allAnswered(db(), 2), "both handled");
    expect(await db().botInboxMessage.findUnique({ where: { msgId: unmentioned.msgId } })).toMatchObject({ status: "ignored" });
    expect(await db().botInboxMessage.findUnique({ where: { msgId: mentioned.msgId } })).toMatchObject({ status: "answered" });
    expect(await repliesMentioning("随便聊聊")).toHaveLength(0);
    expect(await repliesMentioning("叫你呢")).toHaveLength(1);

    await setGroupPolicy(db(), { conversationId: group.conversationId, mentionOnly: false, updatedBy: "admin" });
    await stream.writeToBot({ fromUserId: users[0].userId, text: "不用at也回", atBot: false, ...group });
    await waitFor(async () => (await repliesMentioning("不用at也回")).length === 1, "the unmentioned reply");
  });

  it("answers the built-in commands over the org and /reset clears the session", async () => {
    await bridge(db());
    const person = users[3];
    const detail = await client.contacts.getUser(person.userId);
    const dept = await client.departments.getDepartment(detail.deptIdList[0]);
    const conversation = (await stream.writeToBot({ fromUserId: users[0].userId, text: `/whois ${person.name}` })).conversationId;
    await stream.writeToBot({ fromUserId: users[0].userId, text: `/dept ${dept.name}` });
    await stream.writeToBot({ fromUserId: users[0].userId, text: "/todo" });
    await stream.writeToBot({ fromUserId: users[0].userId, text: "/help" });
    await waitFor(() => allAnswered(db(), 4), "four answers");
    const replies = await stream.replies(conversation);
    expect(replies).toHaveLength(4);
    expect(replies[0]).toMatchObject({ msgtype: "markdown" });
    expect(JSON.stringify(replies[0].content)).toContain(person.name);
    expect(JSON.stringify(replies[0].content)).toContain(person.userId);
    expect(JSON.stringify(replies[1].content)).toContain(`ID ${dept.deptId}`);
    const todo = await client.workflow.todoCount(users[0].userId);
    expect(JSON.stringify(replies[2].content)).toContain(todo === 0 ? "没有等你处理" : `${todo} 个审批`);
    expect(JSON.stringify(replies[3].content)).toContain("/whois");

    const sessionId = `dingtalk_private_${users[0].userId}`;
    expect((await getSession(db(), sessionId))?.turns).toHaveLength(8);
    await stream.writeToBot({ fromUserId: users[0].userId, text: "/reset" });
    await waitFor(() => allAnswered(db(), 5), "the reset");
    expect(await getSession(db(), sessionId)).toMatchObject({ turns: [], summary: null, messageCount: 0, sizeBytes: 0 });
  });

  it("keeps the history bounded, folding older turns into a summary", async () => {
    await bridge(db(), builtin(), { historyTurns: 4 });
    for (let i = 0; i < 5; i++) {
      await stream.writeToBot({ fromUserId: users[5].userId, text: `第${i}个问题。补充说明` });
      await waitFor(() => allAnswered(db(), i + 1), `answer ${i}`);
    }
    await waitFor(async () => ((await getSession(db(), `dingtalk_private_${users[5].userId}`))?.turns.length ?? 0) <= 4, "the fold");
    const session = await getSession(db(), `dingtalk_private_${users[5].userId}`);
    expect(session?.summary).toContain("第0个问题。");
    expect(session?.summary).not.toContain("补充说明");
    expect(session?.messageCount).toBe(10);
  });

  it("reports its live state and removes sessions idle past the TTL", async () => {
    const b = await bridge(db(), builtin(), { sessionTtlHours: 1 });
    await stream.writeToBot({ fromUserId: users[6].userId, text: "在吗" });
    await waitFor(() => allAnswered(db(), 1), "the answer");
    await b.report();
    const [instance] = await listBridgeInstances(db());
    expect(instance).toMatchObject({ id: b.id, connected: true, connections: 1, alive: true, perMinute: 1 });
    expect(instance.lastFrameAt).not.toBeNull();
    expect(instance.lagMs).toBeGreaterThan(0);

    // A second session, active a few minutes ago: within the TTL, so it stays.
    await stream.writeToBot({ fromUserId: users[7].userId, text: "还在" });
    await waitFor(() => allAnswered(db(), 2), "the second answer");
    const idle = `dingtalk_private_${users[6].userId}`;
    const recent = `dingtalk_private_${users[7].userId}`;
    await db().botSession.updateMany({ data: { lastActivityAt: new Date(Date.now() - 2 * 3_600_000) } });
    await db().botTurn.updateMany({ data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    await db().botSession.updateMany({ where: { id: recent }, data: { lastActivityAt: new Date(Date.now() - 5 * 60_000) } });
    await db().botTurn.updateMany({ where: { sessionId: recent }, data: { createdAt: new Date(Date.now() - 5 * 60_000) } });
    expect(await b.cleanup()).toMatchObject({ sessions: 1 });
    expect(await db().botSession.findUnique({ where: { id: idle } })).toBeNull();
    expect(await db().botTurn.count({ where: { sessionId: idle } })).toBe(0);
    expect((await db().botSession.findMany()).map((s) => s.id)).toEqual([recent]);
    expect(await db().botTurn.count({ where: { sessionId: recent } })).toBe(2);
    expect(await db().botTurn.count()).toBe(2);
    await b.stop();
    expect(await listBridgeInstances(db())).toEqual([]);
  });

  it("removes idle sessions on its own, every cleanupIntervalMs", async () => {
    // 1 s is the schema's minimum; the cleanup at start finds nothing, the session goes idle later.
    await bridge(db(), builtin(), { sessionTtlHours: 1, cleanupIntervalMs: 1_000 });
    await stream.writeToBot({ fromUserId: users[8].userId, text: "稍后清理" });
    await waitFor(() => allAnswered(db(), 1), "the answer");
    const id = `dingtalk_private_${users[8].userId}`;
    expect(await db().botSession.findUnique({ where: { id } })).not.toBeNull();
    await db().botSession.updateMany({ where: { id }, data: { lastActivityAt: new Date(Date.now() - 2 * 3_600_000) } });
    await db().botTurn.updateMany({ where: { sessionId: id }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });
    // No cleanup() call: the bridge's timer removes it.
    await waitFor(async () => (await db().botSession.findUnique({ where: { id } })) === null, "the scheduled cleanup", 5_000);
    expect(await db().botTurn.count({ where: { sessionId: id } })).toBe(0);
  });
});

it("falls back to the robot's 1:1 send once the session webhook has expired", async () => {
  await control.reset();
  const { createReplySender } = await import("./replies");
  const sent = await stream.writeToBot({ fromUserId: users[7].userId, text: "过期测试" });
  const frame = (await stream.frames({ topic: "/v1.0/im/bot/messages/get" })).at(-1)!;
  const message = botMessageSchema.parse(JSON.parse(frame.data));
  expect(message.msgId).toBe(sent.msgId);
  // By our clock: sent by the robot without trying the webhook.
  expect(await createReplySender(client, { now: () => message.sessionWebhookExpiredTime + 1 }).send(message, { format: "text", text: "走机器人" })).toBe("robot.oto");
  // By DingTalk's clock only: the webhook refuses (300001) and the robot takes over.
  await control.advanceClock(2 * 3600);
  expect(await createReplySender(client).send(message, { format: "markdown", title: "标题", text: "**webhook 过期**" })).toBe("robot.oto");
  const messages = new MessagingControl(emu.url, emu.controlToken);
  const oto = await messages.messages({ channel: "robot.oto", to: users[7].userId });
  expect(oto.map((m) => m.msgtype)).toEqual(["sampleText", "sampleMarkdown"]);
  expect(await messages.messages({ channel: "robot.session-webhook" })).toHaveLength(0);
});
