import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { botMessageSchema, type BotMessage } from "../../dingtalk/stream";
import type { Db } from "../../db/client";
import type { Tx } from "../../db/transactions";
import { dialectOf } from "../../db/sql-dialect";
import { recordExchanges, type ExchangeInput } from "./memory";

/**
 * The inbox: every bot message stored by msgId before its frame is acknowledged, then claimed by
 * exactly one bridge. A claim is a compare-and-set on (msgId, status, attempts): one UPDATE that
 * changes one row, so two bridges (or two workers) can never both win it, on SQLite or PostgreSQL.
 * The writes on a message's way (stored, replying, answered) take a batch of messages each, in
 * one statement: see Batcher. Every later step is guarded by claimedBy, which names one process.
 */

export type InboxStatus = "pending" | "processing" | "replying" | "answered" | "ignored" | "failed";

export interface ClaimedMessage {
  msgId: string;
  message: BotMessage;
  /** What the row was before this claim: "replying" means a reply may already have gone out. */
  previousStatus: InboxStatus;
  /** Counting this claim. */
  attempts: number;
  receivedAt: Date;
}

export interface IntakeRow {
  message: BotMessage;
  receivedAt: Date;
  /** Stored already claimed by this bridge (it will answer at once), or null to leave it pending. */
  claimFor: string | null;
}

/**
 * Stores messages unless their msgId is already there, in one INSERT; "duplicate" means DingTalk
 * sent it again (or the batch held it twice: the first one counts).
 */
export async function storeInboxMessages(db: Db, rows: readonly IntakeRow[]): Promise<("stored" | "duplicate")[]> {
  if (rows.length === 0) return [];
  const d = await dialectOf(db);
  const firsts = rows.filter((r, i) => rows.findIndex((o) => o.message.msgId === r.message.msgId) === i);
  const values = firsts.map((r) => {
    const claimedAt = r.claimFor ? d.timestamp(r.receivedAt) : null;
    return sql`(${r.message.msgId}, ${d.timestamp(r.receivedAt)}, ${JSON.stringify(r.message)}, ${r.claimFor ? "processing" : "pending"}, ${r.claimFor}, ${claimedAt}, ${r.claimFor ? 1 : 0})`;
  });
  const inserted = await db.$queryRaw<{ msgId: string }[]>(sql`
    INSERT INTO "BotInboxMessage" ("msgId", "receivedAt", "payload", "status", "claimedBy", "claimedAt", "attempts")
    VALUES ${join(values)} ON CONFLICT ("msgId") DO NOTHING RETURNING "msgId"`);
  const stored = new Set(inserted.map((r) => r.msgId));
  return rows.map((r) => (firsts.includes(r) && stored.has(r.message.msgId) ? "stored" : "duplicate"));
}

/** Stores one message unless its msgId is already there (the HTTP callback's way in). */
export async function storeInboxMessage(db: Db, message: BotMessage, receivedAt = new Date()): Promise<"stored" | "duplicate"> {
  const [outcome] = await storeInboxMessages(db, [{ message, receivedAt, claimFor: null }]);
  return outcome;
}

interface InboxRowVersion {
  msgId: string;
  status: string;
  attempts: number;
  payload: string;
  receivedAt: Date;
}

async function takeRow(db: Db, row: InboxRowVersion, bridgeId: string, now: Date): Promise<ClaimedMessage | null> {
  const taken = await db.botInboxMessage.updateMany({
    where: { msgId: row.msgId, status: row.status, attempts: row.attempts },
    data: { status: "processing", claimedBy: bridgeId, claimedAt: now, attempts: row.attempts + 1 },
  });
  if (taken.count !== 1) return null;
  const message = botMessageSchema.parse(JSON.parse(row.payload));
  return { msgId: row.msgId, message, previousStatus: row.status as InboxStatus, attempts: row.attempts + 1, receivedAt: row.receivedAt };
}

/** The claim a bridge holds on a message it stored already claimed (see IntakeRow.claimFor). */
export function freshClaim(message: BotMessage, receivedAt: Date): ClaimedMessage {
  return { msgId: message.msgId, message, previousStatus: "pending", attempts: 1, receivedAt };
}

/**
 * Claims up to `limit` messages waiting for a bridge: pending ones, and ones whose claim went
 * stale (their bridge died while processing or replying), oldest first.
 */
export async function claimAvailable(db: Db, bridgeId: string, options: { limit: number; staleBefore: Date; now?: Date; exclude?: ReadonlySet<string> }): Promise<ClaimedMessage[]> {
  const now = options.now ?? new Date();
  const rows = await db.botInboxMessage.findMany({
    where: {
      OR: [{ status: "pending" }, { status: { in: ["processing", "replying"] }, claimedAt: { lt: options.staleBefore } }],
    },
    orderBy: { receivedAt: "asc" },
    take: options.limit + (options.exclude?.size ?? 0),
    select: { msgId: true, status: true, attempts: true, payload: true, receivedAt: true },
  });
  const claimed: ClaimedMessage[] = [];
  for (const row of rows) {
    if (claimed.length >= options.limit) break;
    if (options.exclude?.has(row.msgId)) continue;
    const taken = await takeRow(db, row, bridgeId, now);
    if (taken) claimed.push(taken);
  }
  return claimed;
}

