import type { Db } from "./client";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export type { Tx };

const ATTEMPTS = 4;

/** Prisma's code for a serialization failure or deadlock (PostgreSQL under SERIALIZABLE). */
function isWriteConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "P2034" || /could not serialize|deadlock/i.test(error instanceof Error ? error.message : "");
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
