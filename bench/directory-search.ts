// Directory search at 100,000 people: p50 and p95 of a mixed set of name, pinyin, initials,
// mobile and job-number queries through `searchDirectory` (FTS5 trigram on SQLite, pg_trgm on
// PostgreSQL), as someone who may read contacts and as a viewer (whose search leaves mobiles and
// emails out), against a naive `searchText LIKE '%q%'` scan measured in the same run.
// `npx tsx bench/directory-search.ts` (BENCH_USERS=20000 for a quicker run; TEST_POSTGRES_URL
// for another server; BENCH_KEEP=1 keeps the PostgreSQL database). Target: p95 under 30 ms on both databases.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import Database from "better-sqlite3";
import pg from "pg";
import { generateOrg } from "../emulator/org/generate";
import type { Org } from "../emulator/org/model";
import { SeededRandom } from "../emulator/util/random";
import { createDb, type Db } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { personPinyin, pinyinOf, searchTextFor } from "../lib/directory/pinyin";
import { searchDirectory } from "../lib/directory/search/search";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const QUERIES = 400;
const BASELINE_QUERIES = 100;
/** BENCH_KEEP=1: leave the PostgreSQL database in place (to read query plans); drop it by hand after. */
const KEEP = process.env.BENCH_KEEP === "1";
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

type Kind = "name" | "pinyin" | "initials" | "mobile" | "jobNumber";
interface Query {
  kind: Kind;
  q: string;
}

interface Rows {
  users: unknown[][];
  departments: unknown[][];
  memberships: unknown[][];
}

const USER_COLUMNS = ["userId", "unionId", "name", "pinyin", "initials", "mobile", "email", "title", "jobNumber", "avatar", "managerUserId", "hiredAt", "active", "admin", "boss", "isManager", "extra", "searchText", "syncedAt", "leftAt"];
const DEPT_COLUMNS = ["deptId", "parentId", "name", "pinyin", "order", "path", "depth", "managerUserIds", "memberCount", "syncedAt", "removedAt"];
const MEMBER_COLUMNS = ["userId", "deptId", "isLeader"];

/** The org as table rows (dates as ISO text, booleans as booleans), the way the sync writes it. */
function tableRows(org: Org): Rows {
  const now = new Date().toISOString();
  const paths = new Map<number, string>();
  for (const d of org.departmentList) paths.set(d.deptId, `${d.parentId === null ? "/" : paths.get(d.parentId)}${d.deptId}/`);
  const leaders = new Set(org.departmentList.flatMap((d) => d.managerUserIds.map((u) => `${u}:${d.deptId}`)));
  const users = org.users.map((u) => {
    const py = personPinyin(u.name);
    const isManager = u.deptIds.some((d) => leaders.has(`${u.userId}:${d}`));
    return [
      u.userId, u.unionId, u.name, py.full, py.initials, u.mobile, u.email, u.title, u.jobNumber, u.avatar, u.managerUserId,
      new Date(u.hiredDate).toISOString(), u.active, u.admin, u.boss, isManager, null,
      searchTextFor({ name: u.name, pinyin: py.full, initials: py.initials, mobile: u.mobile, jobNumber: u.jobNumber, title: u.title, email: u.email }),
      now, null,
    ];
  });
  const departments = org.departmentList.map((d) => {
    const p = paths.get(d.deptId) ?? "/";
    return [d.deptId, d.parentId, d.name, pinyinOf(d.name).full, d.order, p, p.split("/").filter(Boolean).length, JSON.stringify(d.managerUserIds), d.memberIds.length, now, null];
  });
  const memberships = org.users.flatMap((u) => u.deptIds.map((d) => [u.userId, d, leaders.has(`${u.userId}:${d}`)]));
  return { users, departments, memberships };
}

const quoted = (cols: string[]) => cols.map((c) => `"${c}"`).join(", ");

function fillSqlite(file: string, rows: Rows): void {
  const db = new Database(file);
  const sqliteValue = (v: unknown) => (typeof v === "boolean" ? (v ? 1 : 0) : typeof v === "string" && /^\d{4}-\d\d-\d\dT.*Z$/.test(v) ? v.replace("Z", "+00:00") : v);
  const insert = (table: string, cols: string[], data: unknown[][]) => {
    const stmt = db.prepare(`INSERT INTO "${table}" (${quoted(cols)}) VALUES (${cols.map(() => "?").join(", ")})`);
    db.transaction(() => {
      for (const row of data) stmt.run(row.map(sqliteValue));
    })();
  };
  insert("DirectoryDepartment", DEPT_COLUMNS, rows.departments);
  insert("DirectoryUser", USER_COLUMNS, rows.users);
  insert("DirectoryMembership", MEMBER_COLUMNS, rows.memberships);
  db.exec("ANALYZE");
  db.close();
}

