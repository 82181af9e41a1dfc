import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client";
import { withReleasedTransactions } from "./adapter-transactions";
import { pgConnection } from "./pg-url";
import { sqliteAdapter } from "./sqlite-adapter";
import { DEFAULT_DATABASE_URL, dbProvider, sqliteFilePath, type DbProvider } from "./url";

export { dbProvider, DEFAULT_DATABASE_URL, type DbProvider };
export type { AuditEntry, ConsoleSession, Prisma, RoleAssignment } from "./generated/sqlite/client";

/**
 * The database client the rest of the console uses, whichever database is behind it. Both
 * generated clients come from one model definition and share the model API; the SQLite one's
 * type is the common denominator (it lacks PostgreSQL-only options such as `mode: "insensitive"`
 * or `skipDuplicates`), so code written against it runs on both.
 */
export type Db = SqliteClient;

/** A new client for `url`; the caller disconnects it. Tests use this, the app uses getDb(). */
export function createDb(url: string): Db {
  if (dbProvider(url) === "sqlite") {
    const file = sqliteFilePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    return new SqliteClient({ adapter: sqliteAdapter(file) });
  }
  const { connectionString, schema } = pgConnection(url);
  // search_path too, so that hand-written SQL finds the same tables as Prisma's own queries.
  const searchPath = `-c search_path="${schema.replaceAll('"', '""')}"`;
  const client = new PostgresClient({ adapter: withReleasedTransactions(new PrismaPg({ connectionString, max: 10, options: searchPath }, { schema })) });
  // The one place the two client types meet: same models, same generated API (see `Db`).
  return client as unknown as Db;
}

const cache = globalThis as typeof globalThis & { __consoleDb?: { url: string; db: Db } };

/**
 * The process-wide client for DATABASE_URL (default file:./data/console.db). Kept on
 * globalThis so that Next.js dev reloads reuse it instead of opening a new pool each time.
 */
export function getDb(): Db {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  if (cache.__consoleDb?.url !== url) {
    void cache.__consoleDb?.db.$disconnect();
    cache.__consoleDb = { url, db: createDb(url) };
  }
  return cache.__consoleDb.db;
}
