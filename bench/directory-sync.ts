// The directory full sync against the emulator at its default rate limit (20 calls per second
// per API path): API calls made against the minimum the data needs, and wall time against the
// rate-limit floor; then the same two figures for a naive baseline written here with plain
// fetch, the way the seed scripts work (a fresh token before every call, one call at a time).
// `npx tsx bench/directory-sync.ts` (BENCH_USERS / BENCH_DEPARTMENTS for another size,
// BENCH_DATABASE_URL=postgresql://… to write into PostgreSQL instead of a temporary SQLite file).
// Targets: calls ≤ 1.05 × the minimum, wall ≤ 1.2 × the floor.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EmulatorControl } from "../emulator/control-client";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { createDingTalkClient } from "../lib/dingtalk";
import { runFullSync } from "../lib/directory/sync/full-sync";

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 500);
const QPS = 20;
const PAGE = 100;

type CallsByPath = Record<string, number>;

interface Emulator {
  url: string;
  appKey: string;
  appSecret: string;
  controlToken: string;
  process: ChildProcess;
}

/**
 * The emulator in a process of its own, as DingTalk is remote: in this process its clock would
 * stall whenever the sync's database work holds the event loop, and calls sent a full window
 * apart would seem to arrive together.
 */
function startEmulatorProcess(): Promise<Emulator> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(import.meta.dirname, "../emulator/main.ts"), "--port", "0", "--users", String(USERS), "--departments", String(DEPARTMENTS), "--qps", String(QPS), "--seed", "1"],
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
        if (key === "EMULATOR_URL") {
          resolve({ url: env.EMULATOR_URL, appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET, controlToken: env.EMULATOR_CONTROL_TOKEN, process: child });
        }
      }
    });
  });
}

/** Calls per API path from the emulator's counters ("POST /topapi/…" → "/topapi/…"). */
function byPath(stats: Record<string, number>): CallsByPath {
  const out: CallsByPath = {};
  for (const [key, n] of Object.entries(stats)) {
    const p = key.slice(key.indexOf(" ") + 1);
    out[p] = (out[p] ?? 0) + n;
  }
  return out;
}

const total = (calls: CallsByPath) => Object.values(calls).reduce((a, b) => a + b, 0);
/** DingTalk counts each path on its own: the busiest path sets the pace. */
const pathFloor = (calls: CallsByPath) => Math.max(...Object.values(calls)) / QPS;

