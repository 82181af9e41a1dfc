// The attendance report at DingTalk's rate-limit floor. A 1,000-person emulated org at 20 QPS
// per API (the emulator refuses faster calls, as DingTalk does); the directory synced first (not
// counted). Printed: the month's build (calls against the minimum — every 50 people × 7 days
// window's pages of 50, plus the leave windows' pages of 20 and the leave types — and wall time
// against the floor, the calls on the busiest path ÷ QPS), a cached re-run, a refresh of the last
// day; then the XLSX export of 10,000 people × 31 days (rows written to the database directly),
// in a child process with a capped heap (256 MB) as the export route streams it to a file: time,
// peak RSS and heap, the file's size, and its rows counted in the unzipped sheets.
// `node --expose-gc --import tsx bench/attendance-report.ts` (--expose-gc for a fair memory baseline;
// BENCH_USERS / BENCH_EXPORT_USERS / BENCH_EXPORT_HEAP_MB / BENCH_QPS / BENCH_PACE to vary).
// Targets: calls ≤ 1.05× the minimum, wall ≤ 1.2× the floor, cached re-run < 1 s, one-day
// refresh < 1/20 of the build's calls, export memory bounded (the same peak for a tenth of the people).
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { EmulatorControl } from "../emulator/control-client";
import { spawn, type ChildProcess } from "node:child_process";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { ATTENDANCE_LIMITS, createDingTalkClient, type LeaveType } from "../lib/dingtalk";
import { dialectOf } from "../lib/db/sql-dialect";
import { streamOf } from "../lib/server/byte-stream";
import { runFullSync } from "../lib/directory/sync/full-sync";
import { strFromU8, unzipSync } from "fflate";
import { attendanceXlsx } from "../lib/attendance/export";
import { daysOf, parseDayLeave, upsertDays } from "../lib/attendance/fetch";
import { buildAttendanceReport, scopePeople } from "../lib/attendance/report";
import { dayStart } from "../lib/time";

const USERS = Number(process.env.BENCH_USERS ?? 1_000);
const EXPORT_USERS = Number(process.env.BENCH_EXPORT_USERS ?? 10_000);
const QPS = Number(process.env.BENCH_QPS ?? 20);
/** Calls started per second per path by the fetch; the fetch's own default (18) unless set. */
const PACE = process.env.BENCH_PACE ? Number(process.env.BENCH_PACE) : undefined;
const FROM = "2026-10-01";
const TO = "2026-10-31";

