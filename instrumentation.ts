// Runs once when the server starts: refuse to start on a bad configuration, naming each
// variable, and bring the database schema up to date before the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, EnvError } = await import("./lib/env");
  try {
    const e = env();
    const { migrateDatabase } = await import("./lib/db/migrate");
    await migrateDatabase(e.DATABASE_URL);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }
}
