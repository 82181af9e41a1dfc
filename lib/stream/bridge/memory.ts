import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Db } from "../../db/client";
import type { SqlDialect } from "../../db/sql-dialect";
import type { Tx } from "../../db/transactions";
import type { SessionKind } from "./session-key";

/**
 * Conversation memory: BotSession (one per session id) and its BotTurns. The history given to a
 * responder is bounded; turns beyond the bound are folded into the session's summary.
 */

export type TurnRole = "user" | "assistant";

export interface Turn {
  role: TurnRole;
  content: string;
}

export interface SessionContext {
  sessionId: string;
  summary: string | null;
  history: Turn[];
}

export interface ExchangeInput {
  sessionId: string;
  kind: SessionKind;
  /** The person, or null for a group's shared session. */
  userId: string | null;
  userName: string | null;
  conversationId: string;
  conversationTitle: string | null;
  msgId: string;
  userText: string;
  replyText: string;
  at: Date;
}

export const textBytes = (text: string) => Buffer.byteLength(text, "utf8");

/** The contexts of several sessions in two queries, in the order asked. */
export async function loadContexts(db: Db, sessionIds: readonly string[]): Promise<SessionContext[]> {
  const ids = join([...new Set(sessionIds)]);
  // Hand-written: on the bridge's hot path, Prisma's model queries cost three times the CPU.
  const [sessions, turns] = await Promise.all([
    db.$queryRaw<{ id: string; summary: string | null }[]>(sql`SELECT "id", "summary" FROM "BotSession" WHERE "id" IN (${ids})`),
    db.$queryRaw<{ sessionId: string; role: string; content: string }[]>(
      sql`SELECT "sessionId", "role", "content" FROM "BotTurn" WHERE "sessionId" IN (${ids}) ORDER BY "id"`,
    ),
  ]);
  const summaries = new Map(sessions.map((s) => [s.id, s.summary]));
  const histories = new Map<string, Turn[]>();
  for (const t of turns) {
    const history = histories.get(t.sessionId) ?? [];
    history.push({ role: t.role as TurnRole, content: t.content });
    histories.set(t.sessionId, history);
  }
  return sessionIds.map((id) => ({ sessionId: id, summary: summaries.get(id) ?? null, history: histories.get(id) ?? [] }));
}

/**
 * Appends questions and their answers (each turn carrying the msgId it answers) and creates or
 * updates their sessions: two statements whatever the number of exchanges. One exchange per
 * session at a time: a bridge handles one conversation's messages in order.
 */
export async function recordExchanges(db: Db | Tx, inputs: readonly ExchangeInput[], d: SqlDialect): Promise<void> {
  if (inputs.length === 0) return;
  const sessions = inputs.map((i) => {
    const at = d.timestamp(i.at);
    const bytes = textBytes(i.userText) + textBytes(i.replyText);
    return sql`(${i.sessionId}, ${i.kind}, ${i.userId}, ${i.userName}, ${i.conversationId}, ${i.conversationTitle}, 2, ${bytes}, ${at}, ${at})`;
  });
  await db.$executeRaw(sql`
    INSERT INTO "BotSession" ("id", "kind", "userId", "userName", "conversationId", "conversationTitle", "messageCount", "sizeBytes", "createdAt", "lastActivityAt")
    VALUES ${join(sessions)}
    ON CONFLICT ("id") DO UPDATE SET
      "messageCount" = "BotSession"."messageCount" + excluded."messageCount",
      "sizeBytes" = "BotSession"."sizeBytes" + excluded."sizeBytes",
      "lastActivityAt" = excluded."lastActivityAt",
      "userName" = COALESCE(excluded."userName", "BotSession"."userName"),
      "conversationTitle" = COALESCE(excluded."conversationTitle", "BotSession"."conversationTitle")`);
  const turns = inputs.flatMap((i) => {
    const at = d.timestamp(i.at);
    return [sql`(${i.sessionId}, 'user', ${i.userText}, ${i.msgId}, ${at})`, sql`(${i.sessionId}, 'assistant', ${i.replyText}, ${i.msgId}, ${at})`];
  });
  await db.$executeRaw(sql`INSERT INTO "BotTurn" ("sessionId", "role", "content", "msgId", "createdAt") VALUES ${join(turns)}`);
}

/** The stored answer to a message, if one was recorded (a reply that may already have been sent). */
export async function storedReply(db: Db, sessionId: string, msgId: string): Promise<string | null> {
  const turn = await db.botTurn.findFirst({ where: { sessionId, msgId, role: "assistant" }, select: { content: true } });
  return turn?.content ?? null;
}

/** Folds turns into a summary: the previous summary and the turns leaving the history give the next one. */
export type Summariser = (previous: string | null, folded: Turn[]) => Promise<string>;

export interface HistoryLimits {
  turns: number;
  bytes: number;
}

/** Which leading turns must leave the history so that the rest fits the limits (the newest two always stay). */
export function turnsToFold(history: readonly { content: string }[], limits: HistoryLimits): number {
  let bytes = history.reduce((sum, t) => sum + textBytes(t.content), 0);
  let fold = 0;
  while (history.length - fold > 2 && (history.length - fold > limits.turns || bytes > limits.bytes)) {
    bytes -= textBytes(history[fold].content);
    fold++;
  }
  return fold;
}