const PG_TYPES: Record<string, string> = { deptId: "int", parentId: "int", order: "int", depth: "int", memberCount: "int", active: "bool", admin: "bool", boss: "bool", isManager: "bool", isLeader: "bool", hiredAt: "timestamp", syncedAt: "timestamp", leftAt: "timestamp", removedAt: "timestamp" };

async function fillPostgres(url: string, rows: Rows): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = async (table: string, cols: string[], data: unknown[][]) => {
    for (let at = 0; at < data.length; at += 5000) {
      const chunk = data.slice(at, at + 5000);
      const arrays = cols.map((_, i) => chunk.map((r) => r[i]));
      const unnest = cols.map((c, i) => `$${i + 1}::${PG_TYPES[c] ?? "text"}[]`).join(", ");
      await client.query(`INSERT INTO "${table}" (${quoted(cols)}) SELECT * FROM unnest(${unnest})`, arrays);
    }
  };
  await insert("DirectoryDepartment", DEPT_COLUMNS, rows.departments);
  await insert("DirectoryUser", USER_COLUMNS, rows.users);
  await insert("DirectoryMembership", MEMBER_COLUMNS, rows.memberships);
  await client.query("ANALYZE");
  await client.end();
}

/** Realistic terms, drawn from the people in the org. */
function queries(org: Org): Query[] {
  const rng = new SeededRandom(7, 3);
  const kinds: Kind[] = ["name", "pinyin", "initials", "mobile", "jobNumber"];
  return Array.from({ length: QUERIES }, (_, i) => {
    const u = org.users[Math.floor(rng.next() * org.users.length)];
    const kind = kinds[i % kinds.length];
    const py = personPinyin(u.name);
    switch (kind) {
      case "name":
        return { kind, q: rng.next() < 0.7 ? u.name : u.name.slice(0, 2) };
      case "pinyin":
        return { kind, q: rng.next() < 0.6 ? py.full : py.full.slice(0, Math.max(3, py.full.length - 2)) };
      case "initials":
        return { kind, q: py.initials };
      case "mobile":
        return { kind, q: rng.next() < 0.3 ? u.mobile : rng.next() < 0.5 ? u.mobile.slice(-4) : u.mobile.slice(3, 8) };
      case "jobNumber":
        return { kind, q: u.jobNumber };
    }
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** The naive scan: no index can serve `LIKE '%q%'`, so every row is read. */
async function naive(db: Db, q: string): Promise<void> {
  const pattern = `%${q.toLowerCase().replace(/\s+/g, "").replace(/[\\%_]/g, "\\$&")}%`;
  await db.$queryRawUnsafe(`SELECT "userId" FROM "DirectoryUser" WHERE "searchText" LIKE ? ESCAPE '\\' AND "leftAt" IS NULL ORDER BY "name" LIMIT 20`, pattern);
  await db.$queryRawUnsafe(`SELECT count(*) AS n FROM "DirectoryUser" WHERE "searchText" LIKE ? ESCAPE '\\' AND "leftAt" IS NULL`, pattern);
}

async function naivePg(db: Db, q: string): Promise<void> {
  const pattern = `%${q.toLowerCase().replace(/\s+/g, "").replace(/[\\%_]/g, "\\$&")}%`;
  // A sequential scan, as the naive query would get without the trigram index.
  await db.$transaction([
    db.$executeRawUnsafe("SET LOCAL enable_bitmapscan = off"),
    db.$executeRawUnsafe("SET LOCAL enable_indexscan = off"),
    db.$queryRawUnsafe(`SELECT "userId" FROM "DirectoryUser" WHERE "searchText" LIKE $1 AND "leftAt" IS NULL ORDER BY "name" LIMIT 20`, pattern),
    db.$queryRawUnsafe(`SELECT count(*) AS n FROM "DirectoryUser" WHERE "searchText" LIKE $1 AND "leftAt" IS NULL`, pattern),
  ]);
}

interface Figures {
  database: string;
  kind: string;
  queries: number;
  p50: number;
  p95: number;
  naiveP50?: number;
  naiveP95?: number;
}

async function measure(database: string, db: Db, set: Query[], baseline: (db: Db, q: string) => Promise<void>): Promise<Figures[]> {
  for (const { q } of set.slice(0, 20)) await searchDirectory(db, { q, pageSize: 20, matchContacts: true });
  const timings: { kind: Kind; ms: number; hits: number }[] = [];
  // As someone who may read contacts (every field matches), then as a viewer (contacts do not).
  for (const { kind, q } of set) {
    let hits = 0;
    const ms = await time(async () => {
      hits = (await searchDirectory(db, { q, pageSize: 20, matchContacts: true })).total;
    });
    timings.push({ kind, ms, hits });
  }
  const viewerTimings: number[] = [];
  for (const { q } of set.filter((s) => s.kind !== "mobile")) viewerTimings.push(await time(() => searchDirectory(db, { q, pageSize: 20 })));
  const naiveTimings: { kind: Kind; ms: number }[] = [];
  for (const { kind, q } of set.filter((_, i) => i % Math.ceil(QUERIES / BASELINE_QUERIES) === 0)) {
    naiveTimings.push({ kind, ms: await time(() => baseline(db, q)) });
  }
  const misses = timings.filter((t) => t.hits === 0).length;
  if (misses > 0) console.warn(`${database}: ${misses} queries found nobody (they are drawn from real people)`);
  const summarise = (kind: string, ts: number[], ns: number[]): Figures => {
    const s = [...ts].sort((a, b) => a - b);
    const n = [...ns].sort((a, b) => a - b);
    return { database, kind, queries: s.length, p50: +pct(s, 50).toFixed(2), p95: +pct(s, 95).toFixed(2), naiveP50: n.length ? +pct(n, 50).toFixed(2) : undefined, naiveP95: n.length ? +pct(n, 95).toFixed(2) : undefined };
  };
  const kinds = [...new Set(set.map((s) => s.kind))];
  return [
    summarise("all", timings.map((t) => t.ms), naiveTimings.map((t) => t.ms)),
    summarise("viewer (no mobile)", viewerTimings, []),
    ...kinds.map((k) => summarise(k, timings.filter((t) => t.kind === k).map((t) => t.ms), naiveTimings.filter((t) => t.kind === k).map((t) => t.ms))),
  ];
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function main() {
  let t0 = performance.now();
  const org = generateOrg({ seed: 42, users: USERS, corpId: "dingbench" });
  const rows = tableRows(org);
  const set = queries(org);
  console.log(`org of ${org.users.length} people in ${org.departmentList.length} departments, rows built in ${Math.round(performance.now() - t0)} ms`);
  const results: Figures[] = [];

  const dir = mkdtempSync(path.join(tmpdir(), "bench-directory-search-"));
  const sqliteUrl = `file:${path.join(dir, "console.db")}`;
  const pgName = `bench_${randomBytes(5).toString("hex")}`;
  try {
    await migrateDatabase(sqliteUrl, { log: () => undefined });
    t0 = performance.now();
    fillSqlite(sqliteUrl.slice("file:".length), rows);
    console.log(`sqlite: filled in ${Math.round(performance.now() - t0)} ms (index kept by triggers)`);
    const sqlite = createDb(sqliteUrl);
    results.push(...(await measure("sqlite", sqlite, set, naive)));
    await sqlite.$disconnect();

    await adminQuery(`CREATE DATABASE ${pgName}`);
    const url = new URL(ADMIN_URL);
    url.pathname = `/${pgName}`;
    await migrateDatabase(url.toString(), { log: () => undefined });
    t0 = performance.now();
    await fillPostgres(url.toString(), rows);
    console.log(`postgresql: filled in ${Math.round(performance.now() - t0)} ms`);
    const postgres = createDb(url.toString());
    results.push(...(await measure("postgresql", postgres, set, naivePg)));
    await postgres.$disconnect();
    if (KEEP) console.log(`postgresql database kept for EXPLAIN: ${url.toString()}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (!KEEP) await adminQuery(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`).catch(() => undefined);
  }

  console.table(
    results.map((r) => ({
      ...r,
      "naive p95 / p95": r.naiveP95 !== undefined ? `${(r.naiveP95 / r.p95).toFixed(1)}×` : "",
      "p95 < 30 ms": r.p95 < 30 ? "yes" : "NO",
    })),
  );
}

await main();
