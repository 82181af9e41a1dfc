import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { APPROVALS_POSTGRES_SEARCH_INDEXES, APPROVALS_SQLITE_SEARCH_TABLES } from "../approvals/index-objects";
import { POSTGRES_SEARCH_INDEXES, SQLITE_SEARCH_TABLES } from "../directory/search/index-objects";
import { migrateDatabase } from "./migrate";
import { isEmptyMigration, migrationSqlBetween } from "./migration-diff";
import { MIGRATED_SCHEMA_FILE, readSchema } from "./schema-files";
import { createEmptyDatabase, TEST_PROVIDERS, type TestDatabase } from "./testing/databases";
import type { DbProvider } from "./url";

// Whoever edits prisma/schema.prisma must add a migration (scripts/db-new-migration.ts).
// The committed migrations, applied in order, must build exactly the database the schema
// describes, on both providers.

/** Tables, columns, keys and indexes of a database, in a form that compares as plain data. */
async function structure(database: TestDatabase): Promise<unknown> {
  if (database.provider === "sqlite") {
    const db = new Database(database.url.slice("file:".length), { readonly: true });
    try {
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name").all() as { name: string }[])
        .map((t) => t.name)
        // Hand-written search index objects, which the schema cannot describe.
        .filter((name) => !SQLITE_SEARCH_TABLES.includes(name) && !APPROVALS_SQLITE_SEARCH_TABLES.includes(name));
      return tables.map((table) => ({
        table,
        columns: db.pragma(`table_info("${table}")`),
        foreignKeys: db.pragma(`foreign_key_list("${table}")`),
        indexes: (db.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string }[])
          .map((ix) => ({ name: ix.name, unique: ix.unique, origin: ix.origin, columns: db.pragma(`index_info("${ix.name}")`) }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      }));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, datetime_precision
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`),
      indexes: (await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`))
        // Hand-written search indexes, which the schema cannot describe.
        .filter((row) => !POSTGRES_SEARCH_INDEXES.includes(String(row.indexname)) && !APPROVALS_POSTGRES_SEARCH_INDEXES.includes(String(row.indexname))),
      constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`),
    };
  } finally {
    await client.end();
  }
}

async function runScript(database: TestDatabase, sql: string): Promise<void> {
  if (database.provider === "sqlite") {
    const file = database.url.slice("file:".length);
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe("committed migrations match prisma/schema.prisma", () => {
  const schema = readSchema();

  it("the snapshot of the newest migration is the schema (no change awaits a migration)", async () => {
    expect(existsSync(MIGRATED_SCHEMA_FILE)).toBe(true);
    for (const provider of TEST_PROVIDERS) {
      const pending = await migrationSqlBetween(provider, readSchema(MIGRATED_SCHEMA_FILE), schema);
      expect(isEmptyMigration(pending), `${provider}: schema changes without a migration:\n${pending}\nRun: npx tsx scripts/db-new-migration.ts <name>`).toBe(true);
    }
  });

  for (const provider of TEST_PROVIDERS) {
    describe(provider, () => {
      const dropped: TestDatabase[] = [];
      afterAll(async () => {
        for (const d of dropped) await d.drop();
      });
      async function fresh(p: DbProvider): Promise<TestDatabase> {
        const d = await createEmptyDatabase(p);
        dropped.push(d);
        return d;
      }

      it("applying the migrations builds the database the schema describes", async () => {
        const [migrated, direct] = [await fresh(provider), await fresh(provider)];
        await migrateDatabase(migrated.url, { log: () => undefined });
        await runScript(direct, await migrationSqlBetween(provider, null, schema));
        const expected = await structure(direct);
        expect(JSON.stringify(expected)).toContain("AuditEntry");
        expect(await structure(migrated)).toEqual(expected);
      });
    });
  }
});
