import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { createDb, type Db } from "../client";
import { migrateDatabase } from "../migrate";
import type { DbProvider } from "../url";

// Every data-layer test runs on both databases: a temporary SQLite file and a fresh PostgreSQL
// database (created per test file and dropped afterwards). A PostgreSQL that is down is started
// once; if it still cannot be reached the tests fail, they never skip.

export const TEST_PROVIDERS: readonly DbProvider[] = ["sqlite", "postgresql"];

/** The server's maintenance database, from which test databases are created. */
const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

export interface TestDatabase {
  provider: DbProvider;
  url: string;
  drop(): Promise<void>;
}

let postgresChecked: Promise<void> | undefined;

async function canConnect(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensurePostgres(): Promise<void> {
  if ((await canConnect()) === null) return;
  let startError = "";
  try {
    const version = readdirSync("/etc/postgresql")[0] ?? "";
    execFileSync("pg_ctlcluster", ["--skip-systemctl-redirect", version, "main", "start"], { stdio: "pipe", timeout: 30_000 });
  } catch (error) {
    startError = error instanceof Error ? error.message : String(error);
  }
  let problem: string | null = "not tried";
  for (let i = 0; i < 20 && problem !== null; i++) {
    problem = await canConnect();
    if (problem !== null) await new Promise((r) => setTimeout(r, 500));
  }
  if (problem !== null) {
    throw new Error(
      `PostgreSQL at ${withoutPassword(ADMIN_URL)} is needed by the db tests and cannot be reached (${problem}). ` +
        `Starting it with pg_ctlcluster did not help${startError ? `: ${startError}` : ""}. Start PostgreSQL or set TEST_POSTGRES_URL.`,
    );
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** An empty database (no tables) of `provider`, to be dropped by the caller. */
export async function createEmptyDatabase(provider: DbProvider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(tmpdir(), "console-db-test-"));
    return {
      provider,
      url: `file:${path.join(dir, "nested", "console.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  postgresChecked ??= ensurePostgres();
  await postgresChecked;
  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { provider, url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export interface DatabaseUnderTest {
  provider: DbProvider;
  url: () => string;
  /** A client of the migrated database, shared by the tests of the block. */
  db: () => Db;
}

/**
 * `describe` once per provider, each with its own migrated database for the whole block:
 * `describeEachDatabase("roles", ({ db }) => { it("…", async () => { await grantRole(db(), …) }) })`.
 */
export function describeEachDatabase(name: string, body: (under: DatabaseUnderTest) => void): void {
  for (const provider of TEST_PROVIDERS) {
    describe(`${name} [${provider}]`, () => {
      let database: TestDatabase | undefined;
      let client: Db | undefined;
      beforeAll(async () => {
        database = await createEmptyDatabase(provider);
        await migrateDatabase(database.url, { log: () => undefined });
        client = createDb(database.url);
      });
      afterAll(async () => {
        await client?.$disconnect();
        await database?.drop();
      });
      body({
        provider,
        url: () => required(database, "database").url,
        db: () => required(client, "client"),
      });
    });
  }
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the test ${what} is not ready (did beforeAll fail?)`);
  return value;
}
