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
    // A token DingTalk refuses before its time: the refused attempt reached it but is not metered.
    await control.expireTokens("app");
    await client.contacts.countUsers({ onlyActive: false });
    await meter.close();

    const stats = await control.stats();
    const rows = await db.dingTalkCallCount.findMany();
    const reached = new Map<string, number>();
    for (const r of rows) reached.set(r.api, (reached.get(r.api) ?? 0) + r.calls);
    // Every request that reached the emulator, counted once.
    expect(Object.fromEntries(reached)).toEqual(stats.calls);
    // The counts themselves: 25 + 30 listid, 5 department/get, 30 listsub, 15 + 2 user/count (one refused
    // for the expired token), a token per process and the renewed one.
    expect(stats.calls).toEqual({
      "POST /topapi/user/listid": 55,
      "POST /topapi/v2/department/get": 5,
      "POST /topapi/v2/department/listsub": 30,
      "POST /topapi/user/count": 17,
      "GET /gettoken": 3,
    });
    // What DingTalk bills (the emulator's quota count, per path) is exactly what the meter calls metered.
    const quota = await control.quota();
    const billed = new Map<string, number>();
    for (const r of rows.filter((x) => x.metered)) billed.set(r.api.slice(r.api.indexOf(" ") + 1), (billed.get(r.api.slice(r.api.indexOf(" ") + 1)) ?? 0) + r.calls);
    expect(Object.fromEntries(billed)).toEqual(quota.byPath);
    expect(quota.used).toBe(106);
    expect(rows.filter((r) => r.api === "GET /gettoken").every((r) => !r.metered)).toBe(true);
    const byArea = (area: string) => rows.filter((r) => r.area === area && r.metered).reduce((n, r) => n + r.calls, 0);
    expect({ page: byArea("page"), event: byArea("directory.event"), reconcile: byArea("directory.reconcile"), bot: byArea("bot") }).toEqual({
      page: 26, event: 5, reconcile: 30, bot: 45,
    });
    const usage = await monthUsage(db, { monthlyQuota: 10_000, backgroundShare: 0.5 });
    expect(usage).toMatchObject({ used: 106, background: 35, unmetered: 4, backgroundBudget: 5000 });
    expect(usage.byApi[0]).toEqual({ api: "POST /topapi/user/listid", calls: 55 });
  });
});