/** The naive walk: plain fetch, a token per call, depth first, one call at a time. */
async function naiveSync(emu: Emulator): Promise<{ people: number; departments: number; throttled: number }> {
  let throttled = 0;
  const token = async (): Promise<string> => {
    for (;;) {
      const r = (await (await fetch(`${emu.url}/gettoken?appkey=${emu.appKey}&appsecret=${emu.appSecret}`)).json()) as { errcode: number; access_token?: string };
      if (r.errcode === 0 && r.access_token) return r.access_token;
      if (r.errcode !== 90018) throw new Error(`gettoken failed: ${JSON.stringify(r)}`);
      throttled++;
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  const post = async <T>(p: string, body: unknown): Promise<T> => {
    for (;;) {
      const r = (await (
        await fetch(`${emu.url}${p}?access_token=${await token()}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) })
      ).json()) as { errcode: number; errmsg: string; result: T };
      if (r.errcode === 0) return r.result;
      // A seed script would stop here; the baseline waits and asks again so that it finishes.
      if (r.errcode !== 90018) throw new Error(`${p} failed: ${r.errmsg}`);
      throttled++;
      await new Promise((res) => setTimeout(res, 100));
    }
  };
  const people = new Set<string>();
  let departments = 0;
  const walk = async (deptId: number): Promise<void> => {
    departments++;
    for (let cursor = 0; ; ) {
      const page = await post<{ has_more: boolean; next_cursor?: number; list: { userid: string }[] }>("/topapi/v2/user/list", { dept_id: deptId, cursor, size: PAGE });
      for (const u of page.list) people.add(u.userid);
      if (!page.has_more || page.next_cursor === undefined) break;
      cursor = page.next_cursor;
    }
    for (const child of await post<{ dept_id: number }[]>("/topapi/v2/department/listsub", { dept_id: deptId })) await walk(child.dept_id);
  };
  await post("/topapi/v2/department/get", { dept_id: 1 });
  await walk(1);
  return { people: people.size, departments, throttled };
}

const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

function report(name: string, calls: CallsByPath, minimum: number, wallSeconds: number): void {
  const floor = pathFloor(calls);
  console.log(`\n${name}`);
  for (const [p, n] of Object.entries(calls).sort()) console.log(`  ${p.padEnd(36)} ${String(n).padStart(6)} calls  → ${f1(n / QPS)} s at ${QPS}/s`);
  console.log(`  API calls       ${total(calls)} (minimum ${minimum})  ratio ${f2(total(calls) / minimum)}`);
  console.log(`  wall            ${f1(wallSeconds)} s`);
  console.log(`  floor per path  ${f1(floor)} s (busiest path ÷ ${QPS})  ratio ${f2(wallSeconds / floor)}`);
  console.log(`  floor in total  ${f1(total(calls) / QPS)} s (all calls ÷ ${QPS}, as if one limit covered every path)  ratio ${f2(wallSeconds / (total(calls) / QPS))}`);
}

async function main(): Promise<void> {
  const emu = await startEmulatorProcess();
  const control = new EmulatorControl(emu.url, emu.controlToken);
  const dir = mkdtempSync(path.join(tmpdir(), "bench-directory-sync-"));
  const url = process.env.BENCH_DATABASE_URL ?? `file:${path.join(dir, "console.db")}`;
  await migrateDatabase(url, { log: () => undefined });
  const db = createDb(url);
  try {
    const summary = await control.org();
    console.log(`directory sync: ${summary.userCount} people in ${summary.departmentCount} departments, emulator at ${QPS} calls/s per API path, ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"}`);

    await control.resetStats();
    const client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: QPS });
    const started = performance.now();
    let listed = started;
    const outcome = await runFullSync({ db, client }, { startedBy: "bench", onDepartmentDone: () => (listed = performance.now()) });
    const wall = (performance.now() - started) / 1000;
    if (!outcome || outcome.status !== "done") throw new Error(`the sync did not finish: ${JSON.stringify(outcome)}`);
    const ours = byPath((await control.stats()).calls);

    // What the data needs: one token, the root's record, one listsub per department, and
    // ceil(direct members / 100) user pages per department (an empty one still takes one).
    const departments = await db.directoryDepartment.findMany({ where: { removedAt: null }, select: { memberCount: true } });
    const pages = departments.reduce((n, d) => n + Math.max(1, Math.ceil(d.memberCount / PAGE)), 0);
    const minimum = 1 + 1 + departments.length + pages;
    const stored = await db.directoryUser.count({ where: { leftAt: null } });
    if (stored !== summary.userCount || departments.length !== summary.departmentCount) {
      throw new Error(`the sync stored ${stored} people in ${departments.length} departments, the emulator has ${summary.userCount} in ${summary.departmentCount}`);
    }
    report(`ours (departments listed concurrently in the client's per-path limiter, pages of ${PAGE}, one token)`, ours, minimum, wall);
    console.log(`  people seen ${outcome.peopleSeen}, departments ${outcome.departmentsDone}, ${f1(outcome.peopleSeen / wall)} people/s`);
    console.log(`  of the wall: listing ${f1((listed - started) / 1000)} s, then ${f1(wall - (listed - started) / 1000)} s marking who left and recounting departments`);

    await control.resetStats();
    await new Promise((r) => setTimeout(r, 1100)); // an empty rate window for the baseline
    const naiveStarted = performance.now();
    const naive = await naiveSync(emu);
    const naiveWall = (performance.now() - naiveStarted) / 1000;
    const naiveCalls = byPath((await control.stats()).calls);
    report("naive baseline (plain fetch, a token per call, sequential depth-first walk)", naiveCalls, minimum, naiveWall);
    console.log(`  people seen ${naive.people}, departments ${naive.departments}, refused for going too fast ${naive.throttled} times`);
    console.log(`  (refused calls count as calls but not against the emulator's window, so this wall can beat its own floor)`);

    const callsRatio = total(ours) / minimum;
    const wallRatio = wall / pathFloor(ours);
    console.log(`\nThe emulator limits each API path on its own, so the floor is the busiest path's calls ÷ ${QPS}:`);
    console.log(`user/list and listsub run side by side, and the sync can end no sooner than the longer of the two.`);
    console.log(`ours vs naive: ${f2(naiveWall / wall)}× faster, ${f2(total(naiveCalls) / total(ours))}× fewer calls`);
    console.log(`targets: calls ≤ 1.05 × minimum: ${f2(callsRatio)} ${callsRatio <= 1.05 ? "met" : "MISSED"}; wall ≤ 1.2 × floor: ${f2(wallRatio)} ${wallRatio <= 1.2 ? "met" : "MISSED"}`);
  } finally {
    await db.$disconnect();
    emu.process.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
