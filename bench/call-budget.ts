// The directory kept fresh for a month within DingTalk's monthly call quota. A 10,000-person,
// 500-department emulated org; after the first full sync, a simulated month (the emulator's clock
// and the console's moved forward, nobody waits a month) in which about 2% of the people change
// (moved, retitled, renamed, hired, left) and a few departments are created, renamed and removed,
// each change delivered as an org event over Stream. The budget-planned scheduler ticks every six
// simulated hours. Printed: the calls the month cost (by area) against the quota and against
// today's schedule (a full sync daily, a whole-tree reconcile hourly, costed from this run's own
// full sync and reconcile), staleness after each change (event to database, p50/p99), and a check
// that the directory matches the emulator at the month's end.
// `npx tsx bench/call-budget.ts` (BENCH_USERS / BENCH_DEPARTMENTS / BENCH_CHANGE_SHARE to vary).
// Targets: ≤ 10% of a 10,000 quota for the month, p99 staleness < 5 s, a complete, correct directory.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EmulatorControl } from "../emulator/control-client";
import { StreamControl } from "../emulator/control/stream-client";
import { startEmulator } from "../emulator/server";
import { BACKGROUND_AREAS } from "../lib/budget/areas";
import { createDb, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { createDingTalkClient, type DingTalkClient } from "../lib/dingtalk";
import { withCallArea } from "../lib/dingtalk/meter";
import { DbCallMeter } from "../lib/dingtalk/meter-store";
import { runFullSync } from "../lib/directory/sync/full-sync";
import { startDirectoryEvents } from "../lib/directory/sync/testing/directory-events";
import { reconcileDirectory } from "../lib/directory/sync/reconcile";
import { reconcileSchedule } from "../lib/directory/sync/reconcile-plan";
import { startDirectoryScheduler } from "../lib/directory/sync/scheduler";

const USERS = Number(process.env.BENCH_USERS ?? 10_000);
const DEPARTMENTS = Number(process.env.BENCH_DEPARTMENTS ?? 500);
const CHANGE_SHARE = Number(process.env.BENCH_CHANGE_SHARE ?? 0.02);
const QUOTA = 10_000;
const SHARE = 0.5;
const DAYS = 30;
const HOUR_S = 3_600;
const STALE_LIMIT_MS = 10_000;

/** A small deterministic generator, so that runs compare. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function sumCalls(db: Db, where: { metered?: boolean; area?: { in: string[] } } = {}): Promise<number> {
  return (await db.dingTalkCallCount.aggregate({ where, _sum: { calls: true } }))._sum.calls ?? 0;
}

async function waitUntil(check: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > STALE_LIMIT_MS) return Number.POSITIVE_INFINITY;
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}

interface Change {
  kind: string;
  apply(): Promise<() => Promise<boolean>>;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "call-budget-"));
  const url = `file:${path.join(dir, "console.db")}`;
  await migrateDatabase(url, { log: () => undefined });
  const db = createDb(url);
  const emu = await startEmulator({ port: 0, qps: 0, users: USERS, departments: DEPARTMENTS, seed: 1 });
  const control = new EmulatorControl(emu.url, emu.controlToken);
  const stream = new StreamControl(emu.url, emu.controlToken);
  let simNow = new Date(await control.clock());
  const meter = new DbCallMeter(db, { appKey: emu.appKey, flushMs: 200, now: () => simNow });
  const clientOptions = { appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: 1000 };
  const client = createDingTalkClient({ ...clientOptions, meter });
  const deps = { db, client, now: () => simNow };
  const wallStart = performance.now();

  // Today's per-job costs, measured: the first full sync and one whole-tree reconcile.
  const full = await withCallArea("directory.sync", () => runFullSync(deps, { startedBy: "bench", callsPerSecond: 0 }));
  if (full?.status !== "done") throw new Error(`the first full sync ended ${full?.status}: ${full?.error}`);
  const whole = await withCallArea("directory.reconcile", () => reconcileDirectory(deps, { startedBy: "bench" }));
  if (whole?.status !== "done") throw new Error(`the whole-tree reconcile ended ${whole?.status}: ${whole?.error}`);
  await meter.flush();
  const setupCalls = await sumCalls(db, { metered: true });
  await db.dingTalkCallCount.deleteMany();
  const setupSeconds = (performance.now() - wallStart) / 1000;

  const events = await startDirectoryEvents(client, db, { reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
  const budget = () => ({ monthlyQuota: QUOTA, backgroundShare: SHARE });
  const schedulerLog: string[] = [];
  const scheduler = startDirectoryScheduler({ deps: () => deps, budget, tickMs: 86_400_000, log: (m) => schedulerLog.push(m) });

  // The month's changes, at random moments of it.
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const people = (await db.directoryUser.findMany({ where: { leftAt: null, admin: false }, select: { userId: true } })).map((u) => u.userId);
  const depts = (await db.directoryDepartment.findMany({ where: { removedAt: null, deptId: { not: 1 } }, select: { deptId: true } })).map((d) => d.deptId);
  const used = new Set<string>();
  const someone = () => {
    for (;;) {
      const id = pick(people);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
  const newDepts: number[] = [];
  let serial = 0;
  const changeOf = (kind: string): Change => ({
    kind,
    async apply() {
      serial++;
      switch (kind) {
        case "retitle": {
          const id = someone();
          const title = `高级工程师 ${serial}`;
          await stream.modifyUser(id, { title });
          return async () => (await db.directoryUser.findUnique({ where: { userId: id } }))?.title === title;
        }
        case "move": {
          const id = someone();
          const to = pick(depts);
          await stream.modifyUser(id, { deptIdList: [to] });
          return async () => {
            const m = await db.directoryMembership.findMany({ where: { userId: id } });
            return m.length === 1 && m[0].deptId === to;
          };
        }
        case "rename": {
          const id = someone();
          const name = `改名${serial}`;
          await stream.modifyUser(id, { name });
          return async () => (await db.directoryUser.findUnique({ where: { userId: id } }))?.name === name;
        }
        case "hire": {
          const { userId } = await stream.addUser({ name: `新同事${serial}`, mobile: `139${String(10_000_000 + serial).slice(-8)}`, deptIdList: [pick(depts)] });
          return async () => (await db.directoryUser.findUnique({ where: { userId } }))?.leftAt === null;
        }
        case "leave": {
          const id = someone();
          await stream.removeUser(id);
          return async () => Boolean((await db.directoryUser.findUnique({ where: { userId: id } }))?.leftAt);
        }
        case "dept-create": {
          const deptId = await stream.addDepartment({ name: `项目组${serial}`, parentId: pick(depts) });
          newDepts.push(deptId);
          return async () => (await db.directoryDepartment.findUnique({ where: { deptId } }))?.removedAt === null;
        }
        case "dept-rename": {
          const deptId = pick(depts);
          const name = `新部门名${serial}`;
          await stream.modifyDepartment(deptId, { name });
          return async () => (await db.directoryDepartment.findUnique({ where: { deptId } }))?.name === name;
        }
        default: {
          const deptId = newDepts.shift();
          if (deptId === undefined) return async () => true;
          await stream.removeDepartment(deptId);
          return async () => Boolean((await db.directoryDepartment.findUnique({ where: { deptId } }))?.removedAt);
        }
      }
    },
  });
  const peopleChanges = Math.round(USERS * CHANGE_SHARE);
  const mix: [string, number][] = [["retitle", 0.3], ["move", 0.25], ["rename", 0.05], ["hire", 0.2], ["leave", 0.2]];
  const planned: { at: number; change: Change }[] = [];
  for (const [kind, part] of mix) for (let i = 0; i < Math.round(peopleChanges * part); i++) planned.push({ at: rnd() * DAYS * 86_400, change: changeOf(kind) });
  for (const [kind, n] of [["dept-create", 6], ["dept-rename", 4]] as const) for (let i = 0; i < n; i++) planned.push({ at: rnd() * DAYS * 86_400 * 0.5, change: changeOf(kind) });
  for (let i = 0; i < 3; i++) planned.push({ at: (0.6 + 0.3 * rnd()) * DAYS * 86_400, change: changeOf("dept-remove") });
  // Scheduler ticks every six hours.
  for (let t = 6 * HOUR_S; t <= DAYS * 86_400; t += 6 * HOUR_S) planned.push({ at: t, change: { kind: "tick", apply: async () => async () => true } });
  planned.sort((a, b) => a.at - b.at);

  const monthStart = simNow.getTime();
  let elapsed = 0;
  const staleness: number[] = [];
  const lateKinds: string[] = [];
  const tickResults = new Map<string, number>();
  for (const step of planned) {
    const advance = Math.floor(step.at - elapsed);
    if (advance > 0) {
      await control.advanceClock(advance);
      elapsed += advance;
      simNow = new Date(monthStart + elapsed * 1000);
    }
    if (step.change.kind === "tick") {
      const r = await scheduler.tick();
      tickResults.set(r, (tickResults.get(r) ?? 0) + 1);
      continue;
    }
    const check = await step.change.apply();
    const ms = await waitUntil(check);
    staleness.push(ms);
    if (!Number.isFinite(ms)) lateKinds.push(step.change.kind);
  }
  scheduler.stop();
  await events.stop();
  await meter.flush();

  // The month's bill.
  const monthCalls = await sumCalls(db, { metered: true });
  const unmetered = await sumCalls(db, { metered: false });
  const byArea = await db.dingTalkCallCount.groupBy({ by: ["area"], where: { metered: true }, _sum: { calls: true } });
  const background = await sumCalls(db, { metered: true, area: { in: [...BACKGROUND_AREAS] } });
  const reconciles = await db.directorySyncRun.findMany({ where: { kind: "reconcile", startedBy: "system" }, select: { apiCalls: true, status: true } });
  const decisions = await db.backgroundJobDecision.groupBy({ by: ["job", "decision"], _count: { _all: true } });
  const todaysSchedule = DAYS * full.apiCalls + DAYS * 24 * whole.apiCalls;
  const schedule = reconcileSchedule(budget(), DEPARTMENTS, simNow);

  // The month's end: the directory against the emulator, read with a client that is not metered.
  const checker: DingTalkClient = createDingTalkClient(clientOptions);
  const problems: string[] = [];
  const liveIds = new Set<string>();
  for (let offset = 0; ; offset += 1000) {
    const page = await control.users({ offset, limit: 1000 });
    for (const u of page.users) liveIds.add(u.userId);
    if (page.users.length < 1000) break;
  }
  const stored = await db.directoryUser.findMany({ where: { leftAt: null }, select: { userId: true, name: true, title: true } });
  const storedIds = new Set(stored.map((u) => u.userId));
  const missing = [...liveIds].filter((id) => !storedIds.has(id));
  const extra = [...storedIds].filter((id) => !liveIds.has(id));
  if (missing.length > 0) problems.push(`${missing.length} people missing (${missing.slice(0, 3).join(", ")})`);
  if (extra.length > 0) problems.push(`${extra.length} people who left still present (${extra.slice(0, 3).join(", ")})`);
  // Everyone changed, field by field and membership by membership.
  let checked = 0;
  const storedById = new Map(stored.map((u) => [u.userId, u]));
  for (const id of [...used].filter((x) => liveIds.has(x))) {
    const live = await checker.contacts.getUser(id);
    const s = storedById.get(id);
    const memberships = (await db.directoryMembership.findMany({ where: { userId: id } })).map((m) => m.deptId).sort();
    if (!s || s.name !== live.name || (s.title ?? "") !== (live.title ?? "") || JSON.stringify(memberships) !== JSON.stringify([...live.deptIdList].sort())) {
      problems.push(`person ${id} differs`);
    }
    checked++;
  }
  // Every department, its name and parent, against the live tree.
  const liveDepts = new Map<number, { name: string; parentId: number }>();
  const queue = [1];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const c of await checker.departments.listSubDepartments(id)) {
      liveDepts.set(c.deptId, { name: c.name, parentId: c.parentId ?? id });
      queue.push(c.deptId);
    }
  }
  const storedDepts = await db.directoryDepartment.findMany({ where: { removedAt: null, deptId: { not: 1 } } });
  if (storedDepts.length !== liveDepts.size) problems.push(`${storedDepts.length} departments stored, ${liveDepts.size} live`);
  for (const d of storedDepts) {
    const live = liveDepts.get(d.deptId);
    if (!live || live.name !== d.name || live.parentId !== d.parentId) problems.push(`department ${d.deptId} differs`);
  }

  const sorted = [...staleness].sort((a, b) => a - b);
  const pct = (n: number) => `${((100 * n) / QUOTA).toFixed(1)}%`;
  const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(0)} ms` : `> ${STALE_LIMIT_MS} ms`);
  const lines = [
    `org: ${USERS} people, ${DEPARTMENTS} departments; ${DAYS} simulated days; quota ${QUOTA}/month, background share ${SHARE}`,
    `setup (not part of the month): first full sync ${full.apiCalls} calls, one whole-tree reconcile ${whole.apiCalls} calls (${setupCalls} metered), ${setupSeconds.toFixed(1)} s`,
    `changes: ${staleness.length} (${peopleChanges} people = ${(CHANGE_SHARE * 100).toFixed(1)}%, 13 department changes), delivered as Stream events`,
    `reconcile plan for this org: ${schedule.wholeTree ? "whole tree" : `${schedule.departmentsPerRun} departments`} every ${(schedule.everyMs / 3_600_000).toFixed(0)} h, ~${schedule.estimatedCalls} calls a run, ~${schedule.monthlyCalls} a month`,
    `scheduler ticks: ${[...tickResults].map(([k, v]) => `${k} ${v}`).join(", ")}; reconciles run ${reconciles.length} (${reconciles.filter((r) => r.status === "done").length} done, ${reconciles.reduce((n, r) => n + r.apiCalls, 0)} calls)`,
    `decisions: ${decisions.map((d) => `${d.job} ${d.decision} ×${d._count._all}`).join(", ")}`,
    ``,
    `calls for the month (metered):  ${monthCalls}  = ${pct(monthCalls)} of the quota   (target ≤ 10%)   ${monthCalls <= QUOTA * 0.1 ? "OK" : "OVER"}`,
    `  by area: ${byArea.map((a) => `${a.area} ${a._sum.calls ?? 0}`).join(", ")}; background ${background}; not metered (token calls, refused calls) ${unmetered}`,
    `today's schedule for the month: ${todaysSchedule}  = ${pct(todaysSchedule)} of the quota  (${DAYS} daily full syncs × ${full.apiCalls} + ${DAYS * 24} hourly reconciles × ${whole.apiCalls}, events not counted)`,
    `  → ${(todaysSchedule / Math.max(1, monthCalls)).toFixed(0)}× fewer calls; today's schedule spends the quota in ${((QUOTA / (todaysSchedule / DAYS)) * 24).toFixed(1)} hours`,
    ``,
    `staleness, event to database: p50 ${fmt(percentile(sorted, 50))}, p99 ${fmt(percentile(sorted, 99))}, max ${fmt(sorted[sorted.length - 1])}   (target p99 < 5 s)   ${percentile(sorted, 99) < 5000 ? "OK" : "OVER"}` +
      (lateKinds.length > 0 ? `; not applied within ${STALE_LIMIT_MS} ms: ${lateKinds.join(", ")}` : ""),
    `directory at the month's end: ${liveIds.size} people, ${liveDepts.size} departments live; ${checked} changed people checked field by field: ${problems.length === 0 ? "complete and correct" : `PROBLEMS: ${problems.slice(0, 10).join("; ")}`}`,
    `wall time ${((performance.now() - wallStart) / 1000).toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (schedulerLog.length > 0) process.stdout.write(`scheduler said: ${[...new Set(schedulerLog)].slice(0, 5).join(" | ")}\n`);
  await meter.close();
  await db.$disconnect();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
