import { defineConfig } from "@playwright/test";
import { existsSync } from "node:fs";
import path from "node:path";
import { E2E } from "./e2e/support/settings";

// Debian's Chromium where it is installed (CI and machines without Playwright's own
// browser download); Playwright's bundled browser everywhere else.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [["list"]],
  outputDir: path.join(E2E.artifacts, "results"),
  use: {
    baseURL: E2E.baseUrl,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: {
    // The README's start command itself, on its own ports, data directory and database.
    command: "npx tsx scripts/start.ts",
    url: `${E2E.baseUrl}/login`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E.port),
      NEXTAUTH_URL: E2E.baseUrl,
      EMULATOR_PORT: "0",
      EMULATOR_USERS: "200",
      CONSOLE_DATA_DIR: E2E.artifacts,
      DATABASE_URL: `file:${path.join(E2E.artifacts, "e2e.db")}`,
      DINGTALK_APP_KEY: "",
      DINGTALK_APP_SECRET: "",
      CONSOLE_ADMIN_USERIDS: "",
    },
  },
});
