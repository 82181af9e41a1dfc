import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { pgConnection } from "./pg-url";
import { checksumMatches, readMigrations, type MigrationFile } from "./migration-files";
import { migrationsDir } from "./schema-files";
import { dbProvider, sqliteFilePath, type DbProvider } from "./url";

// Applies the committed migrations with Prisma's own bookkeeping (`_prisma_migrations`, same
// columns, SHA-256 checksums, same advisory lock key on PostgreSQL), so that `prisma migrate
// deploy` and this runner can take turns on one database. Unlike Prisma, each migration runs
// in a transaction together with its bookkeeping row: a failure leaves nothing half-applied.

/** pg_advisory_lock key Prisma's schema engine takes while migrating PostgreSQL. */
const PRISMA_ADVISORY_LOCK = 72707369;

export class MigrationError extends Error {
  constructor(
    readonly code: "MIGRATION_CHANGED" | "MIGRATION_FAILED" | "MIGRATION_INCOMPLETE",
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrateOptions {
  /** Folder of migration folders; the committed ones for the URL's provider by default. */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface MigrateResult {
  provider: DbProvider;
  applied: string[];
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** What the runner needs from a database; each method holds the provider-specific SQL. */
interface MigrationTarget {
  applied(): Promise<AppliedRow[]>;
  /** Applies `m` and records it in one transaction; false when another process did it first. */
  apply(m: MigrationFile): Promise<boolean>;
  close(): Promise<void>;
}

export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const provider = dbProvider(url);
  const migrations = readMigrations(options.migrationsDir ?? migrationsDir(provider));
  const log = options.log ?? ((line: string) => console.log(`[db] ${line}`));
  const target = provider === "sqlite" ? openSqlite(url) : await openPostgres(url);
  try {
    const applied = await target.applied();
    checkHistory(applied, migrations, log);
    const done = new Set(applied.filter(isFinished).map((r) => r.migration_name));
    const result: MigrateResult = { provider, applied: [] };
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      if (await target.apply(m)) {
        result.applied.push(m.name);
        log(`applied migration ${m.name}`);
      }
    }
    return result;
  } finally {
    await target.close();
  }
}

function isFinished(row: AppliedRow): boolean {
  return row.finished_at !== null && row.rolled_back_at === null;
}

/** Refuses to go on when history and the committed files disagree in a way that needs a person. */
function checkHistory(applied: AppliedRow[], migrations: MigrationFile[], log: (line: string) => void): void {
  const failed = applied.filter((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed.length > 0) {
    throw new MigrationError(
      "MIGRATION_INCOMPLETE",
      `Migration ${failed.map((r) => r.migration_name).join(", ")} started earlier and never finished. ` +
        "Check the database by hand, then mark it rolled back (`prisma migrate resolve --rolled-back <name>`, or set rolled_back_at in _prisma_migrations) and start again.",
    );
  }
  const byName = new Map(migrations.map((m) => [m.name, m]));
  const changed = applied.filter(isFinished).filter((r) => {
    const file = byName.get(r.migration_name);
    return file !== undefined && !checksumMatches(file.sql, r.checksum);
  });
  if (changed.length > 0) {
    throw new MigrationError(
      "MIGRATION_CHANGED",
      `Migration ${changed.map((r) => r.migration_name).join(", ")} was changed after it was applied to this database. ` +
        "Applied migrations must not be edited: restore the original migration.sql and put the change in a new migration (scripts/db-new-migration.ts).",
    );
  }
  const unknown = applied.filter(isFinished).filter((r) => !byName.has(r.migration_name));
  if (unknown.length > 0) {
    log(`warning: the database has migrations this version does not know (${unknown.map((r) => r.migration_name).join(", ")}); is it newer than the code?`);
  }
}

// --- SQLite ---------------------------------------------------------------------------

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/** The text form Prisma's SQLite adapter stores DateTime values in. */
function sqliteTimestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}

function openSqlite(url: string): MigrationTarget {
  const file = sqliteFilePath(url);
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 15_000 });
  db.pragma("journal_mode = WAL");
  db.exec(SQLITE_TABLE);
  const select = `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at`;
  return {
    async applied() {
      return db.prepare(select).all() as AppliedRow[];
    },
    async apply(m) {
      // IMMEDIATE takes the write lock first, so two processes starting together serialize here.
      db.exec("BEGIN IMMEDIATE");
      try {
        const already = db
          .prepare(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`)
          .get(m.name);
        if (already) {
          db.exec("ROLLBACK");
          return false;
        }
        const started = new Date();
        db.exec(m.sql);
        db.prepare(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
        ).run(randomUUID(), m.checksum, sqliteTimestamp(new Date()), m.name, sqliteTimestamp(started));
        db.exec("COMMIT");
        return true;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw failed(m, error);
      }
    },
    async close() {
      db.close();
    },
  };
}

// --- PostgreSQL -------------------------------------------------------------------------

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

async function openPostgres(url: string): Promise<MigrationTarget> {
  const { connectionString, schema } = pgConnection(url);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    // Held for the whole run: instances starting together migrate one after the other, and
    // each finds the work done by the one before.
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await client.query(`SET search_path TO ${quoteIdent(schema)}`);
    await client.query(POSTGRES_TABLE);
  } catch (error) {
    await client.end();
    throw error;
  }
  return {
    async applied() {
      const { rows } = await client.query<AppliedRow>("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at");
      return rows;
    },
    async apply(m) {
      const started = new Date();
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          "INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)",
          [randomUUID(), m.checksum, m.name, started],
        );
        await client.query("COMMIT");
        return true;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw failed(m, error);
      }
    },
    async close() {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => undefined);
      await client.end();
    },
  };
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function failed(m: MigrationFile, error: unknown): MigrationError {
  const detail = error instanceof Error ? error.message : String(error);
  return new MigrationError("MIGRATION_FAILED", `Migration ${m.name} failed and was rolled back: ${detail}`);
}
