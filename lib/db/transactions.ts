import type { Db } from "./client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Tx };

const ATTEMPTS = 4;

/**
 * A serialization failure or deadlock (PostgreSQL under SERIALIZABLE), in each shape it reaches us:
 * Prisma's P2034, or the driver adapter's own error (kind TransactionWriteConflict) when the
 * conflict surfaces at COMMIT of an interactive transaction, or the database's message.
 */
export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { kind?: unknown } } | null;
  if (e?.code === "P2034" || e?.cause?.kind === "TransactionWriteConflict") return true;
  return /could not serialize|deadlock|TransactionWriteConflict/i.test(error instanceof Error ? error.message : "");
}

/**
 * Runs `fn` in a SERIALIZABLE transaction, retrying when PostgreSQL reports a conflict with a
 * concurrent one: for read-then-write rules such as "never remove the last admin", which plain
 * READ COMMITTED would let two concurrent requests break together. (SQLite writes one at a time.)
 */
export async function serializable<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(fn, { isolationLevel: "Serializable", timeout: 15_000, maxWait: 15_000 });
    } catch (error) {
      if (attempt >= ATTEMPTS || !isWriteConflict(error)) throw error;
      await new Promise((r) => setTimeout(r, 10 * attempt + Math.random() * 20));
    }
  }
}
