import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "./schema-files";
import type { DbProvider } from "./url";

const run = promisify(execFile);

const CLI = path.join(PROJECT_ROOT, "node_modules", "prisma", "build", "index.js");

// A URL of the right kind for the schema's `url = env("DATABASE_URL")`; commands run through
// here (generate, schema-to-schema diff) never connect to it.
const PLACEHOLDER_URL: Record<DbProvider, string> = {
  sqlite: "file:./unused.db",
  postgresql: "postgresql://unused@127.0.0.1:1/unused",
};

/**
 * Runs a Prisma CLI command that reads no database, for the schema of `provider`.
 * PRISMA_SCHEMA_ONLY makes prisma.config.ts use the WebAssembly schema engine on an in-memory
 * SQLite adapter, so nothing is downloaded and no server is needed, whatever the provider.
 */
export async function prismaSchemaOnly(provider: DbProvider, schemaFile: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [CLI, ...args], {
      cwd: PROJECT_ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: {
        ...process.env,
        DATABASE_URL: PLACEHOLDER_URL[provider],
        PRISMA_SCHEMA_ONLY: schemaFile,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
        PRISMA_DISABLE_WARNINGS: "1",
      },
    });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`prisma ${args.join(" ")} failed:\n${e.stderr || e.stdout || e.message}`);
  }
}
