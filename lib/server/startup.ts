import { migrateDatabase } from "@/lib/db/migrate";
import { startDirectoryScheduler } from "@/lib/directory/sync/scheduler";
import { EnvError, env } from "@/lib/env";

/**
 * Server start: refuse a bad configuration, naming each variable; bring the schema up to date;
 * keep the directory synced (a first full sync right away on a fresh database).
 */
export async function startServer(): Promise<void> {
  try {
    await migrateDatabase(env().DATABASE_URL);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
  const scheduler = startDirectoryScheduler();
  void scheduler.tick().catch((error: unknown) => console.warn("[directory] first sync could not start:", error instanceof Error ? error.message : error));
}
