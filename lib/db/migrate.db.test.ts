import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { migrateDatabase, MigrationError } from "./migrate";
import { checksumOf, readMigrations } from "./migration-files";
import { migrationsDir, PROJECT_ROOT } from "./schema-files";
import { createEmptyDatabase, TEST_PROVIDERS, type TestDatabase } from "./testing/databases";

const quiet = { log: () => undefined };

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  applied_steps_count: number;
}

async function migrationRows(database: TestDatabase): Promise<MigrationRow[]> {
  const sql = "SELECT * FROM _prisma_migrations ORDER BY migration_name";
  if (database.provider === "sqlite") {
    const db = new Database(database.url.slice("file:".length), { readonly: true });
    try {
      return db.prepare(sql).all() as MigrationRow[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query<MigrationRow>(sql)).rows;
  } finally {
    await client.end();
  }
}

function copyMigrations(provider: TestDatabase["provider"]): string {
  const dir = mkdtempSync(path.join(tmpdir(), "console-migrations-"));
  cpSync(migrationsDir(provider), dir, { recursive: true });
  return dir;
}

for (const provider of TEST_PROVIDERS) {
  describe(`migrateDatabase [${provider}]`, () => {
    const cleanup: Array<() => Promise<void> | void> = [];
    afterEach(async () => {
      for (const fn of cleanup.splice(0)) await fn();
    });
    async function fresh(): Promise<TestDatabase> {
      const database = await createEmptyDatabase(provider);
      cleanup.push(() => database.drop());
      return database;
    }

    it("applies every committed migration to an empty database, with Prisma's bookkeeping, and then nothing", async () => {
      const database = await fresh();
      const committed = readMigrations(migrationsDir(provider));
      expect(committed.length).toBeGreaterThan(0);

      const first = await migrateDatabase(database.url, quiet);
      expect(first).toEqual({ provider, applied: committed.map((m) => m.name) });

      const rows = await migrationRows(database);
      expect(rows.map((r) => r.migration_name)).toEqual(committed.map((m) => m.name));
      for (const [i, row] of rows.entries()) {
        expect(row.checksum).toBe(checksumOf(committed[i].sql));
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }

      const db = createDb(database.url);
      cleanup.unshift(() => db.$disconnect());
      expect(await db.auditEntry.count()).toBe(0);
      expect(await db.roleAssignment.count()).toBe(0);
      expect(await db.consoleSession.count()).toBe(0);

      expect(await migrateDatabase(database.url, quiet)).toEqual({ provider, applied: [] });
      expect(await migrationRows(database)).toHaveLength(committed.length);
    });

    it("refuses, naming the migration, when an applied migration.sql was changed", async () => {
      const database = await fresh();
      const dir = copyMigrations(provider);
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      await migrateDatabase(database.url, { ...quiet, migrationsDir: dir });
      const [first] = readMigrations(dir);
      writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited afterwards\n`);

      const attempt = migrateDatabase(database.url, { ...quiet, migrationsDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(MigrationError);
      await expect(attempt).rejects.toMatchObject({ code: "MIGRATION_CHANGED", message: expect.stringContaining(first.name) });
    });

    it("still accepts a migration whose line endings changed (a Windows checkout)", async () => {
      const database = await fresh();
      const dir = copyMigrations(provider);
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      await migrateDatabase(database.url, { ...quiet, migrationsDir: dir });
      const [first] = readMigrations(dir);
      writeFileSync(path.join(dir, first.name, "migration.sql"), first.sql.replace(/\n/g, "\r\n"));
      expect(await migrateDatabase(database.url, { ...quiet, migrationsDir: dir })).toEqual({ provider, applied: [] });
    });

    it("rolls a failing migration back completely and records nothing for it", async () => {
      const database = await fresh();
      const dir = copyMigrations(provider);
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      await migrateDatabase(database.url, { ...quiet, migrationsDir: dir });
      const name = "29990101000000_broken";
      mkdirSync(path.join(dir, name));
      writeFileSync(path.join(dir, name, "migration.sql"), 'CREATE TABLE "Half" ("id" INTEGER NOT NULL);\nCREATE TABLE "Half" ("id" INTEGER NOT NULL);\n');

      await expect(migrateDatabase(database.url, { ...quiet, migrationsDir: dir })).rejects.toMatchObject({
        code: "MIGRATION_FAILED",
        message: expect.stringContaining(name),
      });
      expect((await migrationRows(database)).map((r) => r.migration_name)).not.toContain(name);
      const db = createDb(database.url);
      cleanup.unshift(() => db.$disconnect());
      // The first statement of the failed migration did not survive either.
      await expect(db.$queryRawUnsafe('SELECT * FROM "Half"')).rejects.toThrow();
    });

    if (provider === "postgresql") {
      it("migrates once when several instances start together", async () => {
        const database = await fresh();
        const committed = readMigrations(migrationsDir(provider));
        const results = await Promise.all(Array.from({ length: 5 }, () => migrateDatabase(database.url, quiet)));
        expect(results.flatMap((r) => r.applied).sort()).toEqual(committed.map((m) => m.name).sort());
        expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
        expect(await migrationRows(database)).toHaveLength(committed.length);
      });
    }

    if (provider === "sqlite") {
      it("keeps Prisma's bookkeeping: `prisma migrate deploy` finds nothing to apply after it", async () => {
        const database = await fresh();
        await migrateDatabase(database.url, quiet);
        const { stdout } = await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: database.url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
        });
        expect(stdout).toContain("No pending migrations to apply");
        expect(await migrationRows(database)).toHaveLength(readMigrations(migrationsDir(provider)).length);
      });

      it("takes over from `prisma migrate deploy`: nothing left to apply", async () => {
        const database = await fresh();
        mkdirSync(path.dirname(database.url.slice("file:".length)), { recursive: true });
        await promisify(execFile)(process.execPath, [path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js"), "migrate", "deploy"], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, DATABASE_URL: database.url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
        });
        expect(await migrateDatabase(database.url, quiet)).toEqual({ provider, applied: [] });
      });

      it("creates the database file and its folder", async () => {
        const database = await fresh();
        await migrateDatabase(database.url, quiet);
        expect(readFileSync(database.url.slice("file:".length)).subarray(0, 15).toString()).toBe("SQLite format 3");
      });
    }
  });
}
