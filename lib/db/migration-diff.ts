import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { prismaSchemaOnly } from "./prisma-cli";
import { schemaFor } from "./schema-files";
import type { DbProvider } from "./url";

// The SQL `prisma migrate diff --script` writes between two states of the one model definition,
// for either provider. Used to write new migrations and to check the committed ones.

/** `from`/`to` are texts of the SQLite-flavoured definition; `from` null is the empty database. */
export async function migrationSqlBetween(provider: DbProvider, from: string | null, to: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "console-schema-"));
  try {
    const toFile = path.join(dir, "to.prisma");
    await writeFile(toFile, schemaFor(provider, to));
    const fromArgs = ["--from-empty"];
    if (from !== null) {
      const fromFile = path.join(dir, "from.prisma");
      await writeFile(fromFile, schemaFor(provider, from));
      fromArgs.splice(0, 1, "--from-schema-datamodel", fromFile);
    }
    const out = await prismaSchemaOnly(provider, toFile, ["migrate", "diff", ...fromArgs, "--to-schema-datamodel", toFile, "--script"]);
    // The CLI announces the config file on stdout before the script.
    return out.replace(/^Loaded Prisma config from .*\n+/, "");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function isEmptyMigration(sql: string): boolean {
  return sql.replace(/--.*$/gm, "").trim() === "";
}
