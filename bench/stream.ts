// Benchmark of the Stream bot bridge against the emulator: N messages per second over M private
// sessions, a bridge process answering with the built-in responder; a steady run, then a run in
// which the bridge is killed with SIGKILL and restarted halfway. Prints acknowledgements per second,
// acknowledgement and reply latency (p50/p99), duplicates and losses, and the gateway's own
// acknowledgement latency with a client that stores nothing, as the baseline.
//   npx tsx bench/stream.ts [--rate 200] [--sessions 10000] [--seconds 15] [--db sqlite|postgres]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createDingTalkClient } from "../lib/dingtalk";
import { BOT_MESSAGE_TOPIC } from "../lib/dingtalk/stream";
import { migrateDatabase } from "../lib/db/migrate";
import { createDb } from "../lib/db/client";
import { dialectOf } from "../lib/db/sql-dialect";
import { recordExchanges } from "../lib/stream/bridge/memory";
import { StreamConnection } from "../lib/stream/connection";
import { spawnBridge, waitFor, type BridgeProcess } from "../lib/stream/bridge/testing";
import { EmulatorControl } from "../emulator/control-client";
import { MessagingControl } from "../emulator/control/messaging-client";
import { StreamControl } from "../emulator/control/stream-client";
import { startEmulator } from "../emulator/server";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RATE = Number(arg("rate", "200"));
const SESSIONS = Number(arg("sessions", "10000"));
const SECONDS = Number(arg("seconds", "15"));
const DB_KIND = arg("db", "sqlite");

