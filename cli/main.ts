// `npx dingtalk <command>` (through bin/dingtalk.mjs): loads ./.env, runs the command, exits with
// its status once stdout is written.
import { existsSync } from "node:fs";
import { resolve } from "node:path";

function loadDotEnv(): string | undefined {
  const path = resolve(process.cwd(), ".env");
  if (!existsSync(path)) return undefined;
  try {
    // Variables already set in the environment win over the file.
    process.loadEnvFile(path);
    return undefined;
  } catch (error) {
    return `cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`;
  }
}

const envProblem = loadDotEnv();
if (envProblem) process.stderr.write(`[dingtalk] ${envProblem}\n`);

const { runCli } = await import("./run");
const exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// Keep-alive sockets would hold the process open; leave as soon as stdout is flushed.
process.stdout.write("", () => process.exit(exitCode));
