import { raw, type Sql } from "@prisma/client/runtime/client";
import type { Db, DbProvider } from "./client";

/**
 * The little that differs between SQLite and PostgreSQL in hand-written SQL: how a boolean and a
 * timestamp are bound, and comparing text by code point (SQLite's only order; PostgreSQL's "C"
 * collation), so that sorting and path-prefix ranges agree on both.
 */
export interface SqlDialect {
  provider: DbProvider;
  bool(value: boolean): boolean | number;
  /** A DateTime value as Prisma itself writes it, so raw and model writes compare and sort alike. */
  timestamp(value: Date): Date | string;
  /** A text column (already quoted) compared in code-point order. */
  text(column: string): Sql;
}

const dialects: Record<DbProvider, SqlDialect> = {
  // Prisma keeps SQLite DateTimes as ISO text with an explicit "+00:00" offset.
  sqlite: { provider: "sqlite", bool: (v) => (v ? 1 : 0), timestamp: (d) => d.toISOString().replace("Z", "+00:00"), text: (c) => raw(c) },
  postgresql: { provider: "postgresql", bool: (v) => v, timestamp: (d) => d, text: (c) => raw(`${c} COLLATE "C"`) },
};

const known = new WeakMap<Db, SqlDialect>();

/** The dialect of `db`, read from the client (and probed once if the client does not say). */
export async function dialectOf(db: Db): Promise<SqlDialect> {
  const cached = known.get(db);
  if (cached) return cached;
  const declared = (db as unknown as { _activeProvider?: unknown })._activeProvider;
  let provider: DbProvider;
  if (declared === "sqlite" || declared === "postgresql") provider = declared;
  else provider = await db.$queryRawUnsafe("SELECT sqlite_version()").then(() => "sqlite" as const, () => "postgresql" as const);
  const dialect = dialects[provider];
  known.set(db, dialect);
  return dialect;
}

/** The smallest string greater than every string starting with `prefix` (code-point order). */
export function prefixUpperBound(prefix: string): string {
  const chars = [...prefix];
  const last = chars.pop();
  if (last === undefined) throw new RangeError("prefix must not be empty");
  return chars.join("") + String.fromCodePoint((last.codePointAt(0) ?? 0) + 1);
}
