import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { EmulatorControl } from "@/emulator/control-client";
import { MessagingControl } from "@/emulator/control/messaging-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import type { DingTalkClientOptions } from "./config";
import { DingTalkConfigError, DingTalkError } from "./errors";
import { WorkNotificationTimeoutError, type WorkNotificationProgress } from "./notify";
import { collect } from "./pagination";
import { robotMessage } from "./robot";
import { CustomRobot, signWebhook, type WebhookMessage } from "./robot-webhook";

let emu: RunningEmulator;
let control: EmulatorControl;
let messaging: MessagingControl;
let client: DingTalkClient;
/** Active people of the seeded org. */
let people: string[];

const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 };

function clientFor(overrides: Partial<DingTalkClientOptions> = {}): DingTalkClient {
  return createDingTalkClient({
    appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url,
    agentId: emu.agentId, retry: FAST_RETRY, ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: unknown) => e,
  );
}

async function dingTalkFailure(promise: Promise<unknown>): Promise<DingTalkError> {
  const error = await failureOf(promise);
  if (!(error instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(error)}`);
  return error;
}

/** A raw POST to the webhook, for what the client would refuse to send or cannot set (a forwarded IP). */
async function rawWebhook(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ errcode: number; errmsg: string }> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return (await response.json()) as { errcode: number; errmsg: string };
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 200, seed: 3 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  messaging = new MessagingControl(emu.url, emu.controlToken);
  people = (await control.users({ active: true, limit: 50 })).users.map((u) => u.userId);
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
  client = clientFor();
});

describe("robot 1:1 messages", () => {
  it("sends to valid people, lists the unknown one as invalid, and the log shows who got it", async () => {
    const to = people.slice(0, 5);
    const sent = await client.robot.sendToUsers({ userIds: [...to, "no-such-user"], message: robotMessage.text("周会改到下午三点") });
    expect(sent.processQueryKey).not.toBe("");
    expect(sent.invalidUserIds).toEqual(["no-such-user"]);
    expect(sent.flowControlledUserIds).toEqual([]);

    const logged = await messaging.messages({ channel: "robot.oto" });
    expect(logged).toHaveLength(1);
    expect(logged[0].to).toEqual(to);
    expect(logged[0].robotCode).toBe(emu.appKey);
    expect(logged[0].content).toEqual({ content: "周会改到下午三点" });
  });

  it("read status starts unread and advances with the emulator clock", async () => {
    const to = people.slice(0, 5);
    const sentAt = await control.clock();
    const { processQueryKey } = await client.robot.sendToUsers({ userIds: to, message: robotMessage.markdown("周报", "## 本周\n- 完成") });

    const before = await client.robot.readStatus(processQueryKey);
    expect(before.sendStatus).toBe("SUCCESS");
    expect(before.reads.map((r) => r.userId).sort()).toEqual([...to].sort());
    expect(before.reads.every((r) => !r.read && r.readAt === undefined)).toBe(true);

    const now = await control.advanceClock(3600);
    const after = await client.robot.readStatus(processQueryKey);
    const read = after.reads.filter((r) => r.read);
    expect(read.length).toBeGreaterThan(0);
    for (const r of read) {
      expect(r.readAt).toBeGreaterThan(sentAt);
      expect(r.readAt).toBeLessThanOrEqual(now);
    }
    expect(after.reads.find((r) => r.userId === to[0])?.name).not.toBe("");
  });

  it("recalls a sent message and reports an unknown key as failed", async () => {
    const { processQueryKey } = await client.robot.sendToUsers({ userIds: people.slice(0, 2), message: robotMessage.text("撤回我") });
    const result = await client.robot.recall([processQueryKey, "unknown-key"]);
    expect(result.recalled).toEqual([processQueryKey]);
    expect(Object.keys(result.failed)).toEqual(["unknown-key"]);
    expect((await client.robot.readStatus(processQueryKey)).sendStatus).toBe("RECALLED");
    const again = await client.robot.recall([processQueryKey]);
    expect(again.recalled).toEqual([]);
    expect(again.failed[processQueryKey]).toBeDefined();
  });

  it("puts people over the per-person limit in flowControlledUserIds until a minute passes", async () => {
    await messaging.setLimits({ otoPerUserPerMinute: 1 });
    const [a, b] = people;
    await client.robot.sendToUsers({ userIds: [a], message: robotMessage.text("一") });
    const second = await client.robot.sendToUsers({ userIds: [a, b], message: robotMessage.text("二") });
    expect(second.flowControlledUserIds).toEqual([a]);
    await control.advanceClock(61);
    const third = await client.robot.sendToUsers({ userIds: [a], message: robotMessage.text("三") });
    expect(third.flowControlledUserIds).toEqual([]);
  });

  it("refuses a msgParam that does not match its msgKey, and more than 20 people", async () => {
    const mismatch = await dingTalkFailure(
      client.call({
        host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend",
        body: { robotCode: emu.appKey, userIds: [people[0]], msgKey: "sampleMarkdown", msgParam: JSON.stringify({ content: "x" }) },
        schema: z.unknown(), idempotent: false,
      }),
    );
    expect(mismatch.httpStatus).toBe(400);
    expect(mismatch.code).toBe("paramError");
    expect(mismatch.message).toMatch(/msgParam\.title/);

    const notJson = await dingTalkFailure(
      client.call({
        host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend",
        body: { robotCode: emu.appKey, userIds: [people[0]], msgKey: "sampleText", msgParam: "content=hi" },
        schema: z.unknown(), idempotent: false,
      }),
    );
    expect(notJson.message).toMatch(/JSON/);

    const tooMany = Array.from({ length: 21 }, (_, i) => people[i % people.length] + i);
    await expect(client.robot.sendToUsers({ userIds: tooMany, message: robotMessage.text("x") })).rejects.toThrow(/at most 20/);
    const server = await dingTalkFailure(
      client.call({
        host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend",
        body: { robotCode: emu.appKey, userIds: tooMany, msgKey: "sampleText", msgParam: JSON.stringify({ content: "x" }) },
        schema: z.unknown(), idempotent: false,
      }),
    );
    expect(server.code).toBe("paramError");
    expect(server.message).toMatch(/userIds/);
  });

  it("reports outcome unknown, without a retry, when the socket drops during a send", async () => {
    await control.addFault({ path: "/v1.0/robot/oToMessages/batchSend", drop: true, times: 1 });
    await control.resetStats();
    const error = await dingTalkFailure(client.robot.sendToUsers({ userIds: [people[0]], message: robotMessage.text("x") }));
    expect(error.outcome).toBe("unknown");
    expect(error.retryable).toBe(false);
    expect((await control.stats()).calls["POST /v1.0/robot/oToMessages/batchSend"]).toBe(1);
  });
});

describe("robot group messages", () => {
  it("sends to a group made with /chat/create and lists the bots in it", async () => {
    const members = people.slice(0, 4);
    const chat = await client.chat.create({ name: "项目群", owner: members[0], userIds: members });
    const custom = await messaging.createCustomRobot({ name: "告警机器人", security: { keywords: ["告警"] }, openConversationId: chat.openConversationId });

    const sent = await client.robot.sendToGroup({
      openConversationId: chat.openConversationId,
      message: robotMessage.actionCardButtons("上线", "今晚上线", [{ title: "同意", url: "https://example.com/y" }, { title: "推迟", url: "https://example.com/n" }]),
    });
    expect(sent.processQueryKey).not.toBe("");

    const logged = await messaging.messages({ channel: "robot.group", conversationId: chat.openConversationId });
    expect(logged).toHaveLength(1);
    expect(logged[0].to).toEqual(members);
    expect(logged[0].msgtype).toBe("sampleActionCard2");

    const bots = await client.robot.listGroupBots(chat.openConversationId);
    const appRobot = await messaging.robot();
    expect(appRobot.robotCode).toBe(emu.appKey);
    expect(bots.map((b) => b.robotCode)).toEqual([appRobot.robotCode, custom.robotCode]);
    expect(bots[1].name).toBe("告警机器人");
  });

  it("refuses a group that does not exist", async () => {
    const error = await dingTalkFailure(client.robot.sendToGroup({ openConversationId: "cidNOPE", message: robotMessage.text("x") }));
    expect(error.httpStatus).toBe(400);
    expect(error.message).toMatch(/openConversationId/);
    await expect(client.robot.listGroupBots("cidNOPE")).rejects.toThrow(/openConversationId/);
  });
});

describe("custom robot webhook", () => {
  const hello: WebhookMessage = { msgtype: "text", text: { content: "告警：磁盘 90%" } };

  it("accepts a correct signature and refuses a stale, future, wrong or missing one with 310000", async () => {
    const created = await messaging.createCustomRobot({ name: "加签", security: { secret: true } });
    expect(created.secret).toMatch(/^SEC/);
    const secret = created.secret!;

    await new CustomRobot({ webhookUrl: created.webhookUrl, secret }).send(hello);
    expect(await messaging.messages({ channel: "custom-robot" })).toHaveLength(1);

    const hour = 60 * 60_000;
    for (const offset of [-hour - 60_000, hour + 60_000]) {
      const stale = await dingTalkFailure(new CustomRobot({ webhookUrl: created.webhookUrl, secret, now: () => Date.now() + offset }).send(hello));
      expect(stale.code).toBe("310000");
      expect(stale.message).toMatch(/timestamp/);
    }
    const wrong = await dingTalkFailure(new CustomRobot({ webhookUrl: created.webhookUrl, secret: "SECnot-the-secret" }).send(hello));
    expect(wrong.code).toBe("310000");
    expect(wrong.message).toMatch(/signature did not match/);
    const unsigned = await dingTalkFailure(new CustomRobot({ webhookUrl: created.webhookUrl }).send(hello));
    expect(unsigned.code).toBe("310000");

    // A signature made 59 minutes ago is still inside DingTalk's hour.
    await new CustomRobot({ webhookUrl: created.webhookUrl, secret, now: () => Date.now() - 59 * 60_000 }).send(hello);
    // The hand-made form of the same request, with signWebhook's url-encoded value.
    const ts = Date.now();
    const manual = await rawWebhook(`${created.webhookUrl}&timestamp=${ts}&sign=${signWebhook(secret, ts)}`, hello);
    expect(manual.errcode).toBe(0);
    expect(await messaging.messages({ channel: "custom-robot" })).toHaveLength(3);
  });

  it("refuses a message without the robot's keyword", async () => {
    const created = await messaging.createCustomRobot({ name: "关键词", security: { keywords: ["告警", "通知"] } });
    const robot = new CustomRobot({ webhookUrl: created.webhookUrl });
    const miss = await dingTalkFailure(robot.send({ msgtype: "text", text: { content: "今天天气不错" } }));
    expect(miss.code).toBe("310000");
    expect(miss.message).toMatch(/keywords/);
    await robot.send({ msgtype: "markdown", markdown: { title: "系统通知", text: "一切正常" } });
  });

  it("refuses a sender outside the IP allow-list", async () => {
    const created = await messaging.createCustomRobot({ name: "IP", security: { ips: ["10.9.8.0/24"] } });
    const refused = await dingTalkFailure(new CustomRobot({ webhookUrl: created.webhookUrl }).send(hello));
    expect(refused.code).toBe("310000");
    expect(refused.message).toMatch(/IP address is not in the robot's allow-list/);
    expect((await rawWebhook(created.webhookUrl, hello, { "x-forwarded-for": "10.9.8.7" })).errcode).toBe(0);
    expect((await rawWebhook(created.webhookUrl, hello, { "x-forwarded-for": "10.9.9.7" })).errcode).toBe(310000);
  });

  it("refuses the 21st message in a minute with 130101 and accepts again a minute later", async () => {
    const created = await messaging.createCustomRobot({ name: "限流", security: { keywords: ["告警"] } });
    const robot = new CustomRobot({ webhookUrl: created.webhookUrl });
    for (let i = 0; i < 20; i++) await robot.send(hello);
    const over = await dingTalkFailure(robot.send(hello));
    expect(over.code).toBe("130101");
    expect(over.message).toMatch(/20 messages per minute/);
    expect(await messaging.messages({ channel: "custom-robot" })).toHaveLength(20);
    await control.advanceClock(60);
    await robot.send(hello);
    expect(await messaging.messages({ channel: "custom-robot" })).toHaveLength(21);
  });

  it("accepts all five msgtypes and refuses malformed ones", async () => {
    const created = await messaging.createCustomRobot({ name: "五种", security: { keywords: ["周报"] } });
    const robot = new CustomRobot({ webhookUrl: created.webhookUrl });
    const messages: WebhookMessage[] = [
      { msgtype: "text", text: { content: "周报提醒" }, at: { atUserIds: [people[0]], isAtAll: false } },
      { msgtype: "markdown", markdown: { title: "周报", text: "#### 周报\n> 已完成" } },
      { msgtype: "link", link: { title: "周报", text: "点击查看", messageUrl: "https://example.com/r", picUrl: "" } },
      { msgtype: "actionCard", actionCard: { title: "周报", text: "请阅", singleTitle: "阅读全文", singleURL: "https://example.com/r" } },
      { msgtype: "actionCard", actionCard: { title: "周报", text: "请审批", btnOrientation: "1", btns: [{ title: "同意", actionURL: "https://example.com/y" }, { title: "拒绝", actionURL: "https://example.com/n" }] } },
      { msgtype: "feedCard", feedCard: { links: [{ title: "周报一", messageURL: "https://example.com/1", picURL: "https://example.com/1.png" }] } },
    ];
    for (const m of messages) await robot.send(m);
    const logged = await messaging.messages({ channel: "custom-robot" });
    expect(logged.map((m) => m.msgtype)).toEqual(["text", "markdown", "link", "actionCard", "actionCard", "feedCard"]);

    // The client refuses before sending …
    const cardWithoutLink = { msgtype: "actionCard", actionCard: { title: "周报", text: "x" } } as WebhookMessage;
    await expect(robot.send(cardWithoutLink)).rejects.toThrow(RangeError);
    await expect(robot.send({ msgtype: "feedCard", feedCard: { links: [] } })).rejects.toThrow(/at least one link/);
    // … and so does the emulator, as DingTalk does.
    expect((await rawWebhook(created.webhookUrl, cardWithoutLink)).errcode).toBe(400002);
    expect((await rawWebhook(created.webhookUrl, { msgtype: "image", image: {} })).errcode).toBe(40008);
    expect((await rawWebhook(created.webhookUrl, { msgtype: "text" })).errcode).toBe(40035);
    expect(await messaging.messages({ channel: "custom-robot" })).toHaveLength(6);
  });

  it("maps a bad token to 300001 and a dropped socket to outcome unknown", async () => {
    const bad = await dingTalkFailure(new CustomRobot({ webhookUrl: `${emu.url}/robot/send?access_token=deadbeef` }).send(hello));
    expect(bad.code).toBe("300001");
    expect(bad.message).toMatch(/not a robot DingTalk knows/);
    expect(bad.message).not.toContain("deadbeef");

    const created = await messaging.createCustomRobot({ name: "断线", security: { keywords: ["告警"] } });
    await control.addFault({ path: "/robot/send", drop: true, times: 1 });
    const dropped = await dingTalkFailure(new CustomRobot({ webhookUrl: created.webhookUrl }).send(hello));
    expect(dropped.outcome).toBe("unknown");
    expect(dropped.message).not.toContain(created.accessToken);
  });
});

describe("work notifications", () => {
  const text = { msgtype: "text", text: { content: "请于周五前提交报销" } } as const;

  it("progress advances with the emulator clock to completion", async () => {
    const { taskId } = await client.notify.send({ userIds: people.slice(0, 3) }, text);
    const first = await client.notify.progress(taskId);
    expect(first.done).toBe(false);
    expect(first.percent).toBeLessThan(100);

    const seen: WorkNotificationProgress[] = [];
    const final = await client.notify.waitForCompletion(taskId, {
      intervalMs: 5,
      timeoutMs: 10_000,
      onProgress: async (p) => {
        seen.push(p);
        await control.advanceClock(1);
      },
    });
    expect(final).toEqual({ percent: 100, status: 2, done: true });
    expect(seen.some((p) => p.status === 1 && p.percent > 0 && p.percent < 100)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].percent).toBeGreaterThanOrEqual(seen[i - 1].percent);
  });

  it("gives up waiting with WorkNotificationTimeoutError when the clock stands still", async () => {
    const { taskId } = await client.notify.send({ userIds: [people[0]] }, text);
    const error = await failureOf(client.notify.waitForCompletion(taskId, { intervalMs: 5, timeoutMs: 30 }));
    expect(error).toBeInstanceOf(WorkNotificationTimeoutError);
    expect((error as WorkNotificationTimeoutError).taskId).toBe(taskId);
  });

  it("result lists invalid, forbidden, read and unread people, and invalid departments", async () => {
    const to = people.slice(0, 6);
    const { taskId } = await client.notify.send({ userIds: [...to, "ghost"], deptIds: [987654] }, text);
    await control.advanceClock(3600);
    const result = await client.notify.result(taskId);
    expect(result.invalidUserIds).toEqual(["ghost"]);
    expect(result.invalidDeptIds).toEqual([987654]);
    expect([...result.readUserIds, ...result.unreadUserIds].sort()).toEqual([...to].sort());
    expect(result.readUserIds.length).toBeGreaterThan(0);

    // The same content reaches a person once a day.
    const again = await client.notify.send({ userIds: [to[0], to[1]] }, text);
    await control.advanceClock(60);
    const second = await client.notify.result(again.taskId);
    expect(second.forbiddenUserIds.sort()).toEqual([to[0], to[1]].sort());
    expect(second.readUserIds).toEqual([]);
    expect(second.unreadUserIds).toEqual([]);
  });

  it("to_all_user and the root department reach every active person", async () => {
    const org = await control.org();
    await client.notify.send({ toAllUser: true }, { msgtype: "markdown", markdown: { title: "全员通知", text: "放假安排" } });
    await client.notify.send({ deptIds: [1] }, { msgtype: "oa", oa: { message_url: "https://example.com/oa", head: { text: "审批" }, body: { title: "放假" } } });
    const logged = await messaging.messages({ channel: "work-notification" });
    expect(logged.map((m) => m.to.length)).toEqual([org.activeUserCount, org.activeUserCount]);
  });

  it("recalls once, and refuses a second recall", async () => {
    const { taskId } = await client.notify.send({ userIds: [people[0]] }, { msgtype: "image", image: { media_id: "@lADPabc" } });
    await client.notify.recall(taskId);
    const error = await dingTalkFailure(client.notify.recall(taskId));
    expect(error.code).toBe("400002");
  });

  it("refuses a missing agentId, a foreign one, no target and a malformed message", async () => {
    const noAgent = clientFor({ agentId: undefined });
    await control.resetStats();
    const config = await failureOf(noAgent.notify.send({ userIds: [people[0]] }, text));
    expect(config).toBeInstanceOf(DingTalkConfigError);
    expect((config as Error).message).toMatch(/DINGTALK_AGENT_ID/);
    expect((await control.stats()).calls["POST /topapi/message/corpconversation/asyncsend_v2"]).toBeUndefined();

    const foreign = await dingTalkFailure(clientFor({ agentId: "1" }).notify.send({ userIds: [people[0]] }, text));
    expect(foreign.code).toBe("40056");

    await expect(client.notify.send({}, text)).rejects.toThrow(/at least one target/);
    const noTarget = await dingTalkFailure(
      client.call({ host: "oapi", method: "POST", path: "/topapi/message/corpconversation/asyncsend_v2", body: { agent_id: emu.agentId, msg: text }, schema: z.unknown(), idempotent: false }),
    );
    expect(noTarget.code).toBe("40035");

    await expect(client.notify.send({ userIds: [people[0]] }, { msgtype: "markdown", markdown: { title: "", text: "x" } })).rejects.toThrow(/markdown\.title/);
    const badMsg = await dingTalkFailure(
      client.call({
        host: "oapi", method: "POST", path: "/topapi/message/corpconversation/asyncsend_v2",
        body: { agent_id: emu.agentId, userid_list: people[0], msg: { msgtype: "link", link: { title: "x" } } }, schema: z.unknown(), idempotent: false,
      }),
    );
    expect(badMsg.code).toBe("40035");
    expect(badMsg.message).toMatch(/msg\.link/);
  });
});

describe("group chats", () => {
  it("creates, gets, sends and lists readers page by page", async () => {
    const members = people.slice(0, 12);
    const created = await client.chat.create({ name: "周会群", owner: members[0], userIds: members });
    expect(created.chatId).toMatch(/^chat/);
    const info = await client.chat.get(created.chatId);
    expect(info).toMatchObject({ chatId: created.chatId, name: "周会群", owner: members[0], userIds: members, openConversationId: created.openConversationId });

    const { messageId } = await client.chat.send(created.chatId, { msgtype: "text", text: { content: "明天九点开会" } });
    expect((await client.chat.readList(messageId)).readUserIds).toEqual([]);

    await control.advanceClock(3600);
    const all = await client.chat.readList(messageId, { size: 100 });
    expect(all.nextCursor).toBeUndefined();
    expect(all.readUserIds.length).toBeGreaterThan(1);
    expect(all.readUserIds.every((id) => members.includes(id))).toBe(true);
    const firstPage = await client.chat.readList(messageId, { size: 1 });
    expect(firstPage.nextCursor).toBe(1);
    expect(await collect(client.chat.iterateReaders(messageId, { pageSize: 1 }))).toEqual(all.readUserIds);

    const logged = await messaging.messages({ channel: "chat", conversationId: created.openConversationId });
    expect(logged).toHaveLength(1);
    expect(logged[0].to).toEqual(members);
  });

  it("refuses an owner who is not a member and an unknown chat", async () => {
    await expect(client.chat.create({ name: "x", owner: people[5], userIds: people.slice(0, 2) })).rejects.toThrow(/owner/);
    const server = await dingTalkFailure(
      client.call({ host: "oapi", method: "POST", path: "/chat/create", body: { name: "x", owner: people[5], useridlist: people.slice(0, 2) }, schema: z.unknown(), idempotent: false }),
    );
    expect(server.code).toBe("400002");
    expect(server.message).toMatch(/owner/);
    const missing = await dingTalkFailure(client.chat.get("chatnope"));
    expect(missing.code).toBe("400002");
  });
});

describe("message log control API", () => {
  it("lists every channel and filters by person and time", async () => {
    const [a, b] = people;
    await client.robot.sendToUsers({ userIds: [a], message: robotMessage.text("一") });
    const later = await control.advanceClock(10);
    await client.notify.send({ userIds: [b] }, { msgtype: "text", text: { content: "二" } });
    const chat = await client.chat.create({ name: "群", owner: a, userIds: [a, b] });
    await client.chat.send(chat.chatId, { msgtype: "markdown", markdown: { title: "三", text: "三" } });

    expect((await messaging.messages()).map((m) => m.channel)).toEqual(["robot.oto", "work-notification", "chat"]);
    expect((await messaging.messages({ to: a })).map((m) => m.channel)).toEqual(["robot.oto", "chat"]);
    expect((await messaging.messages({ since: later })).map((m) => m.channel)).toEqual(["work-notification", "chat"]);
    await expect(messaging.createCustomRobot({ name: "无安全设置", security: {} })).rejects.toThrow(/at least one security setting/);
  });
});
