import { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { can } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db/client";
import { dialectOf, prefixUpperBound, type SqlDialect } from "@/lib/db/sql-dialect";
import { addDaysTo, dayStart, shanghaiDay } from "@/lib/time";

// What the approvals pages read from the index: the tracking figures and the filtered list,
// both over the same filters and both within what the person may see. Everything is computed by
// the database in a few statements (no instance is read into memory to be counted), so that the
// answers stay in milliseconds with a year or more of the org's approvals.

export const INSTANCE_STATUSES = ["NEW", "RUNNING", "COMPLETED", "TERMINATED", "CANCELED"] as const;
export type InstanceStatusFilter = (typeof INSTANCE_STATUSES)[number];
/** "none": no result (still running, or revoked). */
export const INSTANCE_RESULTS = ["agree", "refuse", "none"] as const;
export type InstanceResultFilter = (typeof INSTANCE_RESULTS)[number];
const PENDING = ["NEW", "RUNNING"] as const;

export const LIST_SORT_FIELDS = ["createTime", "finishTime", "title", "status", "processCode"] as const;
export type ApprovalSortField = (typeof LIST_SORT_FIELDS)[number];

/** Who is looking: everything (HR, admins) or what one person started, must act on or is copied on. */
export type ApprovalScope = { all: true } | { all: false; userId: string };

/** The scope a person's roles give, or null when they may see no approval at all (viewers). */
export function approvalScopeOf(actor: { userId: string; roles: readonly string[] }): ApprovalScope | null {
  if (can(actor.roles, "approvals.read.all")) return { all: true };
  if (can(actor.roles, "approvals.read.own")) return { all: false, userId: actor.userId };
  return null;
}

export interface ApprovalFilter {
  processCodes?: readonly string[];
  status?: InstanceStatusFilter;
  result?: InstanceResultFilter;
  originatorUserId?: string;
  deptId?: number;
  /** With `deptId`: the originators of every department below it too. */
  includeSubDepts?: boolean;
  /** Someone who must act on it now (a RUNNING task). */
  approverUserId?: string;
  /** Started on or after this Shanghai day ("yyyy-MM-dd"). */
  from?: string;
  /** Started on or before this Shanghai day. */
  to?: string;
  /** Pending and past its template's time limit. */
  overdue?: boolean;
  /** Free text over the title and form values. */
  q?: string;
}

const likeContains = (needle: string) => `%${needle.replace(/[\\%_]/g, "\\$&")}%`;

/** An FTS5 phrase: the whole needle as one substring, whatever it holds (quotes doubled). */
const ftsPhrase = (needle: string) => `"${needle.replace(/"/g, '""')}"`;

/**
 * Instances whose title or form values contain `needle`: on SQLite through the trigram index
 * for three characters or more (a shorter term has no trigram, and is looked for row by row);
 * on PostgreSQL LIKE, which the trigram GIN index answers.
 */
function textMatches(d: SqlDialect, needle: string): Sql {
  if (d.provider === "sqlite" && [...needle].length >= 3) {
    return sql`i."processInstanceId" IN (SELECT r."processInstanceId" FROM "ApprovalInstanceSearch"
      JOIN "ApprovalInstanceSearchRow" r ON r."id" = "ApprovalInstanceSearch".rowid WHERE "ApprovalInstanceSearch" MATCH ${ftsPhrase(needle)})`;
  }
  return contains(d, raw(`i."searchText"`), needle);
}

/** `text` contains `needle` (both already lower-cased where it matters). */
function contains(d: SqlDialect, column: Sql, needle: string): Sql {
  // SQLite's instr() is a plain substring test; on PostgreSQL, LIKE can use the trigram index.
  return d.provider === "sqlite" ? sql`instr(${column}, ${needle}) > 0` : sql`${column} LIKE ${likeContains(needle)} ESCAPE '\\'`;
}

export interface SlaTemplate {
  processCode: string;
  slaHours: number;
}

/** Pending instances past their template's time limit at `now`; false when no template has one. */
function overdueCondition(d: SqlDialect, slas: readonly SlaTemplate[], now: Date): Sql {
  if (slas.length === 0) return sql`1 = 0`;
  const each = slas.map((s) => sql`(i."processCode" = ${s.processCode} AND i."createTime" < ${d.timestamp(new Date(now.getTime() - s.slaHours * 3_600_000))})`);
  return sql`(i."status" IN (${join([...PENDING])}) AND (${join(each, " OR ")}))`;
}

export async function slaTemplates(db: Db): Promise<SlaTemplate[]> {
  const rows = await db.approvalTemplate.findMany({ where: { slaHours: { not: null } }, select: { processCode: true, slaHours: true } });
  return rows.flatMap((r) => (r.slaHours !== null && r.slaHours > 0 ? [{ processCode: r.processCode, slaHours: r.slaHours }] : []));
}

/** The department ids (as the index keeps them, text) a department filter covers; null: an unknown department. */
async function departmentIds(db: Db, d: SqlDialect, deptId: number, withSubs: boolean): Promise<string[] | null> {
  if (!withSubs) return [String(deptId)];
  const dept = await db.directoryDepartment.findUnique({ where: { deptId }, select: { path: true } });
  // A department the directory does not know (not synced yet) still filters by its own id.
  if (!dept) return [String(deptId)];
  const path = d.text(`"path"`);
  const rows = await db.$queryRaw<{ deptId: number }[]>(sql`SELECT "deptId" FROM "DirectoryDepartment" WHERE ${path} >= ${dept.path} AND ${path} < ${prefixUpperBound(dept.path)}`);
  return [...new Set([deptId, ...rows.map((r) => Number(r.deptId))])].map(String);
}

interface Where {
  d: SqlDialect;
  /** No condition at all: the whole index, whose summaries its own indexes answer. */
  whole: boolean;
  /** Templates only (or nothing): per-template summaries still come from the indexes. */
  templatesOnly: readonly string[] | null;
  /** The WHERE clause over `"ApprovalInstance" i`, "WHERE …" or empty. */
  where: Sql;
  /** The same conditions, to be ANDed to a WHERE of one's own. */
  and: Sql;
  slas: SlaTemplate[];
  now: Date;
}

/** The conditions of a filter within a scope, over the instance table aliased `i`. */
export async function whereOf(db: Db, scope: ApprovalScope, filter: ApprovalFilter, now: Date = new Date()): Promise<Where> {
  const d = await dialectOf(db);
  const slas = await slaTemplates(db);
  const c: Sql[] = [];
  if (!scope.all) {
    const me = scope.userId;
    // The ids they are on, each part through its own index, rather than an OR the planner can only scan for.
    c.push(sql`i."processInstanceId" IN (
      SELECT st."processInstanceId" FROM "ApprovalTask" st WHERE st."userId" = ${me}
      UNION SELECT so."processInstanceId" FROM "ApprovalInstance" so WHERE so."originatorUserId" = ${me}
      UNION SELECT sc."processInstanceId" FROM "ApprovalCc" sc WHERE sc."userId" = ${me})`);
  }
  if (filter.processCodes && filter.processCodes.length > 0) c.push(sql`i."processCode" IN (${join([...filter.processCodes])})`);
  if (filter.status) c.push(sql`i."status" = ${filter.status}`);
  if (filter.result) c.push(sql`i."result" = ${filter.result === "none" ? "" : filter.result}`);
  if (filter.originatorUserId) c.push(sql`i."originatorUserId" = ${filter.originatorUserId}`);
  if (filter.deptId !== undefined) {
    const ids = await departmentIds(db, d, filter.deptId, filter.includeSubDepts ?? true);
    c.push(ids && ids.length > 0 ? sql`i."originatorDeptId" IN (${join(ids)})` : sql`1 = 0`);
  }
  if (filter.approverUserId) {
    c.push(sql`EXISTS (SELECT 1 FROM "ApprovalTask" ct WHERE ct."processInstanceId" = i."processInstanceId" AND ct."userId" = ${filter.approverUserId} AND ct."status" = 'RUNNING')`);
  }
  if (filter.from) c.push(sql`i."createTime" >= ${d.timestamp(dayStart(filter.from))}`);
  if (filter.to) c.push(sql`i."createTime" < ${d.timestamp(dayStart(addDaysTo(filter.to, 1)))}`);
  if (filter.overdue) c.push(overdueCondition(d, slas, now));
  const needle = filter.q?.trim().toLowerCase();
  if (needle) c.push(textMatches(d, needle));
  const onlyCodes = c.length === 0 || (c.length === 1 && (filter.processCodes?.length ?? 0) > 0);
  return {
    d,
    whole: c.length === 0,
    templatesOnly: onlyCodes ? [...(filter.processCodes ?? [])] : null,
    where: c.length > 0 ? sql`WHERE ${join(c, " AND ")}` : empty,
    and: c.length > 0 ? sql`AND ${join(c, " AND ")}` : empty,
    slas,
    now,
  };
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const instant = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));

