// `npm run test:e2e`: a clean data directory, a fresh production build, then Playwright in
// Chromium against the README's start command.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { E2E } from "../e2e/support/settings";

const root = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(cmd: string, args: string[]) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rmSync(E2E.artifacts, { recursive: true, force: true });
if (!process.argv.includes("--no-build")) run(bin("next"), ["build"]);
run(bin("playwright"), ["test", ...process.argv.slice(2).filter((a) => a !== "--no-build")]);
