// `npm run db:migrate`: applies the committed migrations to DATABASE_URL (default
// file:./data/console.db). The console also does this itself when it starts.
import { existsSync } from "node:fs";
import { migrateDatabase } from "../lib/db/migrate";
import { DEFAULT_DATABASE_URL } from "../lib/db/url";

if (existsSync(".env")) process.loadEnvFile(".env");

async function main() {
  const url = process.env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  const { provider, applied } = await migrateDatabase(url);
  process.stdout.write(applied.length === 0 ? `[db] ${provider}: up to date\n` : `[db] ${provider}: applied ${applied.length} migration(s)\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
