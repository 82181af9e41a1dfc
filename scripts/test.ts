// `npm test`: every check CI runs, the quickest first, with independent steps side by side so the
// whole stays well inside CI's time: the clients generated; lint beside the type check; then the
// vitest suites beside the production build the browser tests need (the suites mostly wait on the
// emulator and the databases, the build mostly computes); then Playwright on that build.
// The build's output is held back and shown after the suites', so the two do not interleave.
import { spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

interface Step {
  name: string;
  args: string[];
  /** Keep the output until the step ends (it runs beside one that prints as it goes). */
  quiet?: boolean;
}

function run(step: Step): Promise<{ step: Step; code: number; output: string; seconds: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ["run", "--silent", ...step.args], { cwd: root, stdio: step.quiet ? ["ignore", "pipe", "pipe"] : "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
    const chunks: Buffer[] = [];
    child.stdout?.on("data", (c: Buffer) => chunks.push(c));
    child.stderr?.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", (error) => chunks.push(Buffer.from(String(error))));
    child.on("close", (code) => resolve({ step, code: code ?? 1, output: Buffer.concat(chunks).toString(), seconds: Math.round((Date.now() - started) / 1000) }));
  });
}

/** Runs the steps side by side; prints held-back output; stops the whole run if any failed. */
async function together(...steps: Step[]): Promise<void> {
  const results = await Promise.all(steps.map(run));
  for (const r of results) {
    if (r.step.quiet && r.output) process.stdout.write(`\n── ${r.step.name} ──\n${r.output}`);
    console.log(`[test] ${r.step.name}: ${r.code === 0 ? "passed" : `failed (exit ${r.code})`} in ${r.seconds} s`);
  }
  const failed = results.filter((r) => r.code !== 0);
  if (failed.length > 0) {
    console.error(`[test] failed: ${failed.map((r) => r.step.name).join(", ")}`);
    process.exit(1);
  }
}

await together({ name: "generate the database clients", args: ["db:generate"] });
await together({ name: "lint", args: ["lint"], quiet: true }, { name: "typecheck", args: ["typecheck"], quiet: true });
await together({ name: "vitest (unit, integration, SQLite and PostgreSQL)", args: ["test:vitest"] }, { name: "production build for the browser tests", args: ["test:e2e", "--", "--build-only"], quiet: true });
await together({ name: "browser tests (Chromium)", args: ["test:e2e", "--", "--no-build"] });