// ---------------------------------------------------------------------------------------------
// Tracking

export const AGE_BUCKETS = [
  { key: "lt1d", days: 1 },
  { key: "d1to3", days: 3 },
  { key: "d3to7", days: 7 },
  { key: "d7to30", days: 30 },
  { key: "gt30d", days: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number]["key"];

export interface ApprovalTracking {
  total: number;
  byStatus: { status: InstanceStatusFilter; count: number }[];
  byResult: { result: InstanceResultFilter; count: number }[];
  pendingByAge: { bucket: AgeBucket; count: number }[];
  overdue: { processCode: string; name: string; slaHours: number; pending: number; overdue: number }[];
  overdueTotal: number;
  /** The people with the most pending tasks, and how long they took to act on the tasks they finished. */
  bottlenecks: { userId: string; name: string | null; pending: number; oldestWaitSeconds: number | null; medianActSeconds: number | null; acted: number }[];
  /** Weeks (Monday, Shanghai) with the instances started and finished in them. */
  weekly: { week: string; started: number; finished: number }[];
  /** Completed instances per template: how long from start to finish. */
  cycleTimes: { processCode: string; name: string; completed: number; p50Seconds: number; p90Seconds: number }[];
}

/** The Monday ("yyyy-MM-dd") of the Shanghai week holding `day`. */
export function weekOf(day: string): string {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDaysTo(day, -((dow + 6) % 7));
}

/** The weeks a tracking page shows: those of the filter's time range (at most 26, the latest), else the last 12. */
export function trackingWeeks(filter: Pick<ApprovalFilter, "from" | "to">, now: Date): string[] {
  const last = weekOf(filter.to ?? shanghaiDay(now));
  const first = filter.from ? weekOf(filter.from) : addDaysTo(last, -7 * 11);
  const weeks: string[] = [];
  for (let w = last; w >= first && weeks.length < 26; w = addDaysTo(w, -7)) weeks.unshift(w);
  return weeks;
}

const rankOf = (n: number, p: "p50" | "p90") => (p === "p50" ? Math.floor((n + 1) / 2) : Math.floor((9 * n + 9) / 10));

/**
 * Nearest-rank percentiles (50th and 90th) of `s` (whole seconds) per group `g` of `inner`: each
 * group's values come back as one string and are sorted here. A window function (ROW_NUMBER over
 * each group, sorted by the database) took three times as long on SQLite for a department's
 * ten thousand instances, and returning a row per value costs more still.
 */
async function percentiles(db: Db, d: SqlDialect, inner: Sql): Promise<Map<string, { n: number; p50: number; p90: number }>> {
  const values = d.provider === "sqlite" ? sql`group_concat(s)` : sql`string_agg(CAST(s AS TEXT), ',')`;
  const rows = await db.$queryRaw<{ g: string; v: string | null }[]>(sql`SELECT g, ${values} AS v FROM (${inner}) x GROUP BY g`);
  const out = new Map<string, { n: number; p50: number; p90: number }>();
  for (const r of rows) {
    if (!r.v) continue;
    const sorted = r.v.split(",").map(Number).sort((a, b) => a - b);
    const n = sorted.length;
    out.set(r.g, { n, p50: Math.max(0, sorted[rankOf(n, "p50") - 1]), p90: Math.max(0, sorted[rankOf(n, "p90") - 1]) });
  }
  return out;
}

/**
 * The same percentiles of `value` per `group` of a table, read from its (group, value) index: a
 * count per group (unless `sizes` gives them), then each rank by walking the index from its
 * nearer end, without sorting anything. For every group, or the groups in `only`. Completed
 * instances' cycle times per template; approvers' times to act.
 */
async function percentilesFromIndex(
  db: Db, table: "ApprovalInstance" | "ApprovalTask", group: "processCode" | "userId", value: "cycleSeconds" | "actSeconds",
  only: readonly string[], sizes?: ReadonlyMap<string, number>,
): Promise<Map<string, { n: number; p50: number; p90: number }>> {
  const [from, g, v] = [raw(`"${table}"`), raw(`"${group}"`), raw(`"${value}"`)];
  const restrict = only.length > 0 ? sql`AND ${g} IN (${join([...only])})` : empty;
  const counts = sizes
    ? [...sizes].filter(([key, n]) => n > 0 && (only.length === 0 || only.includes(key))).map(([key, n]) => ({ g: key, n }))
    : await db.$queryRaw<{ g: string; n: unknown }[]>(sql`SELECT ${g} AS g, COUNT(*) AS n FROM ${from} WHERE ${v} IS NOT NULL ${restrict} GROUP BY ${g}`);
  const out = new Map<string, { n: number; p50: number; p90: number }>();
  if (counts.length === 0) return out;
  // Every rank of every group in one statement: a seek and a short walk each.
  const ranks = counts.flatMap(({ g: key, n: raw }) => {
    const n = num(raw);
    return [{ g: key, n, p: "p50" as const, rank: rankOf(n, "p50") }, { g: key, n, p: "p90" as const, rank: rankOf(n, "p90") }];
  });
  const rows = await db.$queryRaw<{ k: unknown; s: unknown }[]>(sql`${join(ranks.map((r, k) => {
    const fromTop = r.rank > r.n / 2;
    return sql`SELECT * FROM (SELECT ${k} AS k, ${v} AS s FROM ${from} WHERE ${g} = ${r.g} AND ${v} IS NOT NULL
      ORDER BY ${v} ${raw(fromTop ? "DESC" : "ASC")} LIMIT 1 OFFSET ${fromTop ? r.n - r.rank : r.rank - 1}) ${raw(`r${k}`)}`;
  }), " UNION ALL ")}`);
  for (const row of rows) {
    const r = ranks[num(row.k)];
    const entry = out.get(r.g) ?? { n: r.n, p50: 0, p90: 0 };
    entry[r.p] = num(row.s);
    out.set(r.g, entry);
  }
  return out;
}

async function names(db: Db, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const users = await db.directoryUser.findMany({ where: { userId: { in: [...new Set(userIds)] } }, select: { userId: true, name: true } });
  return new Map(users.map((u) => [u.userId, u.name]));
}

export async function templateNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.approvalTemplate.findMany({ select: { processCode: true, name: true } });
  return new Map(rows.map((r) => [r.processCode, r.name]));
}

