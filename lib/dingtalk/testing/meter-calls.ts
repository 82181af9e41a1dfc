// A second process for the meter test: makes DingTalk calls through a client whose meter writes
// to the database given, then flushes and exits. Usage (env): DATABASE_URL, EMULATOR_URL, APP_KEY,
// APP_SECRET, CALLS (how many rounds).
import { createDb } from "../../db/client";
import { createDingTalkClient } from "../client";
import { withCallArea } from "../meter";
import { DbCallMeter } from "../meter-store";

async function main(): Promise<void> {
  const { DATABASE_URL, EMULATOR_URL, APP_KEY, APP_SECRET, CALLS } = process.env;
  if (!DATABASE_URL || !EMULATOR_URL || !APP_KEY || !APP_SECRET) throw new Error("DATABASE_URL, EMULATOR_URL, APP_KEY and APP_SECRET are required");
  const db = createDb(DATABASE_URL);
  const meter = new DbCallMeter(db, { appKey: APP_KEY, flushMs: 20, defaultArea: "bot" });
  const client = createDingTalkClient({ appKey: APP_KEY, appSecret: APP_SECRET, oapiBase: EMULATOR_URL, apiBase: EMULATOR_URL, loginBase: EMULATOR_URL, qps: 1000, meter });
  const rounds = Number(CALLS ?? "10");
  await Promise.all(
    Array.from({ length: rounds }, async (_, i) => {
      await client.departments.listSubDepartments(1);
      await withCallArea("directory.reconcile", () => client.contacts.listUserIds(1));
      if (i % 2 === 0) await client.contacts.countUsers({ onlyActive: false });
    }),
  );
  await meter.close();
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
