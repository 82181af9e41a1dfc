// A PostgreSQL DATABASE_URL may name a schema the Prisma way (`?schema=name`); the pg driver
// does not know that parameter, so it is taken off and handed to whoever sets search_path.

export interface PgConnection {
  connectionString: string;
  schema: string;
}

export function pgConnection(url: string): PgConnection {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") || "public";
  parsed.searchParams.delete("schema");
  return { connectionString: parsed.toString(), schema };
}
