// `npx tsx scripts/db-new-migration.ts <name>`:
// after changing prisma/schema.prisma, writes the SQL that brings both databases from the
// state of the newest migration to the schema, as prisma/migrations/{sqlite,postgres}/<ts>_<name>/.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { migrationsDir, MIGRATED_SCHEMA_FILE, PROVIDERS, readSchema } from "../lib/db/schema-files";
import { isEmptyMigration, migrationSqlBetween } from "../lib/db/migration-diff";
import { LOCK_FILE, lockFileText } from "../lib/db/migration-files";

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

async function main() {
  const name = process.argv[2] ?? "";
  if (!/^[a-z][a-z0-9_]{0,60}$/.test(name)) {
    throw new Error("Usage: npx tsx scripts/db-new-migration.ts <name> (lower-case letters, digits and _, e.g. add_robot_table)");
  }
  const schema = readSchema();
  const previous = existsSync(MIGRATED_SCHEMA_FILE) ? readSchema(MIGRATED_SCHEMA_FILE) : null;
  const scripts = await Promise.all(PROVIDERS.map((p) => migrationSqlBetween(p, previous, schema)));
  if (scripts.every(isEmptyMigration)) {
    process.stdout.write("prisma/schema.prisma has not changed since the newest migration; nothing to write\n");
    return;
  }
  const folder = `${timestamp()}_${name}`;
  PROVIDERS.forEach((provider, i) => {
    const dir = migrationsDir(provider);
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, "migration.sql"), scripts[i]);
    if (!existsSync(path.join(dir, LOCK_FILE))) writeFileSync(path.join(dir, LOCK_FILE), lockFileText(provider));
    process.stdout.write(`wrote ${path.relative(process.cwd(), path.join(dir, folder, "migration.sql"))}\n`);
  });
  writeFileSync(MIGRATED_SCHEMA_FILE, schema);
  process.stdout.write("Review the SQL, then run `npm run db:migrate` and commit the migration folders.\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
