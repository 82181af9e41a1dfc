import { botMessageSchema, type BotMessage } from "../../dingtalk/stream";
import type { Db } from "../../db/client";

/**
 * The inbox: every bot message stored by msgId before its frame is acknowledged, then claimed by
 * exactly one bridge. A claim is a compare-and-set on (msgId, status, attempts): one UPDATE that
 * changes one row, so two bridges (or two workers) can never both win it, on SQLite or PostgreSQL.
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

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** Stores a message unless its msgId is already there; "duplicate" means DingTalk sent it again. */
export async function storeInboxMessage(db: Db, message: BotMessage, receivedAt = new Date()): Promise<"stored" | "duplicate"> {
  try {
    await db.botInboxMessage.create({
      data: { msgId: message.msgId, receivedAt, payload: JSON.stringify(message), status: "pending", attempts: 0 },
    });
    return "stored";
  } catch (error) {
    if (isUniqueViolation(error)) return "duplicate";
    throw error;
  }
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

/** Claims one message this bridge has just stored (the fast path: no search needed). */
export async function claimPending(db: Db, message: BotMessage, bridgeId: string, receivedAt: Date, now = new Date()): Promise<ClaimedMessage | null> {
  const taken = await db.botInboxMessage.updateMany({
    where: { msgId: message.msgId, status: "pending", attempts: 0 },
    data: { status: "processing", claimedBy: bridgeId, claimedAt: now, attempts: 1 },
  });
  return taken.count === 1 ? { msgId: message.msgId, message, previousStatus: "pending", attempts: 1, receivedAt } : null;
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

/** Final states; false when the claim was lost to another bridge meanwhile (then nothing changes). */
export async function finishInboxMessage(
  db: Db, claim: ClaimedMessage, bridgeId: string, status: "answered" | "ignored" | "failed", lastError?: string, now = new Date(),
): Promise<boolean> {
  const done = await db.botInboxMessage.updateMany({
    where: { ...heldBy(claim, bridgeId), status: { in: ["processing", "replying"] } },
    data: { status, answeredAt: status === "failed" ? null : now, lastError: lastError ?? null },
  });
  return done.count === 1;
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