const BOTTLENECKS = 10;

/** Everything the tracking page charts, for one filter within one scope. */
export async function approvalTracking(db: Db, scope: ApprovalScope, filter: ApprovalFilter, now: Date = new Date()): Promise<ApprovalTracking> {
  const w = await whereOf(db, scope, filter, now);
  const { d } = w;
  const ts = (date: Date) => d.timestamp(date);
  const pending = sql`i."status" IN (${join([...PENDING])})`;

  // Ages of the pending: a bucket per column, each "created at or after its bound, before the newer one".
  const bounds = AGE_BUCKETS.map((b) => (Number.isFinite(b.days) ? new Date(now.getTime() - b.days * 86_400_000) : null));
  const ageConds = AGE_BUCKETS.map((_, k) => {
    const newer = k === 0 ? null : bounds[k - 1];
    const older = bounds[k];
    const cond = [older ? sql`i."createTime" >= ${ts(older)}` : null, newer ? sql`i."createTime" < ${ts(newer)}` : null].filter((x): x is Sql => x !== null);
    return cond.length > 0 ? join(cond, " AND ") : sql`1 = 1`;
  });
  const weeks = trackingWeeks(filter, now);
  const edges = [...weeks, addDaysTo(weeks[weeks.length - 1], 7)].map((day) => ts(dayStart(day)));
  const sum = (cond: Sql, name: string) => sql`SUM(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS ${raw(name)}`;

  // Instances started (or finished) in each week: a count per week off the column's index.
  const perWeek = (column: "createTime" | "finishTime") => db.$queryRaw<{ k: unknown; n: unknown }[]>(sql`${join(
    weeks.map((_, k) => sql`SELECT ${k} AS k, COUNT(*) AS n FROM "ApprovalInstance" i WHERE i.${raw(`"${column}"`)} >= ${edges[k]} AND i.${raw(`"${column}"`)} < ${edges[k + 1]}`),
    " UNION ALL ",
  )}`).then((rows) => weeks.map((_, k) => num(rows.find((r) => num(r.k) === k)?.n)));

  let figures: Promise<InstanceFigures>;
  if (w.whole) {
    // The whole index: each figure from an index of its own, no row read.
    // Independent statements: PostgreSQL runs them side by side on the pool's connections.
    figures = Promise.all([
      // In the order of the (status, result, processCode, cycleSeconds) index: one walk, nothing sorted.
      db.$queryRaw<{ status: string; result: string; code: string; n: unknown; c: unknown }[]>(sql`
        SELECT i."status" AS status, i."result" AS result, i."processCode" AS code, COUNT(*) AS n, COUNT(i."cycleSeconds") AS c
        FROM "ApprovalInstance" i GROUP BY i."status", i."result", i."processCode"`),
      db.$queryRaw<Record<string, unknown>[]>(sql`SELECT ${join(ageConds.map((c, k) => sum(c, `a${k}`)), ", ")} FROM "ApprovalInstance" i WHERE ${pending}`),
      w.slas.length === 0 ? [] : db.$queryRaw<{ processCode: string; n: unknown; o: unknown }[]>(sql`
        SELECT i."processCode" AS "processCode", COUNT(*) AS n, SUM(CASE WHEN ${overdueCondition(d, w.slas, now)} THEN 1 ELSE 0 END) AS o
        FROM "ApprovalInstance" i WHERE ${pending} AND i."processCode" IN (${join(w.slas.map((x) => x.processCode))}) GROUP BY i."processCode"`),
      perWeek("createTime"),
      perWeek("finishTime"),
    ]).then(([counts, [ages], overdueRows, started, finished]) => ({
      counts: counts.map((c) => ({ status: c.status, result: c.result, n: num(c.n) })),
      ages: AGE_BUCKETS.map((_, k) => num(ages?.[`a${k}`])),
      overdue: new Map(overdueRows.map((r) => [r.processCode, { pending: num(r.n), overdue: num(r.o) }])),
      started,
      finished,
      completed: counts.reduce((m, c) => m.set(c.code, (m.get(c.code) ?? 0) + num(c.c)), new Map<string, number>()),
    }));
  } else {
    figures = filteredFigures(db, w, weeks, edges, bounds);
  }

  // The people with the most running tasks. Over the whole index the tasks alone answer (a running
  // task is a pending instance's); a filter is walked from its instances (their indexes hold every
  // column the filter names) to their tasks, never from every running task to its instance.
  const tasksOf = w.whole ? sql`"ApprovalTask" t WHERE` : sql`"ApprovalInstance" i CROSS JOIN "ApprovalTask" t WHERE t."processInstanceId" = i."processInstanceId" AND`;
  const topQuery = db.$queryRaw<{ userId: string; n: unknown; oldest: unknown }[]>(sql`
    SELECT t."userId" AS "userId", COUNT(*) AS n, MIN(t."createTime") AS oldest FROM ${tasksOf}
    t."status" = 'RUNNING' ${w.whole ? empty : sql`AND ${pending}`} ${w.and}
    GROUP BY t."userId" ORDER BY n DESC, t."userId" LIMIT ${BOTTLENECKS}`);
  const [f, top, templates] = await Promise.all([figures, topQuery, templateNames(db)]);
  const approvers = top.map((r) => r.userId);
  // How long each took to act: over the whole index from the (userId, actSeconds) index, else from the filter's tasks.
  const acted = approvers.length === 0 ? new Map<string, { n: number; p50: number; p90: number }>() : w.whole
    ? percentilesFromIndex(db, "ApprovalTask", "userId", "actSeconds", approvers)
    : percentiles(db, d, sql`SELECT t."userId" AS g, t."actSeconds" AS s FROM ${tasksOf} t."userId" IN (${join(approvers)}) AND t."actSeconds" IS NOT NULL ${w.and}`);
  // Cycle times: with templates alone, walked along the (processCode, cycleSeconds) index; else
  // from the filter's rows, found through the filter's own (covering) index.
  const cyclesQuery = w.templatesOnly !== null ? percentilesFromIndex(db, "ApprovalInstance", "processCode", "cycleSeconds", w.templatesOnly, f.completed) : percentiles(db, d, sql`
    SELECT i."processCode" AS g, i."cycleSeconds" AS s FROM "ApprovalInstance" i WHERE i."cycleSeconds" IS NOT NULL ${w.and}`);
  const [actedBy, cycles, people] = await Promise.all([acted, cyclesQuery, names(db, approvers)]);

  const byStatus = new Map<string, number>();
  const byResult = new Map<string, number>();
  let total = 0;
  for (const r of f.counts) {
    total += r.n;
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    if (!(PENDING as readonly string[]).includes(r.status)) byResult.set(r.result || "none", (byResult.get(r.result || "none") ?? 0) + r.n);
  }
  const overdue = w.slas.map((s) => {
    const o = f.overdue.get(s.processCode);
    return { processCode: s.processCode, name: templates.get(s.processCode) ?? s.processCode, slaHours: s.slaHours, pending: o?.pending ?? 0, overdue: o?.overdue ?? 0 };
  });
  return {
    total,
    byStatus: INSTANCE_STATUSES.map((status) => ({ status, count: byStatus.get(status) ?? 0 })),
    byResult: INSTANCE_RESULTS.map((result) => ({ result, count: byResult.get(result) ?? 0 })),
    pendingByAge: AGE_BUCKETS.map((bucket, k) => ({ bucket: bucket.key, count: f.ages[k] })),
    overdue,
    overdueTotal: overdue.reduce((n, o) => n + o.overdue, 0),
    bottlenecks: top.map((r) => {
      const oldest = instant(r.oldest);
      const a = actedBy.get(r.userId);
      return {
        userId: r.userId, name: people.get(r.userId) ?? null, pending: num(r.n),
        oldestWaitSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : null,
        medianActSeconds: a ? Math.round(a.p50) : null, acted: a?.n ?? 0,
      };
    }),
    weekly: weeks.map((week, k) => ({ week, started: f.started[k], finished: f.finished[k] })),
    cycleTimes: [...cycles.entries()]
      .map(([processCode, c]) => ({ processCode, name: templates.get(processCode) ?? processCode, completed: c.n, p50Seconds: Math.round(c.p50), p90Seconds: Math.round(c.p90) }))
      .sort((a, b) => b.completed - a.completed || a.processCode.localeCompare(b.processCode)),
  };
}

