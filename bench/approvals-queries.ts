// The approvals pages' reads at BENCH_INSTANCES (100,000) instances over 12 months in 8 templates,
// on SQLite and PostgreSQL: p50 and p95 of the tracking page's data (approvalTracking: counts,
// ages, overdue, bottlenecks, weeks, cycle times) and of a list page filtered by free text
// (listApprovals), as HR (everything) and as one approver (their own), each next to a baseline
// measured in the same run: the same figures from the instances read into memory and counted
// there, and the list through Prisma's `contains` with a separate count.
// `npx tsx bench/approvals-queries.ts` (BENCH_INSTANCES=20000 for a quicker run; BENCH_DB=sqlite or
// postgresql for one of them). Targets: p95 under 100 ms for the tracking data, under 50 ms for a list page.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { SeededRandom } from "../emulator/util/random";
import { approvalTracking, listApprovals, type ApprovalFilter, type ApprovalScope } from "../lib/approvals/queries";
import { instanceOf, writeDepartments, writeInstancesInBulk, writePeople, type InstanceSpec } from "../lib/approvals/testing/instances";
import { createDb, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import type { DbProvider } from "../lib/db/url";

const INSTANCES = Number(process.env.BENCH_INSTANCES ?? 100_000);
const PROVIDERS = (process.env.BENCH_DB ? [process.env.BENCH_DB] : ["sqlite", "postgresql"]) as DbProvider[];
const TRACKING_RUNS = 30;
const LIST_RUNS = 100;
const BASELINE_RUNS = 8;
const NOW = Date.now();
const HOUR = 3_600_000;
const PEOPLE = 2000;
const DEPTS = 60;
/** BENCH_KEEP=1: keep the loaded databases for the next run (drop them by hand after). */
const KEEP = process.env.BENCH_KEEP === "1";
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * The database of `provider`: a fresh one dropped after the run, or with BENCH_KEEP=1 one kept
 * between runs (a SQLite file under the system's temporary directory, a PostgreSQL database
 * named bench_approvals_queries), loaded once and migrated each run, for measuring again after a change.
 */
async function benchDatabase(provider: DbProvider): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === "sqlite") {
    const dir = KEEP ? path.join(tmpdir(), "bench-approvals-queries-kept") : mkdtempSync(path.join(tmpdir(), "bench-approvals-queries-"));
    mkdirSync(dir, { recursive: true });
    return { url: `file:${path.join(dir, "console.db")}`, drop: async () => (KEEP ? undefined : rmSync(dir, { recursive: true, force: true })) };
  }
  const name = KEEP ? "bench_approvals_queries" : `bench_${randomBytes(6).toString("hex")}`;
  if (KEEP) await adminQuery(`CREATE DATABASE ${name}`).catch(() => undefined);
  else await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: async () => (KEEP ? undefined : adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

const TEMPLATES = [
  { processCode: "PROC-LEAVE", name: "请假", slaHours: 48 }, { processCode: "PROC-EXPENSE", name: "报销", slaHours: 72 },
  { processCode: "PROC-TRIP", name: "出差" }, { processCode: "PROC-GENERAL", name: "通用审批", slaHours: 120 },
  { processCode: "PROC-PURCHASE", name: "采购申请" }, { processCode: "PROC-CONTRACT", name: "合同审批", slaHours: 168 },
  { processCode: "PROC-OVERTIME", name: "加班" }, { processCode: "PROC-SEAL", name: "用印申请" },
];
const WORDS = ["回老家", "项目评审", "客户拜访", "服务器采购", "年会物资", "差旅报销", "市场推广", "办公用品", "培训费用", "合同续签", "上海出差", "北京会议", "设备维修", "招聘面试", "团队建设"];
const SELECT = ["年假", "事假", "病假", "调休", "差旅费", "交通费", "餐费", "飞机", "火车"];

function specs(): InstanceSpec[] {
  const r = new SeededRandom(11);
  const out: InstanceSpec[] = [];
  for (let k = 0; k < INSTANCES; k++) {
    const t = TEMPLATES[r.int(0, TEMPLATES.length - 1)];
    const originator = `user${r.int(0, PEOPLE - 1)}`;
    const createdAgo = r.next() * 365 * 24;
    const age = createdAgo;
    // Older instances are mostly settled; a few of any age still run.
    const running = r.next() < (age < 14 * 24 ? 0.45 : 0.04);
    const steps = r.int(1, 3);
    const tasks: NonNullable<InstanceSpec["tasks"]> = [];
    let at = createdAgo;
    const approvers = Array.from({ length: steps }, () => `user${r.int(0, 199)}`);
    let status: InstanceSpec["status"] = "COMPLETED";
    let result = r.next() < 0.85 ? "agree" : "refuse";
    for (let s = 0; s < steps; s++) {
      const took = Math.min(at, r.next() * 72);
      if (running && s === steps - 1) {
        tasks.push({ userId: approvers[s], fromAgo: at });
        status = "RUNNING";
        result = "";
        break;
      }
      tasks.push({ userId: approvers[s], fromAgo: at, toAgo: at - took, result: result === "refuse" && s === steps - 1 ? "REFUSE" : "AGREE" });
      at -= took;
    }
    if (!running && r.next() < 0.05) {
      status = "TERMINATED";
      result = "";
    }
    const word = WORDS[r.int(0, WORDS.length - 1)];
    out.push({
      id: `b${String(k).padStart(7, "0")}`, processCode: t.processCode, title: `${originator}提交的${t.name}`, status, result, originator,
      deptId: 100 + r.int(1, DEPTS), createdAgo, ...(status === "RUNNING" ? {} : { finishedAgo: at }),
      form: [
        { name: "类型", value: SELECT[r.int(0, SELECT.length - 1)], componentType: "DDSelectField" },
        { name: "事由", value: `${word}，编号${r.int(1000, 99999)}`, componentType: "TextareaField" },
        { name: "金额", value: (r.int(100, 2_000_000) / 100).toFixed(2), componentType: "MoneyField" },
      ],
      cc: r.next() < 0.2 ? [`user${r.int(0, PEOPLE - 1)}`] : [],
      tasks,
    });
  }
  return out;
}

function stats(ms: number[]): { p50: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}

async function time(runs: number, fn: (k: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await fn(0);
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    await fn(k);
    ms.push(performance.now() - start);
  }
  return stats(ms);
}

/** The baseline tracking: every matching instance and its tasks read, then counted in memory. */
async function naiveTracking(db: Db, filter: ApprovalFilter): Promise<number> {
  const rows = await db.approvalInstance.findMany({
    where: filter.processCodes ? { processCode: { in: [...filter.processCodes] } } : {},
    select: { processInstanceId: true, status: true, result: true, createTime: true, finishTime: true, processCode: true },
  });
  const tasks = await db.approvalTask.findMany({ where: { status: "RUNNING" }, select: { userId: true, processInstanceId: true } });
  const byStatus = new Map<string, number>();
  for (const r of rows) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
  const cycles = rows.filter((r) => r.finishTime).map((r) => r.finishTime!.getTime() - r.createTime.getTime()).sort((a, b) => a - b);
  return byStatus.size + cycles.length + tasks.length;
}

/** The baseline list: Prisma's `contains` (LIKE '%q%'), sorted, and a count apart. */
async function naiveList(db: Db, q: string): Promise<number> {
  const where = { searchText: { contains: q } };
  const [total, rows] = await Promise.all([
    db.approvalInstance.count({ where }),
    db.approvalInstance.findMany({ where, orderBy: [{ createTime: "desc" }, { processInstanceId: "desc" }], take: 50, select: { processInstanceId: true, title: true } }),
  ]);
  return total + rows.length;
}

const fmt = (x: { p50: number; p95: number }) => `p50 ${x.p50.toFixed(1).padStart(7)} ms  p95 ${x.p95.toFixed(1).padStart(7)} ms`;

async function main(): Promise<void> {
  console.log(`approvals queries: ${INSTANCES.toLocaleString("en")} instances over 12 months, ${TEMPLATES.length} templates, ${PEOPLE} people`);
  const all = specs();
  const instances = all.map((s) => ({ processCode: s.processCode, instance: instanceOf(s, NOW) }));
  const approver = "user7";
  const hr: ApprovalScope = { all: true };
  const own: ApprovalScope = { all: false, userId: approver };
  // Terms of three characters or more go through the text index; shorter ones (上海, 年会) are looked for row by row.
  const queries = ["回老家", "项目评审", "编号1234", "上海出差", "差旅报销", "user42", "设备维修", "年会物资"];
  const shortQueries = ["上海", "维修", "年会", "报销"];
  let failed = false;
  for (const provider of PROVIDERS) {
    const database = await benchDatabase(provider);
    try {
      await migrateDatabase(database.url, { log: () => undefined });
      const db = createDb(database.url);
      const loadStart = performance.now();
      if ((await db.approvalInstance.count()) !== INSTANCES) {
        await db.approvalOperation.deleteMany();
        await db.approvalTask.deleteMany();
        await db.approvalInstance.deleteMany();
        await db.approvalTemplate.deleteMany();
        await db.directoryUser.deleteMany();
        await db.directoryDepartment.deleteMany();
        await writeDepartments(db, [[1, null, "公司"], ...Array.from({ length: DEPTS }, (_, k): [number, number, string] => [101 + k, k < 10 ? 1 : 101 + (k % 10), `部门${101 + k}`])], NOW);
        await writePeople(db, Array.from({ length: PEOPLE }, (_, k): [string, string] => [`user${k}`, `员工${k}`]), NOW);
        await db.approvalTemplate.createMany({ data: TEMPLATES.map((t) => ({ processCode: t.processCode, name: t.name, iconUrl: "", slaHours: t.slaHours ?? null, syncedAt: new Date(NOW) })) });
        for (let k = 0; k < instances.length; k += 10_000) {
          await writeInstancesInBulk(db, instances.slice(k, k + 10_000), new Date(NOW));
          process.stdout.write(`\r[${provider}] loading ${Math.min(k + 10_000, instances.length)} / ${instances.length}`);
        }
      }
      // Statistics (and on PostgreSQL the visibility map, which index-only scans need) as a database
      // that has been in use would have them.
      await db.$executeRawUnsafe(provider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE");
      console.log(`\n[${provider}] loaded in ${((performance.now() - loadStart) / 1000).toFixed(0)} s`);

      const now = new Date(NOW);
      const ninetyDays = { from: new Date(NOW - 90 * 24 * HOUR).toISOString().slice(0, 10) };
      const report = (label: string, s: { p50: number; p95: number }, target: number) => {
        const verdict = target === 0 ? "" : s.p95 < target ? `  ok (< ${target} ms)` : `  OVER (${target} ms)`;
        if (target > 0 && s.p95 >= target) failed = true;
        console.log(`  ${label.padEnd(48)} ${fmt(s)}${verdict}`);
      };
      const track = async (label: string, scope: ApprovalScope, filter: ApprovalFilter, target: number) => report(label, await time(TRACKING_RUNS, () => approvalTracking(db, scope, filter, now)), target);
      const list = async (label: string, scope: ApprovalScope, filter: ApprovalFilter, target: number, terms = queries) =>
        report(label, await time(LIST_RUNS, (k) => listApprovals(db, scope, { ...filter, q: terms[k % terms.length], sort: "createTime", dir: "desc", page: 1 }, now)), target);
      await track("tracking, HR, everything", hr, {}, 100);
      await track("tracking, HR, 2 templates, last 90 days", hr, { processCodes: ["PROC-LEAVE", "PROC-EXPENSE"], ...ninetyDays }, 100);
      await track("tracking, HR, a department with subs", hr, { deptId: 101, includeSubDepts: true }, 100);
      await track(`tracking, approver ${approver} (own)`, own, {}, 100);
      await list("list page, HR, free text", hr, {}, 50);
      await list("list page, HR, free text + template + status", hr, { processCodes: ["PROC-EXPENSE"], status: "COMPLETED" }, 50);
      await list(`list page, approver ${approver}, free text`, own, {}, 50);
      await list("list page, HR, two-character free text (scan)", hr, {}, 0, shortQueries);
      report("baseline: tracking read into memory", await time(BASELINE_RUNS, () => naiveTracking(db, {})), 0);
      report("baseline: list via contains + count", await time(BASELINE_RUNS * 3, (k) => naiveList(db, queries[k % queries.length])), 0);
      const total = await listApprovals(db, hr, { q: "回老家" }, now);
      console.log(`  (a free-text page: ${total.total} matches of ${INSTANCES}; tasks ${await db.approvalTask.count()}, records ${await db.approvalOperation.count()})`);
      await db.$disconnect();
    } finally {
      await database.drop();
    }
  }
  if (failed) process.exitCode = 1;
}

await main();
