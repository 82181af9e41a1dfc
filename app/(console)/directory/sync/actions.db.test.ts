import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { DbCallMeter } from "@/lib/dingtalk/meter-store";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import { clearDirectory, eventually, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { replaceActionSeams } from "@/lib/server/action";
import { startSyncAction } from "./actions";

// The full sync an admin starts from the page: its audit entry is written when the run ends, with
// the estimate the page showed and every DingTalk call the run made.

const console_ = globalThis as unknown as { consoleDingTalk?: DingTalkClient };

describeEachDatabase("the admin's full sync", ({ db }) => {
  let org: EmulatorOrg;
  let meter: DbCallMeter;
  let restore: () => void = () => undefined;

  beforeAll(() => {
    restore = replaceActionSeams({
      lookupActor: async () => ({ status: "signed-in", actor: { userId: "boss", name: "老板", roles: ["admin"], sessionId: "s-boss" } }),
      locale: async () => "zh-CN",
      db: () => db(),
      revalidate: () => undefined,
    });
  });
  afterAll(() => restore());

  beforeEach(async () => {
    await clearDirectory(db());
    await db().auditEntry.deleteMany();
    await db().dingTalkCallCount.deleteMany();
    org = await startEmulatorOrg({ users: 60, departments: 8, seed: 4 });
    meter = new DbCallMeter(db(), { appKey: org.emu.appKey, flushMs: 10, defaultArea: "page" });
    // The console's one client, as lib/server/dingtalk.ts would make it.
    console_.consoleDingTalk = createDingTalkClient({ appKey: org.emu.appKey, appSecret: org.emu.appSecret, oapiBase: org.emu.url, apiBase: org.emu.url, loginBase: org.emu.url, qps: 1000, meter });
  });

  afterEach(async () => {
    await meter.close();
    console_.consoleDingTalk = undefined;
    await org.close();
  });

  it("records in its audit entry the estimate shown and the calls the run made, counted under the admin's sync", async () => {
    await org.control.resetStats();
    const form = new FormData();
    form.set("estimatedCalls", "19");
    const result = await startSyncAction(null, form);
    expect(result).toMatchObject({ ok: true, data: { started: true } });
    const runId = result.ok ? result.data.runId! : "";
    await eventually(async () => expect((await db().directorySyncRun.findUniqueOrThrow({ where: { id: runId } })).status).toBe("done"), 30_000);
    await eventually(async () => expect(await db().auditEntry.count({ where: { action: "directory.sync" } })).toBe(1));
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "directory.sync" } });
    const run = await db().directorySyncRun.findUniqueOrThrow({ where: { id: runId } });
    const stats = await org.control.stats();
    const metered = Object.entries(stats.calls).filter(([k]) => k !== "GET /gettoken").reduce((n, [, v]) => n + v, 0);
    expect(run.apiCalls).toBeGreaterThan(8);
    expect(entry).toMatchObject({ outcome: "ok", actorId: "boss", requestId: runId, calls: run.apiCalls });
    expect(entry.calls).toBe(metered);
    expect(JSON.parse(entry.input)).toEqual({ trigger: "admin", estimatedCalls: 19 });
    await meter.flush();
    const byArea = await db().dingTalkCallCount.groupBy({ by: ["area"], where: { metered: true }, _sum: { calls: true } });
    expect(byArea.map((a) => [a.area, a._sum.calls])).toEqual([["directory.sync", metered]]);
  });
});