/** Where this bridge still holds the claim it took: the version check of every later step. */
export function heldBy(claim: ClaimedMessage, bridgeId: string) {
  return { msgId: claim.msgId, claimedBy: bridgeId, attempts: claim.attempts };
}

/** Where a message this bridge claimed stands now; null when the claim was lost (taken by another bridge, or gone). */
export async function heldStatus(db: Db, claim: ClaimedMessage, bridgeId: string): Promise<InboxStatus | null> {
  const row = await db.botInboxMessage.findFirst({ where: heldBy(claim, bridgeId), select: { status: true } });
  return row ? (row.status as InboxStatus) : null;
}

export interface ReplyingEntry {
  claim: ClaimedMessage;
  /** The question and the answer to keep in the session, or null (a reset, a non-text message). */
  exchange: ExchangeInput | null;
}

/**
 * Marks messages "replying" and stores their exchanges, in one transaction, for the messages this
 * bridge still holds; false for one whose claim was lost meanwhile (nothing of it is stored).
 */
export async function markReplying(db: Db, bridgeId: string, entries: readonly ReplyingEntry[], now = new Date()): Promise<boolean[]> {
  if (entries.length === 0) return [];
  const d = await dialectOf(db);
  const held = await db.$transaction(async (tx: Tx) => {
    const marked = await tx.$queryRaw<{ msgId: string }[]>(sql`
      UPDATE "BotInboxMessage" SET "status" = 'replying', "claimedAt" = ${d.timestamp(now)}
      WHERE "claimedBy" = ${bridgeId} AND "status" = 'processing' AND "msgId" IN (${join(entries.map((e) => e.claim.msgId))})
      RETURNING "msgId"`);
    const ours = new Set(marked.map((m) => m.msgId));
    await recordExchanges(tx, entries.filter((e) => e.exchange && ours.has(e.claim.msgId)).map((e) => e.exchange!), d);
    return ours;
  });
  return entries.map((e) => held.has(e.claim.msgId));
}

export interface FinishEntry {
  claim: ClaimedMessage;
  status: "answered" | "ignored" | "failed";
  lastError?: string;
}

/** Final states; false for a message whose claim was lost to another bridge meanwhile (then it is left alone). */
export async function finishInboxMessages(db: Db, bridgeId: string, entries: readonly FinishEntry[], now = new Date()): Promise<boolean[]> {
  const d = await dialectOf(db);
  const done = new Set<string>();
  // One UPDATE per kind of ending; a batch is nearly always all "answered".
  const groups = new Map<string, FinishEntry[]>();
  for (const e of entries) {
    const key = JSON.stringify([e.status, e.lastError ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  for (const group of groups.values()) {
    const { status, lastError } = group[0];
    const rows = await db.$queryRaw<{ msgId: string }[]>(sql`
      UPDATE "BotInboxMessage" SET "status" = ${status}, "answeredAt" = ${status === "failed" ? null : d.timestamp(now)}, "lastError" = ${lastError ?? null}
      WHERE "claimedBy" = ${bridgeId} AND "status" IN ('processing', 'replying') AND "msgId" IN (${join(group.map((e) => e.claim.msgId))})
      RETURNING "msgId"`);
    for (const r of rows) done.add(r.msgId);
  }
  return entries.map((e) => done.has(e.claim.msgId));
}

/** Gives a message back after a failure that may pass (DingTalk busy, responder down). */
export async function releaseInboxMessage(db: Db, claim: ClaimedMessage, bridgeId: string, lastError: string, keepStatus: "pending" | "replying"): Promise<void> {
  // A message already replying stays "replying" (its reply is stored) and is retried once its claim goes stale.
  await db.botInboxMessage.updateMany({
    where: { ...heldBy(claim, bridgeId), status: { in: ["processing", "replying"] } },
    data: keepStatus === "pending" ? { status: "pending", claimedBy: null, claimedAt: null, lastError } : { lastError },
  });
}

export interface InboxCounts {
  pending: number;
  processing: number;
  replying: number;
  answered: number;
  ignored: number;
  failed: number;
}

export async function inboxCounts(db: Db): Promise<InboxCounts> {
  const groups = await db.botInboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const counts: InboxCounts = { pending: 0, processing: 0, replying: 0, answered: 0, ignored: 0, failed: 0 };
  for (const g of groups) if (g.status in counts) counts[g.status as keyof InboxCounts] = g._count._all;
  return counts;
}

/** Removes finished rows older than `before`; DingTalk redelivers within minutes, so a day is ample. */
export async function pruneInbox(db: Db, before: Date): Promise<number> {
  const removed = await db.botInboxMessage.deleteMany({ where: { status: { in: ["answered", "ignored", "failed"] }, receivedAt: { lt: before } } });
  return removed.count;
}