const pct = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main() {
  const emu = await startEmulator({ port: 0, users: SESSIONS, qps: 0 });
  const control = new EmulatorControl(emu.url, emu.controlToken);
  const stream = new StreamControl(emu.url, emu.controlToken);
  const messaging = new MessagingControl(emu.url, emu.controlToken);
  const userIds: string[] = [];
  for (let offset = 0; userIds.length < SESSIONS; offset += 1000) {
    const page = await control.users({ limit: 1000, offset });
    if (page.users.length === 0) break;
    userIds.push(...page.users.map((u) => u.userId));
  }
  await stream.configure({ redeliveryMs: 3_000, maxDeliveries: 10, pingIntervalMs: 10_000 });

  let dbUrl: string;
  let dropDb: () => Promise<void>;
  if (DB_KIND === "postgres") {
    const name = `bench_stream_${Date.now()}`;
    const admin = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/test" });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    dbUrl = `postgresql://postgres@127.0.0.1:5432/${name}`;
    dropDb = async () => {
      const a = new pg.Client({ connectionString: "postgresql://postgres@127.0.0.1:5432/test" });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    };
  } else {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-stream-"));
    dbUrl = `file:${path.join(dir, "bridge.db")}`;
    dropDb = async () => rmSync(dir, { recursive: true, force: true });
  }
  await migrateDatabase(dbUrl, { log: () => undefined });
  const db = createDb(dbUrl);

  // Every session already has a history (three exchanges), so that contexts are read from tables
  // of the size the target speaks of, not from an empty database.
  const seedStarted = Date.now();
  const dialect = await dialectOf(db);
  for (let i = 0; i < userIds.length; i += 500) {
    const exchanges = userIds.slice(i, i + 500).flatMap((userId) =>
      [1, 2, 3].map((n) => ({
        sessionId: `dingtalk_private_${userId}`, kind: "private" as const, userId, userName: null, conversationId: `seed-${userId}`, conversationTitle: null,
        msgId: `seed-${userId}-${n}`, userText: `早先的问题 ${n}`, replyText: `早先的回答 ${n}`, at: new Date(Date.now() - (4 - n) * 60_000),
      })),
    );
    // One exchange per session per statement, as the bridge writes them.
    for (const n of [0, 1, 2]) await recordExchanges(db, exchanges.filter((_, j) => j % 3 === n), dialect);
  }
  const seeded = { sessions: await db.botSession.count(), turns: await db.botTurn.count(), seconds: (Date.now() - seedStarted) / 1000 };

  let seq = 0;
  /** Writes RATE messages a second for `seconds`, each from one of the sessions in turn; calls `midway` halfway. */
  async function drive(label: string, seconds: number, midway?: () => Promise<void>): Promise<{ label: string; markers: Map<string, number>; users: Set<string>; frames: string[] }> {
    const markers = new Map<string, number>();
    /** The userId of every message the gateway accepted: one private session each. */
    const users = new Set<string>();
    const total = Math.round(RATE * seconds);
    const started = Date.now();
    let midwayDone = false;
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (midway && !midwayDone && i >= total / 2) {
        midwayDone = true;
        void midway();
      }
      const marker = `${label}-${seq++}`;
      const userId = userIds[seq % userIds.length];
      pending.push(stream.writeToBot({ fromUserId: userId, text: marker }).then(() => {
        markers.set(marker, Date.now());
        users.add(userId);
      }));
    }
    await Promise.all(pending);
    return { label, markers, users, frames: [] };
  }

  // Baseline: a client that acknowledges without storing anything.
  const client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url });
  const bare = new StreamConnection({ stream: client.stream }).onCallback(BOT_MESSAGE_TOPIC, () => ({}));
  await bare.start();
  await drive("base", Math.min(5, SECONDS));
  await new Promise((r) => setTimeout(r, 500));
  const baseFrames = await stream.frames({ topic: BOT_MESSAGE_TOPIC });
  const baseAck = baseFrames.filter((f) => f.acks[0]).map((f) => f.acks[0].at - f.deliveries[0].at);
  await bare.close();
  await control.reset();
  await stream.configure({ redeliveryMs: 3_000, maxDeliveries: 10, pingIntervalMs: 10_000 });

  const env = {
    DINGTALK_APP_KEY: emu.appKey, DINGTALK_APP_SECRET: emu.appSecret, DINGTALK_OAPI_BASE: emu.url, DINGTALK_API_BASE: emu.url, DINGTALK_LOGIN_BASE: emu.url,
    DATABASE_URL: dbUrl, DINGTALK_QPS: "1000", BRIDGE_STALE_CLAIM_SECONDS: "2", BRIDGE_POLL_MS: "200", BRIDGE_CONCURRENCY: "32",
  };
  const bridges: BridgeProcess[] = [];
  const startBridgeProcess = async () => {
    const b = spawnBridge(env);
    bridges.push(b);
    await b.started;
    return b;
  };

  async function measure(label: string, kill: boolean) {
    await db.botInboxMessage.deleteMany();
    let bridge = await startBridgeProcess();
    const t0 = Date.now();
    const frameLog: Awaited<ReturnType<typeof stream.frames>> = [];
    // The gateway keeps its last 5,000 frames: read them as the run goes, the new part only and
    // without payloads, so that reading the log does not slow the emulator it measures.
    const seen = new Set<string>();
    let after = 0;
    const collect = async () => {
      const frames = await stream.frames({ topic: BOT_MESSAGE_TOPIC, after, withoutData: true });
      const unsettled = frames.find((f) => f.state === "pending");
      for (const f of frames) if (f.state !== "pending" && !seen.has(f.messageId)) {
        seen.add(f.messageId);
        frameLog.push(f);
      }
      if (frames.length > 0) after = unsettled ? unsettled.seq - 1 : frames[frames.length - 1].seq;
    };
    const sample = setInterval(() => void collect(), 1000);
    const run = await drive(label, SECONDS, kill ? async () => {
      bridge.child.kill("SIGKILL");
      await bridge.exited;
      bridge = await startBridgeProcess();
    } : undefined);
    const sentSeconds = (Date.now() - t0) / 1000;
    const total = run.markers.size;
    await waitFor(async () => (await db.botInboxMessage.count({ where: { status: "answered" } })) >= total, "every message answered", 120_000, 250).catch(() => undefined);
    const answeredAll = (Date.now() - t0) / 1000;
    clearInterval(sample);
    await collect();
    const acked = frameLog.filter((f) => f.acks.length > 0);
    const ackLatency = acked.map((f) => f.acks[0].at - f.deliveries[0].at);
    const firstTry = acked.filter((f) => f.deliveries.length === 1).map((f) => f.acks[0].at - f.deliveries[0].at);
    const replies = (await messaging.messages({ channel: "robot.session-webhook" })).filter((m) => JSON.stringify(m.content).includes(`「${label}-`));
    const perMarker = new Map<string, number[]>();
    for (const r of replies) {
      const marker = /「([a-z]+-\d+)」/.exec(JSON.stringify(r.content))?.[1];
      if (marker) perMarker.set(marker, [...(perMarker.get(marker) ?? []), r.at]);
    }
    const lost = [...run.markers.keys()].filter((m) => !perMarker.has(m)).length;
    const duplicated = [...perMarker.values()].filter((ats) => ats.length > 1).length;
    const replyLatency = [...perMarker].map(([m, ats]) => ats[0] - (run.markers.get(m) ?? ats[0]));
    const lastAck = Math.max(...acked.map((f) => f.acks[0].at));
    const firstDelivery = Math.min(...acked.map((f) => f.deliveries[0].at));
    const stats = await db.botInboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
    for (const b of bridges.splice(0)) if (b.child.exitCode === null) b.child.kill("SIGTERM");
    await Promise.all(bridges.map((b) => b.exited));
    return {
      label, total, sentPerSecond: total / sentSeconds, ackedPerSecond: acked.length / ((lastAck - firstDelivery) / 1000), answeredAll,
      ackP50: pct(ackLatency, 50), ackP99: pct(ackLatency, 99), ackP99FirstTry: pct(firstTry, 99),
      replyP50: pct(replyLatency, 50), replyP99: pct(replyLatency, 99), lost, duplicated, sessions: run.users.size,
      statuses: Object.fromEntries(stats.map((s) => [s.status, s._count._all])),
    };
  }

  const steady = await measure("steady", false);
  await control.reset();
  await stream.configure({ redeliveryMs: 3_000, maxDeliveries: 10, pingIntervalMs: 10_000 });
  const killed = await measure("killed", true);

  console.log(`\nStream bridge benchmark — ${DB_KIND}, ${RATE} msg/s offered for ${SECONDS} s over ${Math.min(SESSIONS, userIds.length)} sessions, built-in responder, 1 bridge process (concurrency 32)`);
  console.log(`database seeded with ${seeded.sessions} sessions and ${seeded.turns} turns in ${seeded.seconds.toFixed(1)} s`);
  console.log(`baseline (client that acknowledges without storing): ack p50 ${ms(pct(baseAck, 50))}, p99 ${ms(pct(baseAck, 99))} over ${baseAck.length} frames`);
  for (const r of [steady, killed]) {
    console.log(`\n[${r.label}${r.label === "killed" ? ": SIGKILL and restart halfway" : ""}] ${r.total} messages offered at ${r.sentPerSecond.toFixed(0)}/s to ${r.sessions} sessions`);
    console.log(`  acknowledged ${r.ackedPerSecond.toFixed(0)}/s; ack p50 ${ms(r.ackP50)}, p99 ${ms(r.ackP99)} (frames acknowledged on first delivery: p99 ${ms(r.ackP99FirstTry)}; ratio to baseline p99 ×${(r.ackP99FirstTry / pct(baseAck, 99)).toFixed(1)})`);
    console.log(`  reply latency p50 ${ms(r.replyP50)}, p99 ${ms(r.replyP99)}; all answered ${r.answeredAll.toFixed(1)} s after the first message`);
    console.log(`  lost ${r.lost}, duplicated ${r.duplicated}; inbox ${JSON.stringify(r.statuses)}`);
  }
  await db.$disconnect();
  await emu.close();
  await dropDb();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
