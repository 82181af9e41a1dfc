import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";
import { providerDir, schemaFileFor } from "./lib/db/schema-files";
import { DEFAULT_DATABASE_URL, dbProvider, sqliteFilePath } from "./lib/db/url";

// What the Prisma CLI works on follows DATABASE_URL, as the console does.
//
// - SQLite: the WebAssembly schema engine through the better-sqlite3 driver adapter
//   (`engine: "js"`), so `prisma migrate deploy` / `migrate status` work with no engine download.
// - PostgreSQL: the WebAssembly engine cannot read a PostgreSQL database (Prisma issue 27403),
//   so the native engine is named (`engine: "classic"`); Prisma downloads it where it can.
//   The console itself applies PostgreSQL migrations with lib/db/migrate.ts, which keeps
//   Prisma's `_prisma_migrations` bookkeeping, so either can take over from the other.
// - PRISMA_SCHEMA_ONLY=<schema file> (set by lib/db/prisma-cli.ts): for `generate` and
//   schema-to-schema `migrate diff`, which read no database. The WebAssembly engine on an
//   in-memory SQLite adapter serves every provider then, offline.

const url = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
const schemaOnly = process.env.PRISMA_SCHEMA_ONLY;

function config() {
  if (schemaOnly) {
    return defineConfig({
      schema: schemaOnly,
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => new PrismaBetterSQLite3({ url: ":memory:" }),
    });
  }
  const provider = dbProvider(url);
  const migrations = { path: path.join("prisma", "migrations", providerDir(provider)) };
  if (provider === "sqlite") {
    return defineConfig({
      schema: schemaFileFor("sqlite"),
      migrations,
      experimental: { adapter: true },
      engine: "js",
      adapter: async () => new PrismaBetterSQLite3({ url: sqliteFilePath(url), timeout: 10_000 }),
    });
  }
  return defineConfig({
    schema: schemaFileFor("postgresql"),
    migrations,
    engine: "classic",
    datasource: { url },
  });
}

export default config();
