import { beforeEach, expect, it } from "vitest";
import { botMessageSchema } from "../../dingtalk/stream";
import { describeEachDatabase } from "../../db/testing/databases";
import { finishInboxMessages, freshClaim, heldStatus, markReplying, storeInboxMessages } from "./inbox";
import { getSession, listSessions, loadContexts, type ExchangeInput } from "./memory";

const message = (msgId: string, userId = "u1") =>
  botMessageSchema.parse({
    msgId, msgtype: "text", text: { content: `问题 ${msgId}` }, conversationId: `cid-${userId}`, conversationType: "1", senderId: `$:${userId}`, senderStaffId: userId,
    senderNick: "张三", chatbotUserId: "$:b", sessionWebhook: "http://127.0.0.1:1/x", sessionWebhookExpiredTime: Date.now() + 60_000, createAt: Date.now(),
  });

const exchange = (msgId: string, userId: string, at: Date): ExchangeInput => ({
  sessionId: `dingtalk_private_${userId}`, kind: "private", userId, userName: "张三", conversationId: `cid-${userId}`, conversationTitle: null,
  msgId, userText: `问题 ${msgId}`, replyText: `回答 ${msgId}`, at,
});

// The batched writes of the inbox and the memory, on each database: what one statement per batch must still get right.
describeEachDatabase("inbox and memory batches", ({ db }) => {
  beforeEach(async () => {
    await db().botTurn.deleteMany();
    await db().botSession.deleteMany();
    await db().botInboxMessage.deleteMany();
  });

  it("stores a batch in one go, telling new messages from ones stored before and from repeats inside the batch", async () => {
    const at = new Date("2026-11-21T08:00:00.123Z");
    expect(await storeInboxMessages(db(), [{ message: message("a"), receivedAt: at, claimFor: null }])).toEqual(["stored"]);
    const outcomes = await storeInboxMessages(db(), [
      { message: message("a"), receivedAt: at, claimFor: "bridge-1" },
      { message: message("b"), receivedAt: at, claimFor: "bridge-1" },
      { message: message("c"), receivedAt: at, claimFor: null },
      { message: message("b"), receivedAt: at, claimFor: "bridge-1" },
    ]);
    expect(outcomes).toEqual(["duplicate", "stored", "stored", "duplicate"]);
    const rows = await db().botInboxMessage.findMany({ orderBy: { msgId: "asc" } });
    expect(rows.map((r) => [r.msgId, r.status, r.claimedBy, r.attempts])).toEqual([
      ["a", "pending", null, 0],
      ["b", "processing", "bridge-1", 1],
      ["c", "pending", null, 0],
    ]);
    // Written by hand-made SQL, read by Prisma: the same instant, and comparable with Prisma's own writes.
    expect(rows[1].receivedAt.toISOString()).toBe(at.toISOString());
    expect(rows[1].claimedAt?.toISOString()).toBe(at.toISOString());
    expect(await db().botInboxMessage.count({ where: { receivedAt: { gte: at } } })).toBe(3);
    expect(await db().botInboxMessage.count({ where: { receivedAt: { gt: at } } })).toBe(0);
    expect(botMessageSchema.parse(JSON.parse(rows[1].payload)).msgId).toBe("b");
  });

  it("tells a bridge where a message it claimed stands, and nothing once the claim is lost", async () => {
    const at = new Date();
    await storeInboxMessages(db(), ["h1", "h2"].map((id) => ({ message: message(id), receivedAt: at, claimFor: "bridge-1" })));
    const [h1, h2] = ["h1", "h2"].map((id) => freshClaim(message(id), at));
    expect(await heldStatus(db(), h1, "bridge-1")).toBe("processing");
    await markReplying(db(), "bridge-1", [{ claim: h1, exchange: null }]);
    expect(await heldStatus(db(), h1, "bridge-1")).toBe("replying");
    expect(await heldStatus(db(), h1, "bridge-2")).toBeNull();
    // Taken over after going stale: same bridge id would not do, the attempt count moved on.
    await db().botInboxMessage.update({ where: { msgId: "h2" }, data: { attempts: 2 } });
    expect(await heldStatus(db(), h2, "bridge-1")).toBeNull();
  });

  it("marks replying and keeps the exchanges only for messages the bridge still holds", async () => {
    const at = new Date();
    await storeInboxMessages(db(), ["m1", "m2", "m3"].map((id, i) => ({ message: message(id, `u${i}`), receivedAt: at, claimFor: "bridge-1" })));
    // m2's claim went stale and another bridge took it.
    await db().botInboxMessage.update({ where: { msgId: "m2" }, data: { claimedBy: "bridge-2", attempts: 2 } });
    const claims = ["m1", "m2", "m3"].map((id, i) => freshClaim(message(id, `u${i}`), at));
    const held = await markReplying(db(), "bridge-1", [
      { claim: claims[0], exchange: exchange("m1", "u0", at) },
      { claim: claims[1], exchange: exchange("m2", "u1", at) },
      { claim: claims[2], exchange: null },
    ]);
    expect(held).toEqual([true, false, true]);
    expect((await db().botInboxMessage.findMany({ orderBy: { msgId: "asc" } })).map((r) => r.status)).toEqual(["replying", "processing", "replying"]);
    expect((await listSessions(db())).rows.map((s) => s.id)).toEqual(["dingtalk_private_u0"]);
    expect(await db().botTurn.count()).toBe(2);

    expect(await finishInboxMessages(db(), "bridge-1", [
      { claim: claims[0], status: "answered" },
      { claim: claims[1], status: "answered" },
      { claim: claims[2], status: "failed", lastError: "发送失败" },
    ])).toEqual([true, false, true]);
    const rows = await db().botInboxMessage.findMany({ orderBy: { msgId: "asc" } });
    expect(rows.map((r) => [r.status, r.lastError, r.answeredAt !== null])).toEqual([["answered", null, true], ["processing", null, false], ["failed", "发送失败", false]]);
  });

  it("creates a session on its first exchange and adds to it on the next, in order, with sizes and times Prisma reads back", async () => {
    const first = new Date("2026-11-21T08:00:00.000Z");
    const second = new Date("2026-11-21T09:30:00.000Z");
    for (const [id, at] of [["x1", first], ["x2", second]] as const) {
      await storeInboxMessages(db(), [{ message: message(id, "u9"), receivedAt: at, claimFor: "bridge-1" }]);
      await markReplying(db(), "bridge-1", [{ claim: freshClaim(message(id, "u9"), at), exchange: exchange(id, "u9", at) }]);
    }
    const session = await getSession(db(), "dingtalk_private_u9");
    expect(session).toMatchObject({ kind: "private", userId: "u9", userName: "张三", messageCount: 4 });
    expect(session!.sizeBytes).toBe(["问题 x1", "回答 x1", "问题 x2", "回答 x2"].reduce((n, t) => n + Buffer.byteLength(t), 0));
    expect(session!.createdAt.toISOString()).toBe(first.toISOString());
    expect(session!.lastActivityAt.toISOString()).toBe(second.toISOString());
    expect(session!.turns.map((t) => `${t.role}:${t.content}`)).toEqual(["user:问题 x1", "assistant:回答 x1", "user:问题 x2", "assistant:回答 x2"]);
    // The console's filter on last activity works on rows written by the raw statements.
    expect((await listSessions(db(), { activeFrom: new Date("2026-11-21T09:00:00Z") })).total).toBe(1);
    expect((await listSessions(db(), { activeTo: new Date("2026-11-21T09:00:00Z") })).total).toBe(0);

    const [context, empty] = await loadContexts(db(), ["dingtalk_private_u9", "dingtalk_private_nobody"]);
    expect(context.history.map((t) => t.content)).toEqual(["问题 x1", "回答 x1", "问题 x2", "回答 x2"]);
    expect(empty).toEqual({ sessionId: "dingtalk_private_nobody", summary: null, history: [] });
  });
});
