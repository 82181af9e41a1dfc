import { migrateDatabase } from "@/lib/db/migrate";
import { EnvError, env } from "@/lib/env";

/** Server start: refuse a bad configuration, naming each variable; bring the schema up to date. */
export async function startServer(): Promise<void> {
  try {
    await migrateDatabase(env().DATABASE_URL);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