/** The emulator in a process of its own, as DingTalk is: its work does not share this process's event loop. */
async function startEmulatorProcess(args: string[]): Promise<{ env: Record<string, string>; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "emulator/main.ts", ...args], { stdio: ["ignore", "pipe", "inherit"] });
  const env: Record<string, string> = {};
  let buffered = "";
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before it was ready`)));
    child.stdout!.on("data", (data: Buffer) => {
      buffered += data.toString();
      for (let nl = buffered.indexOf("\n"); nl >= 0; nl = buffered.indexOf("\n")) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const eq = line.indexOf("=");
        if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
        if (line.startsWith("EMULATOR_URL=")) resolve();
      }
    });
  });
  return { env, child };
}

/** Ids of the export's people, apart from the emulated org's. */
const exportId = (i: number) => `bench-${String(i).padStart(6, "0")}`;
/** The export child's heap: an export that held its rows would run out of it. */
const EXPORT_HEAP_MB = Number(process.env.BENCH_EXPORT_HEAP_MB ?? 256);

interface ExportJob {
  url: string;
  people: number;
  from: string;
  to: string;
  leaveTypes: LeaveType[];
  out: string;
}

interface ExportMeasure {
  ms: number;
  heapBefore: number;
  peakHeap: number;
  rssBefore: number;
  peakRss: number;
  /** Resident memory not backed by a file (heap, buffers, SQLite's cache), apart from the database file SQLite maps in. */
  anonBefore: number;
  peakAnon: number;
}

/** RssAnon from /proc (Linux): RSS also counts the pages of the database file SQLite reads through its memory map. */
function anonymousRss(): number {
  try {
    const kb = /RssAnon:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** This script again, as the export child: its figures come back as JSON on stdout. */
async function exportInChild(job: ExportJob): Promise<ExportMeasure> {
  const child = spawn(process.execPath, [`--max-old-space-size=${EXPORT_HEAP_MB}`, "--expose-gc", "--import", "tsx", process.argv[1]], {
    env: { ...process.env, BENCH_EXPORT_CHILD: JSON.stringify(job) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout!.on("data", (data: Buffer) => (out += data.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`the export of ${job.people} people failed in its process (exit ${code}) with a ${EXPORT_HEAP_MB} MB heap`);
  return JSON.parse(out.trim().split("\n").at(-1)!) as ExportMeasure;
}

/** The export child: the workbook written to a file as the export route sends it, memory sampled all along. */
async function exportChild(job: ExportJob): Promise<void> {
  const db = createDb(job.url);
  const scope = { userIds: Array.from({ length: job.people }, (_, i) => exportId(i)), from: job.from, to: job.to, leaveTypes: job.leaveTypes };
  global.gc?.();
  const before = process.memoryUsage();
  let peakHeap = before.heapUsed;
  let peakRss = before.rss;
  const anonBefore = anonymousRss();
  let peakAnon = anonBefore;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
    peakAnon = Math.max(peakAnon, anonymousRss());
  };
  const sampler = setInterval(sample, 10);
  const t = performance.now();
  // The route's path: the generator behind a pull stream, read as the file takes it. Sampled per
  // chunk too: SQLite answers synchronously, so the timer may not get a turn.
  const file = createWriteStream(job.out);
  for await (const chunk of Readable.fromWeb(streamOf(attendanceXlsx(db, scope)) as NodeReadableStream<Uint8Array>)) {
    sample();
    if (!file.write(chunk)) await once(file, "drain");
  }
  await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  const ms = performance.now() - t;
  clearInterval(sampler);
  await db.$disconnect();
  const measure: ExportMeasure = { ms, heapBefore: before.heapUsed, peakHeap, rssBefore: before.rss, peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024), anonBefore, peakAnon };
  process.stdout.write(`${JSON.stringify(measure)}\n`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (a: number, b: number) => (b === 0 ? "n/a" : `${(a / b).toFixed(3)}×`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "attendance-bench-"));
  const url = `file:${path.join(dir, "console.db")}`;
  await migrateDatabase(url, { log: () => undefined });
  const db = createDb(url);
  const { env, child } = await startEmulatorProcess(["--port", "0", "--qps", String(QPS), "--users", String(USERS), "--departments", String(Math.max(5, Math.round(USERS / 20))), "--seed", "3"]);
  const url0 = env.EMULATOR_URL;
  const rawControl = new EmulatorControl(url0, env.EMULATOR_CONTROL_TOKEN);
  // An idle keep-alive connection may be closed by the emulator just as it is reused: ask again once.
  const again = <T>(ask: () => Promise<T>) => ask().catch(() => ask());
  const control = { stats: () => again(() => rawControl.stats()), resetStats: () => again(() => rawControl.resetStats()), quota: () => again(() => rawControl.quota()) };
  // A loaded machine answers slowly at times; DingTalk's limits, not this timeout, are under test.
  const client = createDingTalkClient({ appKey: env.DINGTALK_APP_KEY, appSecret: env.DINGTALK_APP_SECRET, oapiBase: url0, apiBase: url0, loginBase: url0, qps: QPS, timeoutMs: 30_000 });
  const deps = { db, client };
  try {
    const sync = await runFullSync(deps, { startedBy: "bench" });
    if (sync?.status !== "done") throw new Error(`directory sync ${sync?.status}: ${sync?.error}`);
    const root = await db.directoryDepartment.findFirstOrThrow({ where: { parentId: null } });
    const people = await scopePeople(db, { deptIds: [root.deptId] });
    const days = daysOf(FROM, TO);
    process.stdout.write(`attendance report: ${people.length} people × ${days.length} days (${FROM} to ${TO}), emulator and client at ${QPS} QPS per API\n`);

    // The month's build.
    await control.resetStats();
    const billedBefore = (await control.quota()).byPath;
    let estimate = 0;
    const t0 = performance.now();
    const report = await buildAttendanceReport(deps, { deptIds: [root.deptId], from: FROM, to: TO }, { startedBy: "bench", callsPerSecond: PACE, onJob: (_, e) => (estimate = e) });
    const wall = performance.now() - t0;
    const stats = await control.stats();
    const byPath = Object.entries(stats.calls).filter(([k]) => k.includes("/attendance/"));
    const calls = byPath.reduce((n, [, v]) => n + v, 0);
    const busiest = Math.max(...byPath.map(([, v]) => v));
    // DingTalk bills only the calls it ran: those it refused as too fast were sent again and are counted above, not here.
    const billedAfter = (await control.quota()).byPath;
    const billed = Object.entries(billedAfter).filter(([k]) => k.includes("/attendance/")).reduce((n, [k, v]) => n + v - (billedBefore[k] ?? 0), 0);

    // The minimum from what DingTalk holds: each window's checks in pages of 50, each leave window's leaves in pages of 20.
    const rows = await db.attendanceDay.findMany({ where: { day: { gte: FROM, lte: TO } }, select: { userId: true, day: true, planned: true, leave: true } });
    const planned = new Map(rows.map((r) => [`${r.userId}|${r.day}`, r.planned]));
    let minResults = 0;
    for (let d = 0; d < days.length; d += ATTENDANCE_LIMITS.spanDays) {
      const span = days.slice(d, d + ATTENDANCE_LIMITS.spanDays);
      for (let u = 0; u < people.length; u += ATTENDANCE_LIMITS.users) {
        const checks = people.slice(u, u + ATTENDANCE_LIMITS.users).reduce((n, id) => n + span.reduce((m, day) => m + (planned.get(`${id}|${day}`) ?? 0), 0), 0);
        minResults += Math.max(1, Math.ceil(checks / ATTENDANCE_LIMITS.pageSize));
      }
    }
    const leaveCount = new Map<string, number>(rows.map((r) => [r.userId, 0]));
    for (const r of rows) leaveCount.set(r.userId, (leaveCount.get(r.userId) ?? 0) + parseDayLeave(r.leave).length);
    let minLeave = 0;
    for (let u = 0; u < people.length; u += ATTENDANCE_LIMITS.leaveUsers) {
      const n = people.slice(u, u + ATTENDANCE_LIMITS.leaveUsers).reduce((s, id) => s + (leaveCount.get(id) ?? 0), 0);
      minLeave += Math.max(1, Math.ceil(n / ATTENDANCE_LIMITS.leavePageSize));
    }
    const minimum = minResults + minLeave + 1;
    const floorMs = (Math.max(minResults, minLeave) / QPS) * 1000;
    process.stdout.write(
      `build: ${calls} calls (${byPath.map(([k, v]) => `${k} ${v}`).join(", ")}); estimate before the fetch ${estimate} (+1 leave types)\n` +
        `  minimum ${minimum} (results ${minResults} + leave ${minLeave} + leave types 1): sent ${ratio(calls, minimum)}, billed ${billed} = ${ratio(billed, minimum)} [target ≤ 1.05×]\n` +
        `  wall ${seconds(wall)}; floor ${seconds(floorMs)} (busiest path ${busiest} calls ÷ ${QPS} QPS: ${seconds((busiest / QPS) * 1000)}): ${ratio(wall, floorMs)} [target ≤ 1.2×]\n` +
        `  totals: 应出勤 ${report.total.plannedDays} 天, 迟到 ${report.total.lateCount} 次, 缺卡 ${report.total.missedOnDuty + report.total.missedOffDuty} 次, 旷工 ${report.total.absentDays} 天\n`,
    );

    await control.resetStats();
    const t1 = performance.now();
    const cached = await buildAttendanceReport(deps, { deptIds: [root.deptId], from: FROM, to: TO }, { startedBy: "bench" });
    const cachedMs = performance.now() - t1;
    const cachedCalls = Object.entries((await control.stats()).calls).filter(([k]) => k.includes("/attendance/")).reduce((n, [, v]) => n + v, 0);
    process.stdout.write(`cached re-run: ${seconds(cachedMs)}, ${cachedCalls} calls, ${cached.people.length} rows [target < 1 s, 0 calls]\n`);

    await control.resetStats();
    const t2 = performance.now();
    await buildAttendanceReport(deps, { deptIds: [root.deptId], from: FROM, to: TO }, { startedBy: "bench", callsPerSecond: PACE, refresh: { days: { from: TO, to: TO } } });
    const refreshMs = performance.now() - t2;
    const refreshCalls = Object.entries((await control.stats()).calls).filter(([k]) => k.includes("/attendance/")).reduce((n, [, v]) => n + v, 0);
    process.stdout.write(`refresh of ${TO}: ${refreshCalls} calls in ${seconds(refreshMs)} = ${(refreshCalls / calls).toFixed(3)} of the build [target < 0.05]\n`);

    // The export: 10,000 people × 31 days written straight into the cache.
    const exportIds = Array.from({ length: EXPORT_USERS }, (_, i) => exportId(i));
    await db.directoryUser.createMany({
      data: exportIds.map((userId, i) => ({
        userId, name: `员工${i}`, pinyin: `yuangong${i}`, initials: "yg", jobNumber: `E${i}`, active: true, admin: false, boss: false, isManager: false,
        searchText: userId, syncedAt: new Date(),
      })),
    });
    const fetchedAt = new Date();
    const starts = days.map((day) => dayStart(day).getTime() + 9 * 3_600_000);
    const dialect = await dialectOf(db);
    for (let i = 0; i < exportIds.length; i += 200) {
      const rows = exportIds.slice(i, i + 200).flatMap((userId, k) =>
        days.map((day, j) => {
          const rest = [3, 4].includes((j + k) % 7);
          const on = starts[j];
          const late = !rest && (j * 7 + k) % 13 === 0;
          return {
            userId, day, groupId: "1", planned: rest ? 0 : 2,
            onDutyResult: rest ? null : late ? "Late" : "Normal", onDutySource: rest ? null : "USER",
            onDutyPlannedAt: rest ? null : new Date(on), onDutyAt: rest ? null : new Date(on + (late ? 12 : -5) * 60_000),
            offDutyResult: rest ? null : "Normal", offDutySource: rest ? null : "USER",
            offDutyPlannedAt: rest ? null : new Date(on + 9 * 3_600_000), offDutyAt: rest ? null : new Date(on + 9.5 * 3_600_000),
            outside: 0, leave: (j + k) % 29 === 0 && !rest ? JSON.stringify([{ code: report.leaveTypes[0]?.leaveCode ?? "x", percent: 50, unit: "percent_day" }]) : "[]", fetchedAt,
          };
        }),
      );
      await db.$transaction((tx) => upsertDays(tx, dialect, rows, []));
    }
    // A tenth of the people and all of them, each in a process of its own whose heap is capped:
    // bounded means about the same peak for both, and no failure for want of memory.
    for (const n of [Math.round(EXPORT_USERS / 10), EXPORT_USERS]) {
      const out = path.join(dir, `export-${n}.xlsx`);
      const m = await exportInChild({ url, people: n, from: FROM, to: TO, leaveTypes: report.leaveTypes, out });
      // The file as payroll opens it: every sheet's rows counted (header, people, and the summary's 合计).
      const files = unzipSync(new Uint8Array(readFileSync(out)));
      const rowsOf = (name: string) => (strFromU8(files[name]).match(/<row /g) ?? []).length;
      const summaryRows = rowsOf("xl/worksheets/sheet1.xml");
      const dailyRows = rowsOf("xl/worksheets/sheet2.xml");
      const unpacked = Object.values(files).reduce((sum, f) => sum + f.length, 0);
      if (summaryRows !== n + 2 || dailyRows !== n + 1) throw new Error(`the workbook of ${n} people holds ${summaryRows} summary and ${dailyRows} daily rows`);
      process.stdout.write(
        `XLSX export ${n} people × ${days.length} days, in a process with a ${EXPORT_HEAP_MB} MB heap: ${seconds(m.ms)}; file ${mb(statSync(out).size)} (${mb(unpacked)} of XML), ` +
          `月度汇总 ${summaryRows} rows (header, ${n} people, 合计) and 每日统计 ${dailyRows}; ` +
          `peak RSS ${mb(m.peakRss)} (+${mb(m.peakRss - m.rssBefore)}; anonymous ${mb(m.peakAnon)}, +${mb(m.peakAnon - m.anonBefore)}), peak heap ${mb(m.peakHeap)} (+${mb(m.peakHeap - m.heapBefore)})\n`,
      );
      rmSync(out);
    }
  } finally {
    await db.$disconnect();
    child.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

(process.env.BENCH_EXPORT_CHILD ? exportChild(JSON.parse(process.env.BENCH_EXPORT_CHILD) as ExportJob) : main()).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
