import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, it, describe } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDb, type Db } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { createEmptyDatabase, type TestDatabase } from "@/lib/db/testing/databases";
import { monthUsage } from "@/lib/budget/usage";
import { createDingTalkClient } from "./client";
import { withCallArea } from "./meter";
import { DbCallMeter } from "./meter-store";

// The meter against the emulator's own count: two processes (this one and a child) call DingTalk
// at once through clients metering into one PostgreSQL database.

function runChild(env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "testing", "meter-calls.ts")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`the second process exited ${code}: ${stderr}`))));
  });
}

describe("call meter [postgresql, two processes]", () => {
  let database: TestDatabase;
  let db: Db;
  let emu: RunningEmulator;
  let control: EmulatorControl;

  beforeAll(async () => {
    database = await createEmptyDatabase("postgresql");
    await migrateDatabase(database.url, { log: () => undefined });
    db = createDb(database.url);
    emu = await startEmulator({ port: 0, qps: 0, users: 60, departments: 6, seed: 3 });
    control = new EmulatorControl(emu.url, emu.controlToken);
  });

  afterAll(async () => {
    await emu?.close();
    await db?.$disconnect();
    await database?.drop();
  });

  it("counts every call the emulator received, per API, with token calls apart and calls attributed to their area", async () => {
    await control.resetStats();
    const meter = new DbCallMeter(db, { appKey: emu.appKey, flushMs: 20, defaultArea: "page" });
    const client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: 1000, meter });
    const here = Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        await client.contacts.listUserIds(1);
        if (i % 5 === 0) await withCallArea("directory.event", () => client.departments.getDepartment(1));
      }),
    );
    await Promise.all([here, runChild({ DATABASE_URL: database.url, EMULATOR_URL: emu.url, APP_KEY: emu.appKey, APP_SECRET: emu.appSecret, CALLS: "30" })]);
    await meter.close();

    const stats = await control.stats();
    const rows = await db.dingTalkCallCount.findMany();
    const metered = new Map<string, number>();
    for (const r of rows) metered.set(r.api, (metered.get(r.api) ?? 0) + r.calls);
    expect(Object.fromEntries(metered)).toEqual(stats.calls);
    // The counts themselves: 25 + 30 listid, 5 department/get, 30 listsub, 15 user/count, one token per process.
    expect(stats.calls).toEqual({
      "POST /topapi/user/listid": 55,
      "POST /topapi/v2/department/get": 5,
      "POST /topapi/v2/department/listsub": 30,
      "POST /topapi/user/count": 15,
      "GET /gettoken": 2,
    });
    expect(rows.filter((r) => r.api === "GET /gettoken").every((r) => !r.metered)).toBe(true);
    const byArea = (area: string) => rows.filter((r) => r.area === area && r.metered).reduce((n, r) => n + r.calls, 0);
    expect({ page: byArea("page"), event: byArea("directory.event"), reconcile: byArea("directory.reconcile"), bot: byArea("bot") }).toEqual({
      page: 25, event: 5, reconcile: 30, bot: 45,
    });
    const usage = await monthUsage(db, { monthlyQuota: 10_000, backgroundShare: 0.5 });
    expect(usage).toMatchObject({ used: 105, background: 35, tokenCalls: 2, backgroundBudget: 5000 });
    expect(usage.byApi[0]).toEqual({ api: "POST /topapi/user/listid", calls: 55 });
    // DingTalk's own meter (the emulator's quota count) agrees, token calls left out.
    const quota = await control.quota();
    expect(quota.used).toBe(105);
  });
});