/** The instance figures of the tracking page, however they were read. */
interface InstanceFigures {
  counts: { status: string; result: string; n: number }[];
  /** Pending instances per age bucket (AGE_BUCKETS' order). */
  ages: number[];
  /** Per template with a time limit: its pending instances and how many of them are overdue. */
  overdue: Map<string, { pending: number; overdue: number }>;
  /** Per week of the page: instances started, and instances finished. */
  started: number[];
  finished: number[];
  /** Completed instances with a cycle time, per template. */
  completed: Map<string, number>;
}

/**
 * Every instance figure of a filter in one pass over the matching rows, grouped by a few small
 * keys (status, result, template, the week started and finished in, a pending one's age bucket
 * and whether it is overdue) and added up here. A key per row costs one expression each, where a
 * count per figure would cost one per figure and row; the covering indexes of the filter columns
 * hold every column read, so no row of the (wide) instance table is visited.
 */
async function filteredFigures(db: Db, w: Where, weeks: readonly string[], edges: readonly (Date | string)[], bounds: readonly (Date | null)[]): Promise<InstanceFigures> {
  const { d, now } = w;
  const first = dayStart(weeks[0]);
  const weekOfColumn = (column: string) => {
    const c = raw(`i."${column}"`);
    const seconds = d.provider === "sqlite" ? raw(`((julianday(i."${column}") - ${first.getTime() / 86_400_000 + 2_440_587.5}) * 86400.0)`) : raw(`(EXTRACT(EPOCH FROM i."${column}") - ${first.getTime() / 1000})`);
    // Half a millisecond over: SQLite's julianday is a double, and an instance started at a week's
    // first instant must not fall into the week before.
    const week = d.provider === "sqlite" ? sql`CAST((${seconds} + 0.0005) / 604800 AS INTEGER)` : sql`CAST(FLOOR(${seconds} / 604800) AS INTEGER)`;
    return sql`CASE WHEN ${c} >= ${edges[0]} AND ${c} < ${edges[edges.length - 1]} THEN ${week} ELSE -1 END`;
  };
  const pending = sql`i."status" IN (${join([...PENDING])})`;
  const age = sql`CASE WHEN ${pending} THEN CASE ${join(
    bounds.flatMap((bound, k) => (bound ? [sql`WHEN i."createTime" >= ${d.timestamp(bound)} THEN ${raw(String(k))}`] : [])),
    " ",
  )} ELSE ${raw(String(bounds.length - 1))} END ELSE -1 END`;
  const rows = await db.$queryRaw<{ status: string; result: string; code: string; cw: unknown; fw: unknown; age: unknown; late: unknown; n: unknown; c: unknown }[]>(sql`
    SELECT i."status" AS status, i."result" AS result, i."processCode" AS code, ${weekOfColumn("createTime")} AS cw, ${weekOfColumn("finishTime")} AS fw,
      ${age} AS age, CASE WHEN ${overdueCondition(d, w.slas, now)} THEN 1 ELSE 0 END AS late, COUNT(*) AS n, COUNT(i."cycleSeconds") AS c
    FROM "ApprovalInstance" i ${w.where} GROUP BY 1, 2, 3, 4, 5, 6, 7`);
  const counts = new Map<string, { status: string; result: string; n: number }>();
  const ages = bounds.map(() => 0);
  const started = weeks.map(() => 0);
  const finished = weeks.map(() => 0);
  const withSla = new Set(w.slas.map((x) => x.processCode));
  const overdue = new Map<string, { pending: number; overdue: number }>();
  const completed = new Map<string, number>();
  for (const r of rows) {
    const n = num(r.n);
    const key = `${r.status}\u0000${r.result}`;
    const entry = counts.get(key) ?? { status: r.status, result: r.result, n: 0 };
    entry.n += n;
    counts.set(key, entry);
    const [cw, fw, bucket] = [num(r.cw), r.fw === null ? -1 : num(r.fw), num(r.age)];
    if (cw >= 0 && cw < weeks.length) started[cw] += n;
    if (fw >= 0 && fw < weeks.length) finished[fw] += n;
    if (bucket >= 0) {
      ages[bucket] += n;
      if (withSla.has(r.code)) {
        const o = overdue.get(r.code) ?? { pending: 0, overdue: 0 };
        o.pending += n;
        o.overdue += num(r.late) === 1 ? n : 0;
        overdue.set(r.code, o);
      }
    }
    if (num(r.c) > 0) completed.set(r.code, (completed.get(r.code) ?? 0) + num(r.c));
  }
  return { counts: [...counts.values()], ages, overdue, started, finished, completed };
}

