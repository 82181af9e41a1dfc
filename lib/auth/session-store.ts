import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { ConsoleSession, Db } from "@/lib/db/client";

// Console sign-ins that an admin can end. The signed cookie names a session id; a request
// is honoured only while that session is neither revoked nor expired.

/** lastSeenAt is refreshed at most this often, so that browsing does not write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

const createSchema = z.object({
  userId: z.string().trim().min(1).max(64),
  userName: z.string().trim().max(200),
  ttlSeconds: z.number().int().min(60).max(90 * 24 * 3600),
  userAgent: z.string().max(1000).optional(),
  ip: z.string().max(100).optional(),
});

const sessionId = z.string().min(1).max(200);

export async function createConsoleSession(db: Db, input: z.input<typeof createSchema>): Promise<string> {
  const s = createSchema.parse(input);
  const now = new Date();
  // 256 random bits: the id alone must not be guessable.
  const id = randomBytes(32).toString("base64url");
  await db.consoleSession.create({
    data: {
      id,
      userId: s.userId,
      userName: s.userName,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + s.ttlSeconds * 1000),
      userAgent: s.userAgent ?? null,
      ip: s.ip ?? null,
    },
  });
  return id;
}

function activeWhere(now: Date) {
  return { revokedAt: null, expiresAt: { gt: now } };
}

/** The session, or null when it is unknown, revoked or expired. */
export async function getActiveSession(db: Db, id: string): Promise<ConsoleSession | null> {
  if (!sessionId.safeParse(id).success) return null;
  return db.consoleSession.findFirst({ where: { id, ...activeWhere(new Date()) } });
}

/** Marks the session as seen now, unless that was recorded less than a minute ago. */
export async function touchSession(db: Db, id: string): Promise<boolean> {
  if (!sessionId.safeParse(id).success) return false;
  const now = new Date();
  const { count } = await db.consoleSession.updateMany({
    where: { id, ...activeWhere(now), lastSeenAt: { lte: new Date(now.getTime() - TOUCH_INTERVAL_MS) } },
    data: { lastSeenAt: now },
  });
  return count > 0;
}

/** Ends one session; false when it was already ended or unknown. */
export async function revokeSession(db: Db, id: string, by: string): Promise<boolean> {
  const { count } = await db.consoleSession.updateMany({ where: { id: sessionId.parse(id), revokedAt: null }, data: { revokedAt: new Date(), revokedBy: by } });
  return count > 0;
}

/** Ends every active session of a person; returns how many were ended. */
export async function revokeSessionsOf(db: Db, userId: string, by: string): Promise<number> {
  const now = new Date();
  const { count } = await db.consoleSession.updateMany({ where: { userId: z.string().min(1).parse(userId), ...activeWhere(now) }, data: { revokedAt: now, revokedBy: by } });
  return count;
}

/** Sessions neither revoked nor expired, most recently seen first. */
export async function listActiveSessions(db: Db, filter: { userId?: string } = {}): Promise<ConsoleSession[]> {
  return db.consoleSession.findMany({
    where: { ...activeWhere(new Date()), ...(filter.userId ? { userId: filter.userId } : {}) },
    orderBy: [{ lastSeenAt: "desc" }, { id: "asc" }],
  });
}
