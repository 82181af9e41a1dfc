// `npm run test:e2e [--no-build | --build-only] [spec…]`: a clean data directory, a fresh production build, then Playwright in
// Chromium against the README's start command. One run at a time per checkout: a second run
// waits for the first (they would share the build, the port and the data directory).
import { spawnSync } from "node:child_process";
import { closeSync, mkdirSync, openSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { E2E } from "../e2e/support/settings";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const lock = path.join(root, ".next-e2e.lock");

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  return r.status ?? 1;
}

async function takeLock(): Promise<void> {
  for (let waited = 0; ; waited += 2) {
    try {
      closeSync(openSync(lock, "wx"));
      return;
    } catch {
      // A lock older than 20 minutes belongs to a run that died.
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 20 * 60_000) rmSync(lock, { force: true });
      else if (waited % 30 === 0) console.log(`[e2e] another run is going on; waiting (${waited} s)`);
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

await takeLock();
let status = 1;
try {
  rmSync(E2E.artifacts, { recursive: true, force: true });
  mkdirSync(E2E.artifacts, { recursive: true });
  const flags = ["--no-build", "--build-only"];
  const args = process.argv.slice(2).filter((a) => !flags.includes(a));
  status = process.argv.includes("--no-build") ? 0 : run(bin("next"), ["build"]);
  // --build-only: the build alone, for a run with --no-build after it (npm test builds beside the vitest suites).
  if (status === 0 && !process.argv.includes("--build-only")) status = run(bin("playwright"), ["test", ...args]);
} finally {
  rmSync(lock, { force: true });
}
process.exit(status);
