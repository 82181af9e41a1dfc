// The approvals index against the emulator at DingTalk's default rate limit (20 calls per second
// per API path): a backfill of BENCH_INSTANCES (10,000) instances over 12 months in 8 templates,
// calls against the minimum (the templates call + listing pages + one detail per instance) and
// wall time against the rate-limit floor (the busiest API's calls ÷ 20); then a day of
// BENCH_CHANGES (300) changes made in DingTalk, arriving as Stream events: the index's calls per change.
// `npx tsx bench/approvals-sync.ts` (BENCH_DATABASE_URL=postgresql://… for PostgreSQL instead of a temporary SQLite file).
// Targets: calls ≤ 1.05 × the minimum, wall ≤ 1.2 × the floor, one call per change.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EmulatorControl } from "../emulator/control-client";
import { WorkflowControl } from "../emulator/control/workflow-client";
import { backfillWindows, LIST_PAGE_SIZE, runBackfill, type BackfillOutcome } from "../lib/approvals/backfill";
import { startApprovalEvents } from "../lib/approvals/testing/approval-events";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { apiName, type CallMeter } from "../lib/dingtalk/meter";
import { createDingTalkClient, type DingTalkClient } from "../lib/dingtalk";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 10_000);
const CHANGES = Number(process.env.BENCH_CHANGES ?? 300);
const QPS = 20;
/** The emulator's own seeded history (90 days, 6 templates) is part of the count. */
const HISTORY = 300;

interface Emulator { url: string; appKey: string; appSecret: string; controlToken: string; process: ChildProcess }

/** The emulator in a process of its own, as DingTalk is remote (its clock must not stall with our event loop). */
function startEmulatorProcess(): Promise<Emulator> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "../emulator/main.ts"), "--port", "0", "--users", "2000", "--departments", "120", "--qps", String(QPS), "--seed", "3"],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    let buffer = "";
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (let at = buffer.indexOf("\n"); at >= 0; at = buffer.indexOf("\n")) {
        const [key, ...value] = buffer.slice(0, at).split("=");
        buffer = buffer.slice(at + 1);
        env[key] = value.join("=");
        if (key === "EMULATOR_URL") resolve({ url: env.EMULATOR_URL, appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET, controlToken: env.EMULATOR_CONTROL_TOKEN, process: child });
      }
    });
  });
}