// ---------------------------------------------------------------------------------------------
// The list

export interface ApprovalListInput extends ApprovalFilter {
  sort?: ApprovalSortField;
  dir?: "asc" | "desc";
  page?: number;
  pageSize?: number;
}

export interface ApprovalRow {
  processInstanceId: string;
  title: string;
  processCode: string;
  templateName: string;
  status: string;
  result: string;
  originatorUserId: string;
  originatorName: string | null;
  originatorDeptName: string;
  createTime: Date;
  finishTime: Date | null;
  /** Who must act now, with when their task started. */
  approvers: { userId: string; name: string | null; since: Date | null }[];
  overdue: boolean;
}

function orderBy(d: SqlDialect, sort: ApprovalSortField, dir: "asc" | "desc"): Sql {
  const column = sort === "createTime" || sort === "finishTime" ? raw(`i."${sort}"`) : d.text(`i."${sort}"`);
  const direction = raw(dir === "asc" ? "ASC" : "DESC");
  // The id breaks ties, so that pages neither repeat nor skip an instance; no finish time goes last.
  return sql`ORDER BY ${column} ${direction} NULLS LAST, i."processInstanceId" ${direction}`;
}

/** The rows for `ids`, in that order, with template names, originators and current approvers. */
export async function approvalRows(db: Db, ids: readonly string[], slas: readonly SlaTemplate[], now: Date): Promise<ApprovalRow[]> {
  if (ids.length === 0) return [];
  const [rows, tasks, templates] = await Promise.all([
    db.approvalInstance.findMany({ where: { processInstanceId: { in: [...ids] } }, omit: { searchText: true, formValues: true, ccUserIds: true } }),
    db.approvalTask.findMany({ where: { processInstanceId: { in: [...ids] }, status: "RUNNING" }, select: { processInstanceId: true, userId: true, createTime: true }, orderBy: { createTime: "asc" } }),
    templateNames(db),
  ]);
  const people = await names(db, [...rows.map((r) => r.originatorUserId), ...tasks.map((t) => t.userId)]);
  const sla = new Map(slas.map((s) => [s.processCode, s.slaHours]));
  const byId = new Map(rows.map((r) => [r.processInstanceId, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const hours = sla.get(r.processCode);
    return [{
      processInstanceId: r.processInstanceId, title: r.title, processCode: r.processCode, templateName: templates.get(r.processCode) ?? r.processCode,
      status: r.status, result: r.result, originatorUserId: r.originatorUserId, originatorName: people.get(r.originatorUserId) ?? null,
      originatorDeptName: r.originatorDeptName, createTime: r.createTime, finishTime: r.finishTime,
      approvers: tasks.filter((t) => t.processInstanceId === id).map((t) => ({ userId: t.userId, name: people.get(t.userId) ?? null, since: t.createTime })),
      overdue: hours !== undefined && (PENDING as readonly string[]).includes(r.status) && now.getTime() - r.createTime.getTime() > hours * 3_600_000,
    }];
  });
}

export const LIST_PAGE_SIZE = 50;

/** One page of the filtered list, sorted and paged by the database, and the number of matches. */
export async function listApprovals(db: Db, scope: ApprovalScope, input: ApprovalListInput, now: Date = new Date()): Promise<{ rows: ApprovalRow[]; total: number }> {
  const w = await whereOf(db, scope, input, now);
  const pageSize = Math.min(Math.max(1, input.pageSize ?? LIST_PAGE_SIZE), 1000);
  const offset = (Math.max(1, input.page ?? 1) - 1) * pageSize;
  const order = orderBy(w.d, input.sort ?? "createTime", input.dir ?? "desc");
  const count = () => db.$queryRaw<{ n: unknown }[]>(sql`SELECT COUNT(*) AS n FROM "ApprovalInstance" i ${w.where}`).then((r) => num(r[0]?.n));
  if (input.q?.trim()) {
    // Free text: the matches found once (through the text index), then counted, sorted and cut to
    // the page in the same statement, rather than found twice.
    const page = await db.$queryRaw<{ id: string; n: unknown }[]>(sql`
      WITH m AS MATERIALIZED (SELECT i."processInstanceId", i."createTime", i."finishTime", i."title", i."status", i."processCode" FROM "ApprovalInstance" i ${w.where})
      SELECT i."processInstanceId" AS id, (SELECT COUNT(*) FROM m) AS n FROM m i ${order} LIMIT ${pageSize} OFFSET ${offset}`);
    // A page past the end has no row to carry the count.
    const total = page.length > 0 ? num(page[0].n) : await count();
    return { rows: await approvalRows(db, page.map((r) => r.id), w.slas, now), total };
  }
  const [total, page] = await Promise.all([
    count(),
    db.$queryRaw<{ id: string }[]>(sql`SELECT i."processInstanceId" AS id FROM "ApprovalInstance" i ${w.where} ${order} LIMIT ${pageSize} OFFSET ${offset}`),
  ]);
  return { rows: await approvalRows(db, page.map((r) => r.id), w.slas, now), total };
}

/** Every matching instance with its form values, a batch at a time in list order (for exports). */
export async function* eachApproval(
  db: Db, scope: ApprovalScope, input: ApprovalListInput, options: { batchSize?: number; limit?: number; now?: Date } = {},
): AsyncGenerator<Array<ApprovalRow & { formValues: string }>> {
  const now = options.now ?? new Date();
  const w = await whereOf(db, scope, input, now);
  const batch = options.batchSize ?? 500;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for (let offset = 0; offset < limit; offset += batch) {
    const take = Math.min(batch, limit - offset);
    const page = await db.$queryRaw<{ id: string; formValues: string }[]>(sql`
      SELECT i."processInstanceId" AS id, i."formValues" AS "formValues" FROM "ApprovalInstance" i ${w.where}
      ${orderBy(w.d, input.sort ?? "createTime", input.dir ?? "desc")} LIMIT ${take} OFFSET ${offset}`);
    if (page.length === 0) return;
    const values = new Map(page.map((p) => [p.id, p.formValues]));
    yield (await approvalRows(db, page.map((p) => p.id), w.slas, now)).map((r) => ({ ...r, formValues: values.get(r.processInstanceId) ?? "[]" }));
    if (page.length < take) return;
  }
}

/** The field names of each template among the matching instances, in the order their forms give them. */
export async function formFieldsByTemplate(db: Db, scope: ApprovalScope, input: ApprovalFilter, limit = 100_000): Promise<Map<string, string[]>> {
  const w = await whereOf(db, scope, input);
  const out = new Map<string, string[]>();
  const seen = new Map<string, Set<string>>();
  for (let offset = 0; offset < limit; offset += 2000) {
    const rows = await db.$queryRaw<{ processCode: string; formValues: string }[]>(sql`
      SELECT i."processCode" AS "processCode", i."formValues" AS "formValues" FROM "ApprovalInstance" i ${w.where}
      ORDER BY i."processInstanceId" LIMIT 2000 OFFSET ${offset}`);
    for (const r of rows) {
      const fields = out.get(r.processCode) ?? [];
      const known = seen.get(r.processCode) ?? new Set<string>();
      for (const v of parseFormValues(r.formValues)) {
        if (!known.has(v.name)) {
          known.add(v.name);
          fields.push(v.name);
        }
      }
      out.set(r.processCode, fields);
      seen.set(r.processCode, known);
    }
    if (rows.length < 2000) break;
  }
  return out;
}

export interface StoredFormValue {
  id?: string;
  name: string;
  value: string;
  componentType?: string;
  extValue?: string;
}

/** The form values as the index keeps them (DingTalk's array), tolerant of a malformed row. */
export function parseFormValues(text: string): StoredFormValue[] {
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return [];
    return parsed.flatMap((v): StoredFormValue[] => {
      if (typeof v !== "object" || v === null) return [];
      const o = v as Record<string, unknown>;
      if (typeof o.name !== "string") return [];
      return [{
        name: o.name, value: typeof o.value === "string" ? o.value : o.value === null || o.value === undefined ? "" : String(o.value),
        ...(typeof o.id === "string" ? { id: o.id } : {}),
        ...(typeof o.componentType === "string" ? { componentType: o.componentType } : {}),
        ...(typeof o.extValue === "string" ? { extValue: o.extValue } : {}),
      }];
    });
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------------------------------------
// One instance

/** Whether the instance is within the scope (so its page may be shown). */
export async function canSeeInstance(db: Db, scope: ApprovalScope, processInstanceId: string): Promise<boolean> {
  const w = await whereOf(db, scope, {});
  const rows = await db.$queryRaw<{ n: unknown }[]>(sql`SELECT COUNT(*) AS n FROM "ApprovalInstance" i WHERE i."processInstanceId" = ${processInstanceId} ${w.and}`);
  return num(rows[0]?.n) > 0;
}

export interface ApprovalDetail {
  instance: ApprovalRow & { businessId: string; originatorDeptId: string; ccUserIds: string[]; syncedAt: Date; slaHours: number | null };
  formValues: StoredFormValue[];
  tasks: { taskId: string; userId: string; name: string | null; status: string; result: string; activityId: string; createTime: Date | null; finishTime: Date | null; waitedSeconds: number | null }[];
  operations: { seq: number; userId: string; name: string | null; date: Date | null; type: string; result: string; remark: string | null; showName: string | null; waitedSeconds: number | null }[];
  ccNames: { userId: string; name: string | null }[];
}

const secondsFrom = (start: Date | null, end: Date | null): number | null => (start && end ? Math.max(0, Math.round((end.getTime() - start.getTime()) / 1000)) : null);

/** An instance with its form, tasks and records, or null when it is not in the index or not within the scope. */
export async function approvalDetail(db: Db, scope: ApprovalScope, processInstanceId: string, now: Date = new Date()): Promise<ApprovalDetail | null> {
  if (!(await canSeeInstance(db, scope, processInstanceId))) return null;
  const [row, tasks, operations] = await Promise.all([
    db.approvalInstance.findUnique({ where: { processInstanceId } }),
    db.approvalTask.findMany({ where: { processInstanceId }, orderBy: [{ createTime: "asc" }, { taskId: "asc" }] }),
    db.approvalOperation.findMany({ where: { processInstanceId }, orderBy: { seq: "asc" } }),
  ]);
  if (!row) return null;
  const template = await db.approvalTemplate.findUnique({ where: { processCode: row.processCode } });
  const ccUserIds = (() => {
    try {
      const v: unknown = JSON.parse(row.ccUserIds);
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
    } catch {
      return [];
    }
  })();
  const slas = template?.slaHours ? [{ processCode: row.processCode, slaHours: template.slaHours }] : [];
  const [base] = await approvalRows(db, [processInstanceId], slas, now);
  const people = await names(db, [...tasks.map((t) => t.userId), ...operations.map((o) => o.userId), ...ccUserIds]);
  return {
    instance: { ...base, businessId: row.businessId, originatorDeptId: row.originatorDeptId, ccUserIds, syncedAt: row.syncedAt, slaHours: template?.slaHours ?? null },
    formValues: parseFormValues(row.formValues),
    tasks: tasks.map((t) => ({
      taskId: t.taskId, userId: t.userId, name: people.get(t.userId) ?? null, status: t.status, result: t.result, activityId: t.activityId,
      createTime: t.createTime, finishTime: t.finishTime, waitedSeconds: secondsFrom(t.createTime, t.finishTime ?? (t.status === "RUNNING" ? now : null)),
    })),
    // Each record waited from the one before it (the first from the start).
    operations: operations.map((o, k) => ({
      seq: o.seq, userId: o.userId, name: people.get(o.userId) ?? null, date: o.date, type: o.type, result: o.result, remark: o.remark, showName: o.showName,
      waitedSeconds: k === 0 ? null : secondsFrom(operations[k - 1].date ?? row.createTime, o.date),
    })),
    ccNames: ccUserIds.map((userId) => ({ userId, name: people.get(userId) ?? null })),
  };
}

/**
 * A cheap mark of the index's state for live pages: it changes whenever an instance is written
 * (an event's detail, a backfill batch), read from the database alone.
 */
export async function indexVersion(db: Db, processInstanceId?: string): Promise<string> {
  if (processInstanceId) {
    const row = await db.approvalInstance.findUnique({ where: { processInstanceId }, select: { syncedAt: true } });
    return row ? String(row.syncedAt.getTime()) : "none";
  }
  // The newest write, read off the syncedAt index.
  const newest = await db.approvalInstance.findFirst({ orderBy: { syncedAt: "desc" }, select: { syncedAt: true } });
  return String(newest?.syncedAt.getTime() ?? 0);
}
