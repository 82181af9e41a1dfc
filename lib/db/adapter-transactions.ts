import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";

type SqlDriverAdapter = Awaited<ReturnType<SqlDriverAdapterFactory["connect"]>>;
export type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

const ROLLBACK = { sql: "ROLLBACK", args: [], argTypes: [] };
const ENDS = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * A transaction that gives its connection back when its COMMIT (or ROLLBACK) fails. Prisma sends
 * COMMIT through the transaction and only then calls its commit(), which releases the
 * connection; when COMMIT itself fails (PostgreSQL's serialization failure under SERIALIZABLE is
 * reported there), commit() is never called and the connection never returns: ten such failures
 * and the pool is empty, every later query waits, and disconnecting hangs. Here the failed end
 * rolls back what may still be open and releases the connection, once.
 */
export function releasedOnFailedEnd(tx: Transaction): Transaction {
  let closed = false;
  const close = async (end: () => Promise<void>) => {
    if (closed) return;
    closed = true;
    await end();
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query),
    async executeRaw(query) {
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        if (ENDS.test(query.sql)) {
          await close(async () => {
            await tx.executeRaw(ROLLBACK).catch(() => undefined);
            await tx.rollback();
          }).catch(() => undefined);
        }
        throw error;
      }
    },
    commit: () => close(() => tx.commit()),
    rollback: () => close(() => tx.rollback()),
  };
}

/** `factory` with every transaction it starts wrapped by releasedOnFailedEnd. */
export function withReleasedTransactions(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        queryRaw: (query) => adapter.queryRaw(query),
        executeRaw: (query) => adapter.executeRaw(query),
        executeScript: (script) => adapter.executeScript(script),
        getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
        dispose: () => adapter.dispose(),
        startTransaction: async (isolationLevel) => releasedOnFailedEnd(await adapter.startTransaction(isolationLevel)),
      };
    },
  };
}
