// `npm run db:generate` (also postinstall and the first step of `npm test`): derives the
// PostgreSQL schema from prisma/schema.prisma and generates a Prisma client per provider into
// lib/db/generated/{sqlite,postgres}. Offline, and instant when nothing changed.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prismaSchemaOnly } from "../lib/db/prisma-cli";
import { GENERATED_DIR, PROJECT_ROOT, PROVIDERS, providerDir, readSchema, schemaFileFor, schemaFor } from "../lib/db/schema-files";

const stampFile = path.join(GENERATED_DIR, ".stamp");

function prismaVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "node_modules", "prisma", "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

async function main() {
  const started = Date.now();
  const schema = readSchema();
  // What the output depends on: Prisma's version, this script, the derivation and the schema.
  const inputs = [prismaVersion(), readFileSync(import.meta.filename, "utf8"), readFileSync(path.join(PROJECT_ROOT, "lib", "db", "schema-files.ts"), "utf8"), schema];
  const stamp = createHash("sha256").update(inputs.join("\n")).digest("hex");
  const clientsExist =
    existsSync(schemaFileFor("postgresql")) && PROVIDERS.every((p) => existsSync(path.join(GENERATED_DIR, providerDir(p), "client.ts")));
  if (!process.argv.includes("--force") && clientsExist && existsSync(stampFile) && readFileSync(stampFile, "utf8").trim() === stamp) {
    process.stdout.write("[db:generate] Prisma clients are up to date\n");
    return;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  const postgresSchema = schemaFileFor("postgresql");
  writeFileSync(postgresSchema, schemaFor("postgresql", schema));
  await Promise.all(PROVIDERS.map((p) => prismaSchemaOnly(p, schemaFileFor(p), ["generate", "--schema", schemaFileFor(p)])));
  writeFileSync(stampFile, `${stamp}\n`);
  process.stdout.write(`[db:generate] generated the SQLite and PostgreSQL clients in ${Date.now() - started} ms\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
