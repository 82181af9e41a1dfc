import { readFileSync } from "node:fs";
import path from "node:path";
import type { DbProvider } from "./url";

// Where the model definition, its PostgreSQL derivative and the migrations live. The one
// definition (prisma/schema.prisma) is written for SQLite; a generated client must match its
// driver adapter's provider, so the PostgreSQL schema is derived from it, never edited.

// The console, the npm scripts and the tests all run from the project root; the server bundle
// has no stable module path to resolve from, so the working directory is the anchor.
export const PROJECT_ROOT = process.cwd();

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "prisma", "schema.prisma");
export const GENERATED_DIR = path.join(PROJECT_ROOT, "lib", "db", "generated");
/** The model definition as of the newest committed migration: new migrations diff from it. */
export const MIGRATED_SCHEMA_FILE = path.join(PROJECT_ROOT, "prisma", "migrations", "schema-at-last-migration.prisma");

export const PROVIDERS: readonly DbProvider[] = ["sqlite", "postgresql"];

/** The folder name used for a provider under prisma/migrations and lib/db/generated. */
export function providerDir(provider: DbProvider): string {
  return provider === "sqlite" ? "sqlite" : "postgres";
}

export function migrationsDir(provider: DbProvider): string {
  return path.join(PROJECT_ROOT, "prisma", "migrations", providerDir(provider));
}

/** The schema file the CLI reads for a provider: the definition itself, or its derivative. */
export function schemaFileFor(provider: DbProvider): string {
  return provider === "sqlite" ? SCHEMA_FILE : path.join(GENERATED_DIR, "postgres.prisma");
}

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`)) ?? [];
  if (matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches.length}; the PostgreSQL schema cannot be derived`);
  }
  return text.replace(pattern, replacement);
}

/**
 * The schema for `provider` from the text of the one definition (which targets SQLite).
 * Only the datasource provider and the client's output folder differ; the derived file sits in
 * lib/db/generated/, so its output path is relative to that folder.
 */
export function schemaFor(provider: DbProvider, sqliteSchema: string): string {
  if (provider === "sqlite") return sqliteSchema;
  let text = replaceOnce(sqliteSchema, /^(\s*provider\s*=\s*)"sqlite"/m, `$1"postgresql"`, 'datasource `provider = "sqlite"`');
  text = replaceOnce(text, /^(\s*output\s*=\s*)"\.\.\/lib\/db\/generated\/sqlite"/m, `$1"./${providerDir("postgresql")}"`, 'generator `output = "../lib/db/generated/sqlite"`');
  return `// Generated from prisma/schema.prisma by scripts/db-generate.ts. Do not edit.\n${text}`;
}

export function readSchema(file = SCHEMA_FILE): string {
  return readFileSync(file, "utf8");
}
