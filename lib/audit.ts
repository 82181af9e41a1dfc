import { z } from "zod";
import type { AuditEntry, Db, Prisma } from "@/lib/db/client";
import type { AuditAction } from "@/lib/audit-actions";
import { tallyCalls } from "@/lib/dingtalk/meter";
import { redactObject } from "@/lib/redact";
import { shanghaiStamp } from "@/lib/time";
import { CSV_BOM, csvLine } from "./csv";

// The audit log: one row per write the console makes, to DingTalk or to its own tables.
// Append-only by construction: this module, the only one that touches AuditEntry, offers
// ways to add and read rows and none to change or remove them.

/** Who acts when nobody does: the scheduler, the bootstrap of the first admins. */
export const SYSTEM_ACTOR = { userId: "system", name: "system" } as const;

export const AUDIT_OUTCOMES = ["ok", "error", "unknown"] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

export const AUDIT_SORT_FIELDS = ["at", "action", "actorId", "outcome", "durationMs", "calls"] as const;
export type AuditSortField = (typeof AUDIT_SORT_FIELDS)[number];

/** A stored entry as the pages and the export see it. */
export type AuditRow = Omit<AuditEntry, "searchText">;

/** searchText is an index for `q`, not something to show. */
const rowSelect = { searchText: true } as const;

const MAX_INPUT_CHARS = 16_000;
const MAX_MESSAGE_CHARS = 2_000;

const clip = (max: number) => z.string().transform((s) => (s.length > max ? `${s.slice(0, max - 1)}…` : s));
const optionalClip = (max: number) => clip(max).nullish().transform((s) => (s ? s : null));

const entrySchema = z.object({
  at: z.date().optional(),
  actorId: z.string().min(1, "actorId is required (\"system\" for jobs)").max(128),
  actorName: clip(200),
  action: z.string().regex(/^[a-z][a-zA-Z0-9_-]*(\.[a-zA-Z0-9_-]+)*$/, 'action must look like "role.grant"').max(100),
  targetType: z.string().min(1).max(64),
  targetId: optionalClip(256),
  input: z.unknown().optional(),
  outcome: z.enum(AUDIT_OUTCOMES),
  errorCode: optionalClip(100),
  errorMessage: optionalClip(MAX_MESSAGE_CHARS),
  requestId: optionalClip(200),
  durationMs: z.number().finite().nonnegative().transform(Math.round),
  calls: z.number().int().nonnegative().optional(),
});

export type AuditEntryInput = z.input<typeof entrySchema>;

/** JSON of `input` with secrets redacted, bounded in size; never throws. */
function inputJson(input: unknown): string {
  if (input === undefined) return "{}";
  let json: string;
  try {
    json = JSON.stringify(redactObject(input), (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)) ?? "null";
  } catch {
    return JSON.stringify({ unserializable: true });
  }
  return json.length > MAX_INPUT_CHARS ? JSON.stringify({ truncated: true, preview: json.slice(0, MAX_INPUT_CHARS - 100) }) : json;
}

/**
 * Lower-cased, with LIKE's wildcards (and the escape character PostgreSQL assumes) swapped
 * for private-use characters on both sides of the comparison: Prisma's `contains` passes them
 * to LIKE unescaped, and SQLite's LIKE has no default escape character to escape them with.
 */
function searchable(text: string): string {
  return text.toLowerCase().replace(/[%_\\]/g, (c) => String.fromCharCode(0xe000 + "%_\\".indexOf(c)));
}

