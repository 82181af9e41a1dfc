import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import { releasedOnFailedEnd, type Transaction } from "./adapter-transactions";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;

const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** A first-come, first-served lock. */
class Turnstile {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with the function that lets the next one through. */
  enter(): Promise<() => void> {
    let leave!: () => void;
    const left = new Promise<void>((resolve) => (leave = resolve));
    const entered = this.tail.then(() => leave);
    this.tail = this.tail.then(() => left);
    return entered;
  }
}

/**
 * better-sqlite3 with WAL (readers never wait for the writer), a busy timeout, and one thing the
 * stock adapter does not do: keep statements out of a transaction they are no part of. The adapter
 * runs everything on one connection, so a write made while some interactive transaction is open
 * lands inside that transaction: rolled back with it, or lost with the process before its COMMIT,
 * even when the caller had already been told it was stored (an audit entry, a bot message already
 * acknowledged to DingTalk). Here a transaction holds the connection from BEGIN to COMMIT or
 * ROLLBACK, and any other statement waits its turn.
 */
export function sqliteAdapter(file: string): SqlDriverAdapterFactory {
  const inner = new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = await inner.connect();
      // Reads through a memory map and a 64 MiB page cache rather than a system call per 4 KiB page
      // (SQLite's default cache is 2 MiB): the approvals index alone outgrows that at a few thousand instances.
      await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;");
      return isolateTransactions(adapter);
    },
  };
}

function isolateTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const turnstile = new Turnstile();
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    const leave = await turnstile.enter();
    try {
      return await run();
    } finally {
      leave();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const leave = await turnstile.enter();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
        // The stock adapter begins DEFERRED: a transaction that reads, then writes after another
        // process (the bridge) committed, fails at once with "database is locked" (a stale snapshot
        // cannot be upgraded, and the busy timeout does not apply). IMMEDIATE takes the write lock
        // first, waiting up to the busy timeout for it.
        const started = tx;
        await started.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] });
        await started.executeRaw({ sql: "BEGIN IMMEDIATE", args: [], argTypes: [] }).catch(async (error: unknown) => {
          await started.rollback(); // releases the adapter's own lock; no transaction is open
          throw error;
        });
      } catch (error) {
        leave();
        throw error;
      }
      const end = (how: () => Promise<void>) => async () => {
        try {
          await how();
        } finally {
          leave();
        }
      };
      // A failed COMMIT rolls back and lets the next one through (see releasedOnFailedEnd).
      return releasedOnFailedEnd({
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query) => tx.queryRaw(query),
        executeRaw: (query) => tx.executeRaw(query),
        commit: end(() => tx.commit()),
        rollback: end(() => tx.rollback()),
      });
    },
  };
}
