// `npm start` (production server) and `npm run dev` (next dev): one command from a fresh clone.
// With no DingTalk credentials configured, the bundled emulator starts beside the console with
// a seeded demo org; otherwise the console talks to the DingTalk app in the environment.
// The environment is checked here first so that a bad variable is named before anything builds.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmulator, type RunningEmulator } from "../emulator/server";
import { migrateDatabase } from "../lib/db/migrate";
import { EnvError, parseEnv } from "../lib/env";

const root = path.resolve(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(process.env.CONSOLE_DATA_DIR ?? path.join(root, "data"));

function log(line: string) {
  process.stdout.write(`[console] ${line}\n`);
}

if (existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));

const port = Number(process.env.PORT ?? 3000);
let emulator: RunningEmulator | undefined;

// The demo org has DingTalk's standard edition: 10,000 metered calls a month.
const DEMO_MONTHLY_QUOTA = 10_000;

async function startDemoEmulator(): Promise<RunningEmulator> {
  const users = Number(process.env.EMULATOR_USERS ?? 200);
  const wanted = Number(process.env.EMULATOR_PORT ?? 4100);
  const options = { users, seed: 1, monthlyQuota: DEMO_MONTHLY_QUOTA };
  try {
    return await startEmulator({ port: wanted, ...options });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    log(`port ${wanted} is taken; the emulator takes a free port instead`);
    return startEmulator({ port: 0, ...options });
  }
}

/** The demo keeps one signing secret across restarts so that sign-ins survive them. */
function demoSecret(): string {
  const file = path.join(dataDir, ".nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  if (!process.env.DINGTALK_APP_KEY && !process.env.DINGTALK_APP_SECRET) {
    emulator = await startDemoEmulator();
    Object.assign(process.env, {
      DINGTALK_APP_KEY: emulator.appKey,
      DINGTALK_APP_SECRET: emulator.appSecret,
      DINGTALK_CORP_ID: emulator.corpId,
      DINGTALK_AGENT_ID: emulator.agentId,
      DINGTALK_OAPI_BASE: emulator.url,
      DINGTALK_API_BASE: emulator.url,
      DINGTALK_LOGIN_BASE: emulator.url,
      DINGTALK_DEMO: "1",
    });
    process.env.NEXTAUTH_SECRET ??= demoSecret();
    // Tests and curious people can drive the emulator (clock, faults) with this.
    writeFileSync(path.join(dataDir, "demo.json"), JSON.stringify({ emulatorUrl: emulator.url, controlToken: emulator.controlToken }, null, 2), { mode: 0o600 });
    log(`DingTalk emulator with a demo org at ${emulator.url} (no DingTalk credentials configured)`);
  }

  let env;
  try {
    env = parseEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  // Migrated here once, before the server and the bot bridge both open the database.
  await migrateDatabase(env.DATABASE_URL);
  const next = path.join(root, "node_modules", ".bin", "next");
  if (!dev && !existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("building the console once (npm run build rebuilds it)…");
    const built = spawnSync(next, ["build"], { cwd: root, stdio: "inherit", env: process.env });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }

  const child = spawn(next, [dev ? "dev" : "start", "-p", String(port)], { cwd: root, stdio: "inherit", env: process.env });
  log(`console at ${env.NEXTAUTH_URL}${emulator ? " — sign in with any person of the demo org" : ""}`);
  // The demo org's bot answers too; with a real app the bridge runs on its own (`npm run bridge`).
  const bridge = emulator ? spawn(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "bridge.ts")], { cwd: root, stdio: "inherit", env: process.env }) : undefined;
  if (emulator) log(`bot bridge started; write to the bot at ${emulator.url}/__bot`);

  const stop = async (code: number) => {
    bridge?.kill("SIGTERM");
    await emulator?.close().catch(() => undefined);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      child.kill(signal);
      bridge?.kill(signal);
    });
  }
  child.on("exit", (code) => void stop(code ?? 0));
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await emulator?.close().catch(() => undefined);
  process.exit(1);
});
