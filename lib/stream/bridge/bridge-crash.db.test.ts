import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../db/testing/databases";
import { EmulatorControl } from "../../../emulator/control-client";
import { MessagingControl } from "../../../emulator/control/messaging-client";
import { StreamControl } from "../../../emulator/control/stream-client";
import { startEmulator, type RunningEmulator } from "../../../emulator/server";
import { spawnBridge, waitFor, type BridgeProcess } from "./testing";

let emu: RunningEmulator;
let stream: StreamControl;
let messages: MessagingControl;
let users: { userId: string }[];
const children: BridgeProcess[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 40, qps: 0 });
  stream = new StreamControl(emu.url, emu.controlToken);
  messages = new MessagingControl(emu.url, emu.controlToken);
  users = (await new EmulatorControl(emu.url, emu.controlToken).users({ limit: 20 })).users;
});

afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
  await emu.close();
});

describeEachDatabase("a bridge process killed with SIGKILL mid-burst", ({ url, db }) => {
  it("loses nothing: after a restart every message is answered, and only a reply in flight at the kill can repeat", async () => {
    await new EmulatorControl(emu.url, emu.controlToken).reset();
    // Frames the dead bridge received but never acknowledged come again 500 ms later.
    await stream.configure({ redeliveryMs: 500, maxDeliveries: 10, pingIntervalMs: 0 });
    const env = {
      DINGTALK_APP_KEY: emu.appKey, DINGTALK_APP_SECRET: emu.appSecret, DINGTALK_OAPI_BASE: emu.url, DINGTALK_API_BASE: emu.url,
      DINGTALK_LOGIN_BASE: emu.url, DATABASE_URL: url(), DINGTALK_QPS: "1000", BRIDGE_STALE_CLAIM_SECONDS: "1", BRIDGE_POLL_MS: "50",
    };
    const start = () => {
      const child = spawnBridge(env);
      children.push(child);
      return child;
    };
    const countReplies = async () => (await messages.messages({ channel: "robot.session-webhook" })).length;

    const first = start();
    await first.started;
    const total = 80;
    const msgIds: string[] = [];
    const write = async (i: number) => msgIds.push((await stream.writeToBot({ fromUserId: users[i % 20].userId, text: `burst-${i}` })).msgId);
    // The first half of the burst, without waiting for answers; the kill lands while it is being handled.
    await Promise.all(Array.from({ length: total / 2 }, (_, i) => write(i)));
    await waitFor(async () => (await countReplies()) >= 8, "the first replies", 20_000, 5);
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    const answeredAtKill = await countReplies();
    // The second half arrives while no bridge runs: the gateway keeps it for the next connection.
    await Promise.all(Array.from({ length: total / 2 }, (_, i) => write(total / 2 + i)));

    const second = start();
    await second.started;
    try {
      await waitFor(async () => (await db().botInboxMessage.count({ where: { status: "answered" } })) === total, "every message answered", 40_000, 100);
    } catch (error) {
      const statuses = await db().botInboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
      throw new Error(`${String(error)}; inbox ${JSON.stringify(statuses)}; bridge said:\n${second.output.slice(-15).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 300));

    const replies = await messages.messages({ channel: "robot.session-webhook" });
    const perMessage = new Map<string, number>();
    for (const reply of replies) {
      const marker = /「(burst-\d+)」/.exec(JSON.stringify(reply.content))?.[1];
      if (marker) perMessage.set(marker, (perMessage.get(marker) ?? 0) + 1);
    }
    // A reply under way at the kill (stored, "replying", maybe already delivered) is sent again with
    // the same text: DingTalk offers no way to ask whether the first arrived. Only those may repeat.
    const resentRows = await db().botInboxMessage.findMany({ where: { lastError: { contains: "sent again after a crash" } }, select: { payload: true } });
    const resent = new Set(resentRows.map((r) => /burst-\d+/.exec(r.payload)?.[0]));
    const repeated = [...perMessage].filter(([, n]) => n > 1).map(([marker]) => marker);
    console.log(`[kill -9] ${total} messages, ${answeredAtKill} answered before the kill, ${replies.length} replies in all, ${resent.size} in flight at the kill and sent again, ${repeated.length} repeated`);
    expect(answeredAtKill).toBeLessThan(total);
    expect(msgIds).toHaveLength(total);
    for (let i = 0; i < total; i++) expect(perMessage.get(`burst-${i}`) ?? 0, `burst-${i} lost`).toBeGreaterThanOrEqual(1);
    for (const marker of repeated) {
      expect(resent.has(marker), `${marker} repeated without having been in flight at the kill`).toBe(true);
      expect(perMessage.get(marker)).toBe(2);
    }
    // At most the replies one bridge has under way at once (its concurrency, 16 by default).
    expect(resent.size).toBeLessThanOrEqual(16);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
