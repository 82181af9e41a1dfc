import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createDb, type Db } from "./client";
import { migrateDatabase } from "./migrate";

// Two processes on one SQLite file (the console and the bridge): a transaction that reads, then
// writes after the other process committed, must not fail with "database is locked".
const dir = mkdtempSync(path.join(tmpdir(), "sqlite-lock-"));
const file = path.join(dir, "console.db");
let db: Db;
let other: Database.Database;

beforeAll(async () => {
  await migrateDatabase(`file:${file}`, { log: () => undefined });
  db = createDb(`file:${file}`);
  // The other process, as impatient as can be: it is refused at once rather than waiting.
  other = new Database(file, { timeout: 0 });
});

afterAll(async () => {
  other.close();
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

it("a transaction holds the write lock from its start, so another process's write waits for it instead of breaking it", async () => {
  let otherWrite = "not tried";
  await db.$transaction(async (tx) => {
    await tx.botInboxMessage.findMany();
    try {
      other.prepare("INSERT INTO BotInboxMessage (msgId, receivedAt, payload, status, attempts) VALUES ('other', 0, '{}', 'pending', 0)").run();
      otherWrite = "done";
    } catch (error) {
      otherWrite = (error as { code?: string }).code ?? String(error);
    }
    await tx.botInboxMessage.create({ data: { msgId: "mine", receivedAt: new Date(), payload: "{}", status: "pending", attempts: 0 } });
  });
  expect(otherWrite).toBe("SQLITE_BUSY");
  expect((await db.botInboxMessage.findMany({ select: { msgId: true } })).map((r) => r.msgId)).toEqual(["mine"]);
});