/** Counts the metered calls a client makes, per API. */
function countingMeter(): CallMeter & { calls: Map<string, number>; total(): number } {
  const calls = new Map<string, number>();
  return {
    calls,
    record(call, metered) {
      if (metered) calls.set(apiName(call), (calls.get(apiName(call)) ?? 0) + 1);
    },
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
  };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

async function main(): Promise<void> {
  const emu = await startEmulatorProcess();
  const control = new EmulatorControl(emu.url, emu.controlToken);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-approvals-sync-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "console.db")}`;
  await migrateDatabase(url, { log: () => undefined });
  const db = createDb(url);
  const clientOf = (meter: CallMeter): DingTalkClient =>
    createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: QPS, meter });
  try {
    const admin = (await control.org()).admins[0].userId;
    // The emulator's history is created on the first approval call; the rest are seeded over the year.
    await new WorkflowControl(emu.url, emu.controlToken).seed({ count: Math.max(1, INSTANCES - HISTORY), days: 360, evenly: true });
    const at = await control.clock();

    // What the data needs, counted with a client of its own (not part of the figures).
    const probe = clientOf(countingMeter());
    const templates = await probe.workflow.listManagedTemplates(admin);
    let pages = 0;
    let instances = 0;
    for (const t of templates) {
      for (const w of backfillWindows(new Date(at))) {
        let n = 0;
        for await (const id of probe.workflow.iterateInstanceIds({ processCode: t.processCode, ...w })) if (id) n++;
        instances += n;
        pages += Math.max(1, Math.ceil(n / LIST_PAGE_SIZE));
      }
    }
    const minimum = 1 + pages + instances;
    console.log(`approvals backfill: ${instances} instances over 12 months in ${templates.length} templates, emulator at ${QPS} calls/s per API, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}`);

    const meter = countingMeter();
    const client = clientOf(meter);
    const started = performance.now();
    const outcome = (await runBackfill({ db, client }, { startedBy: "bench", adminUserId: admin, log: () => undefined })) as BackfillOutcome;
    const wall = (performance.now() - started) / 1000;
    const indexed = await db.approvalInstance.count();
    const floor = Math.max(...meter.calls.values()) / QPS;
    for (const [api, n] of [...meter.calls].sort()) console.log(`  ${api.padEnd(60)} ${String(n).padStart(6)} calls → ${f1(n / QPS)} s at ${QPS}/s`);
    console.log(`  run             ${outcome.status}; ${indexed} instances in the index (DingTalk lists ${instances})`);
    console.log(`  API calls       ${meter.total()} (minimum ${minimum} = 1 templates + ${pages} pages + ${instances} details)  ratio ${f2(meter.total() / minimum)}`);
    console.log(`  wall            ${f1(wall)} s`);
    console.log(`  floor           ${f1(floor)} s (busiest API ÷ ${QPS})  ratio ${f2(wall / floor)}`);

    // A day of changes arriving as events: starts, agrees, refuses and revocations made by people in DingTalk.
    const events = await startApprovalEvents(client, db);
    const actor = clientOf(countingMeter());
    const before = meter.total();
    const touched = new Set<string>();
    /** When each instance was last changed: one just changed waits until its events are applied. */
    const changedAt = new Map<string, number>();
    const { users } = await control.users({ limit: 300 });
    let changes = 0;
    let attempt = 0;
    while (changes < CHANGES && attempt < CHANGES * 3) {
      attempt++;
      const kind = changes % 3 === 0 ? "start" : changes % 10 === 1 ? "refuse" : changes % 10 === 2 ? "terminate" : "agree";
      try {
        if (kind === "start") {
          const u = users[attempt % users.length];
          if (!u.active) continue;
          touched.add(await actor.workflow.startInstance({ processCode: "PROC-5E02B8D1-GENERAL", originatorUserId: u.userId, formComponentValues: [{ name: "申请内容", value: `申请 ${attempt}` }] }));
        } else {
          // The index knows who must act now: the running tasks of instances not touched in this day yet.
          const recent = [...changedAt].filter(([, t]) => Date.now() - t < 1_500).map(([id]) => id);
          const task = await db.approvalTask.findFirst({ where: { status: "RUNNING", processInstanceId: { notIn: recent } }, orderBy: { createTime: "desc" } });
          if (!task) break;
          touched.add(task.processInstanceId);
          changedAt.set(task.processInstanceId, Date.now());
          if (kind === "terminate") {
            const row = await db.approvalInstance.findUniqueOrThrow({ where: { processInstanceId: task.processInstanceId } });
            await actor.workflow.terminate({ processInstanceId: task.processInstanceId, operatingUserId: row.originatorUserId, remark: "不需要了" });
          } else {
            await actor.workflow.execute({ processInstanceId: task.processInstanceId, taskId: Number(task.taskId), actionerUserId: task.userId, result: kind, remark: kind === "agree" ? "同意" : "不同意" });
          }
        }
        changes++;
      } catch (error) {
        console.log(`  (a ${kind} was refused: ${error instanceof Error ? error.message : String(error)})`);
      }
      // Spread over the "day": changes come apart in time, as people make them.
      await new Promise((r) => setTimeout(r, 40));
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const eventCalls = meter.total() - before;
    await events.stop();
    // The changed instances as DingTalk has them now against the index.
    let stale = 0;
    for (const id of touched) {
      const now = await actor.workflow.getInstance(id);
      const row = await db.approvalInstance.findUnique({ where: { processInstanceId: id } });
      if (!row || row.status !== now.status || row.result !== now.result) stale++;
    }
    console.log(`\nevents: ${changes} changes on ${touched.size} instances (start, agree, refuse, terminate)`);
    console.log(`  API calls       ${eventCalls} for ${changes} changes  (${f2(eventCalls / changes)} per change); nothing polled`);
    console.log(`  index           ${touched.size - stale} of ${touched.size} changed instances as DingTalk has them${stale ? `, ${stale} not` : ""}`);
  } finally {
    await db.$disconnect();
    emu.process.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