// Secrets that may ride along in an error message, such as a request URL's query string.
const SECRET_PARAM = /([?&](?:access_token|appsecret|appkey|secret|sign|signature|token)=)[^&\s"']+/gi;

export async function recordAudit(db: Db, entry: AuditEntryInput): Promise<AuditRow> {
  const e = entrySchema.parse(entry);
  const input = inputJson(e.input);
  const errorMessage = e.errorMessage?.replace(SECRET_PARAM, "$1[redacted]") ?? null;
  const searchText = [e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.errorCode, errorMessage, e.requestId, input]
    .filter(Boolean)
    .join("\n");
  return db.auditEntry.create({
    omit: rowSelect,
    data: {
      at: e.at ?? new Date(),
      actorId: e.actorId,
      actorName: e.actorName,
      action: e.action,
      targetType: e.targetType,
      targetId: e.targetId,
      input,
      outcome: e.outcome,
      errorCode: e.errorCode,
      errorMessage,
      requestId: e.requestId,
      durationMs: e.durationMs,
      calls: e.calls ?? null,
      searchText: searchable(searchText),
    },
  });
}

export interface AuditContext {
  actor: { userId: string; name: string };
}

export interface AuditTarget {
  type: string;
  id?: string;
}

export interface AuditedOptions<T> {
  /** DingTalk's request id of a successful call, when the result carries one. */
  requestIdOf?: (result: T) => string | undefined;
  /**
   * Work `fn` started that goes on after it returns (a full sync in the background): the entry is
   * written when it settles, so that it records every call that work made. The result is returned at once.
   */
  settledBy?: (result: T) => Promise<unknown> | undefined;
}

/** What an error can tell the audit log. Duck-typed: any error with these fields is understood. */
function describeFailure(error: unknown): { outcome: AuditOutcome; errorCode: string; errorMessage: string; requestId?: string } {
  const fields = (typeof error === "object" && error !== null ? error : {}) as Record<string, unknown>;
  const code = typeof fields.code === "string" || typeof fields.code === "number" ? String(fields.code) : undefined;
  const name = error instanceof Error && error.name !== "Error" ? error.name : undefined;
  return {
    outcome: fields.outcome === "unknown" ? "unknown" : "error",
    errorCode: code ?? name ?? "UNKNOWN_ERROR",
    errorMessage: error instanceof Error ? error.message : String(error),
    requestId: typeof fields.requestId === "string" ? fields.requestId : undefined,
  };
}

async function recordOrLog(db: Db, entry: AuditEntryInput): Promise<void> {
  try {
    await recordAudit(db, entry);
  } catch (error) {
    // The operation's own result (or error) matters more to the caller than this failure;
    // it is reported loudly instead of replacing it.
    console.error(`[audit] could not record ${entry.action} by ${entry.actorId}:`, error instanceof Error ? error.message : error);
  }
}

/**
 * Runs `fn` and appends one audit entry for it, whether it succeeds or throws (the error is
 * rethrown unchanged). Errors that carry `code`, `message`, `requestId` or `outcome: "unknown"`
 * (DingTalk errors do) are recorded with them.
 */
export async function audited<T>(
  db: Db,
  ctx: AuditContext,
  action: AuditAction,
  target: AuditTarget,
  input: unknown,
  fn: () => Promise<T>,
  opts?: AuditedOptions<T>,
): Promise<T> {
  const at = new Date();
  const started = performance.now();
  const base = { at, actorId: ctx.actor.userId, actorName: ctx.actor.name, action, targetType: target.type, targetId: target.id, input };
  let result: T;
  // The DingTalk calls made for this operation, counted through the async context.
  const tally = tallyCalls(async () => fn());
  try {
    result = await tally.result;
  } catch (error) {
    await recordOrLog(db, { ...base, ...describeFailure(error), durationMs: performance.now() - started, calls: tally.calls() });
    throw error;
  }
  let requestId: string | undefined;
  try {
    requestId = opts?.requestIdOf?.(result);
  } catch {
    requestId = undefined;
  }
  const record = () => recordOrLog(db, { ...base, outcome: "ok", requestId, durationMs: performance.now() - started, calls: tally.calls() });
  const rest = opts?.settledBy?.(result);
  if (rest) void rest.then(record, record);
  else await record();
  return result;
}

export interface AuditFilters {
  actorId?: string;
  /** Exact action, or a prefix when it ends with `*` ("role.*"). */
  action?: string;
  outcome?: AuditOutcome;
  targetType?: string;
  targetId?: string;
  /** Inclusive bounds on `at`. */
  from?: Date;
  to?: Date;
  /** Words that must all appear (case-insensitive) in the actor, action, target, error or input. */
  q?: string;
}

export interface AuditListQuery extends AuditFilters {
  sort: { field: AuditSortField; dir: "asc" | "desc" };
  /** 1-based. */
  page: number;
  pageSize: number;
}

const listSchema = z.object({
  sort: z.object({ field: z.enum(AUDIT_SORT_FIELDS), dir: z.enum(["asc", "desc"]) }),
  page: z.number().int().min(1),
  pageSize: z.number().int().min(1).max(500),
});

function auditWhere(f: AuditFilters): Prisma.AuditEntryWhereInput {
  const and: Prisma.AuditEntryWhereInput[] = [];
  if (f.actorId) and.push({ actorId: f.actorId });
  if (f.action) and.push(f.action.endsWith("*") ? { action: { startsWith: f.action.slice(0, -1) } } : { action: f.action });
  if (f.outcome) and.push({ outcome: f.outcome });
  if (f.targetType) and.push({ targetType: f.targetType });
  if (f.targetId) and.push({ targetId: f.targetId });
  if (f.from) and.push({ at: { gte: f.from } });
  if (f.to) and.push({ at: { lte: f.to } });
  for (const word of (f.q ?? "").split(/\s+/).filter(Boolean)) and.push({ searchText: { contains: searchable(word) } });
  return { AND: and };
}

/** One page of entries, filtered, sorted and paged by the database. */
export async function listAudit(db: Db, query: AuditListQuery): Promise<{ rows: AuditRow[]; total: number }> {
  const { sort, page, pageSize } = listSchema.parse(query);
  const where = auditWhere(query);
  const [rows, total] = await Promise.all([
    db.auditEntry.findMany({
      where,
      omit: rowSelect,
      // id breaks ties so that pages neither repeat nor skip rows.
      orderBy: [{ [sort.field]: sort.dir }, { id: sort.dir }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.auditEntry.count({ where }),
  ]);
  return { rows, total };
}

export const AUDIT_CSV_COLUMNS = [
  "id",
  "at",
  "actorId",
  "actorName",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "errorCode",
  "errorMessage",
  "requestId",
  "durationMs",
  "calls",
  "input",
] as const;


/**
 * The filtered log as CSV lines (BOM and header first), newest entry first, read from the
 * database `batchSize` rows at a time so that a large log never sits in memory.
 */
export async function* auditCsv(db: Db, filters: AuditFilters, opts: { batchSize?: number } = {}): AsyncGenerator<string, void, undefined> {
  const batchSize = opts.batchSize ?? 500;
  const where = auditWhere(filters);
  yield CSV_BOM + csvLine(AUDIT_CSV_COLUMNS);
  let before: number | undefined;
  for (;;) {
    const batch: AuditRow[] = await db.auditEntry.findMany({
      where: before === undefined ? where : { AND: [where, { id: { lt: before } }] },
      omit: rowSelect,
      orderBy: { id: "desc" },
      take: batchSize,
    });
    for (const r of batch) {
      yield csvLine(AUDIT_CSV_COLUMNS.map((c) => (c === "at" ? shanghaiStamp(r.at) : r[c])));
    }
    if (batch.length < batchSize) return;
    before = batch[batch.length - 1].id;
  }
}