/** Keeps the session's history within the limits, summarising what leaves it; returns how many turns were folded. */
export async function foldHistory(db: Db, sessionId: string, limits: HistoryLimits, summarise: Summariser): Promise<number> {
  const turns = await db.botTurn.findMany({ where: { sessionId }, orderBy: { id: "asc" }, select: { id: true, role: true, content: true } });
  const fold = turnsToFold(turns, limits);
  if (fold === 0) return 0;
  const session = await db.botSession.findUnique({ where: { id: sessionId }, select: { summary: true } });
  const folded = turns.slice(0, fold);
  const summary = await summarise(session?.summary ?? null, folded.map((t) => ({ role: t.role as TurnRole, content: t.content })));
  const kept = turns.slice(fold).reduce((sum, t) => sum + textBytes(t.content), 0);
  await db.$transaction([
    db.botTurn.deleteMany({ where: { sessionId, id: { lte: folded[folded.length - 1].id } } }),
    db.botSession.update({ where: { id: sessionId }, data: { summary, sizeBytes: kept + textBytes(summary) } }),
  ]);
  return fold;
}

// --- what the console reads and changes ---

export interface SessionFilters {
  userId?: string;
  conversationId?: string;
  kind?: SessionKind;
  /** Last activity at or after / before. */
  activeFrom?: Date;
  activeTo?: Date;
  /** Matches the person's name, userId or the group title. */
  query?: string;
  page?: number;
  pageSize?: number;
}

export interface SessionRow {
  id: string;
  kind: SessionKind;
  userId: string | null;
  userName: string | null;
  conversationId: string;
  conversationTitle: string | null;
  messageCount: number;
  sizeBytes: number;
  hasSummary: boolean;
  createdAt: Date;
  lastActivityAt: Date;
}

export async function listSessions(db: Db, filters: SessionFilters = {}): Promise<{ rows: SessionRow[]; total: number }> {
  const pageSize = Math.min(Math.max(filters.pageSize ?? 50, 1), 500);
  const page = Math.max(filters.page ?? 1, 1);
  const where = {
    ...(filters.userId ? { userId: filters.userId } : {}),
    ...(filters.conversationId ? { conversationId: filters.conversationId } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.activeFrom || filters.activeTo ? { lastActivityAt: { ...(filters.activeFrom ? { gte: filters.activeFrom } : {}), ...(filters.activeTo ? { lt: filters.activeTo } : {}) } } : {}),
    ...(filters.query
      ? { OR: [{ userName: { contains: filters.query } }, { userId: { contains: filters.query } }, { conversationTitle: { contains: filters.query } }] }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.botSession.findMany({ where, orderBy: { lastActivityAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.botSession.count({ where }),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id, kind: r.kind as SessionKind, userId: r.userId, userName: r.userName, conversationId: r.conversationId, conversationTitle: r.conversationTitle,
      messageCount: r.messageCount, sizeBytes: r.sizeBytes, hasSummary: Boolean(r.summary), createdAt: r.createdAt, lastActivityAt: r.lastActivityAt,
    })),
    total,
  };
}

export interface SessionDetail extends Omit<SessionRow, "hasSummary"> {
  summary: string | null;
  turns: { id: number; role: TurnRole; content: string; msgId: string | null; createdAt: Date }[];
}

/** A whole conversation: the session, its summary, its size and every turn kept. */
export async function getSession(db: Db, id: string): Promise<SessionDetail | null> {
  const session = await db.botSession.findUnique({ where: { id } });
  if (!session) return null;
  const turns = await db.botTurn.findMany({ where: { sessionId: id }, orderBy: { id: "asc" } });
  return {
    id: session.id, kind: session.kind as SessionKind, userId: session.userId, userName: session.userName, conversationId: session.conversationId,
    conversationTitle: session.conversationTitle, messageCount: session.messageCount, sizeBytes: session.sizeBytes, summary: session.summary,
    createdAt: session.createdAt, lastActivityAt: session.lastActivityAt,
    turns: turns.map((t) => ({ id: t.id, role: t.role as TurnRole, content: t.content, msgId: t.msgId, createdAt: t.createdAt })),
  };
}

/** Forgets the conversation but keeps the session row (the `/reset` command and the console's reset); false when unknown. */
export async function resetSession(db: Db, id: string): Promise<boolean> {
  const [, updated] = await db.$transaction([
    db.botTurn.deleteMany({ where: { sessionId: id } }),
    db.botSession.updateMany({ where: { id }, data: { summary: null, messageCount: 0, sizeBytes: 0 } }),
  ]);
  return updated.count === 1;
}

/** Removes the session and its turns; false when unknown. */
export async function deleteSession(db: Db, id: string): Promise<boolean> {
  const [, removed] = await db.$transaction([db.botTurn.deleteMany({ where: { sessionId: id } }), db.botSession.deleteMany({ where: { id } })]);
  return removed.count === 1;
}

/** Deletes sessions idle since before `idleBefore`, with their turns; returns how many. */
export async function cleanupIdleSessions(db: Db, idleBefore: Date, batch = 500): Promise<number> {
  let removed = 0;
  for (;;) {
    const idle = await db.botSession.findMany({ where: { lastActivityAt: { lt: idleBefore } }, select: { id: true }, take: batch });
    if (idle.length === 0) return removed;
    const ids = idle.map((s) => s.id);
    // Re-checked in the delete: a session written to meanwhile stays.
    const [, sessions] = await db.$transaction([
      db.botTurn.deleteMany({ where: { sessionId: { in: ids }, createdAt: { lt: idleBefore } } }),
      db.botSession.deleteMany({ where: { id: { in: ids }, lastActivityAt: { lt: idleBefore } } }),
    ]);
    removed += sessions.count;
    if (idle.length < batch) return removed;
  }
}
