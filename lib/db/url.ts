import path from "node:path";

// Which database a DATABASE_URL names. Shared by the client, the migration runner and
// prisma.config.ts, so that all three read the same URL the same way.

export const DEFAULT_DATABASE_URL = "file:./data/console.db";

export type DbProvider = "sqlite" | "postgresql";

export class DatabaseUrlError extends Error {
  readonly code = "INVALID_DATABASE_URL";
}

export function dbProvider(url: string): DbProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  // The URL may hold a password: name only its scheme.
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(none)";
  throw new DatabaseUrlError(
    `DATABASE_URL must start with file: (SQLite, e.g. file:./data/console.db) or postgresql:// (PostgreSQL); its scheme is ${scheme}`,
  );
}

/**
 * The absolute path of a SQLite `file:` URL. Relative paths are read from the working
 * directory (the project root for every npm script), not from prisma/ as Prisma's CLI would.
 */
export function sqliteFilePath(url: string, cwd = process.cwd()): string {
  if (dbProvider(url) !== "sqlite") throw new DatabaseUrlError("not a SQLite file: URL");
  const file = decodeURIComponent(url.slice("file:".length).replace(/\?.*$/, ""));
  if (!file) throw new DatabaseUrlError("DATABASE_URL file: names no file, e.g. file:./data/console.db");
  return path.resolve(cwd, file);
}
