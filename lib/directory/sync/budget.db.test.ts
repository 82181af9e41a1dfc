import { afterEach, beforeEach, expect, it } from "vitest";
import { quotaState } from "@/lib/budget/quota-state";
import { shanghaiDay } from "@/lib/time";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { createDingTalkClient } from "@/lib/dingtalk";
import { DbCallMeter } from "@/lib/dingtalk/meter-store";
import { runFullSync } from "./full-sync";
import { startDirectoryScheduler } from "./scheduler";
import { requestFullSync } from "./start";
import { clearDirectory, eventually, startEmulatorOrg, type EmulatorOrg } from "./testing/emulator-org";

// The directory's background work within DingTalk's monthly call quota: planned before it runs,
// skipped when the month's share does not cover it, stopped by a quota refusal.

const DAY = 86_400_000;
const budget = () => ({ monthlyQuota: 10_000, backgroundShare: 0.5 });

describeEachDatabase("directory sync within the call budget", ({ db }) => {
  let org: EmulatorOrg;
  let meter: DbCallMeter;
  let client: EmulatorOrg["client"];
  // A day after the sync, so that the reconcile is due (it runs daily for an org this size).
  let later: Date;

  beforeEach(async () => {
    await clearDirectory(db());
    await db().$transaction([db().dingTalkCallCount.deleteMany(), db().dingTalkQuotaBlock.deleteMany(), db().backgroundJobDecision.deleteMany(), db().auditEntry.deleteMany()]);
    org = await startEmulatorOrg({ users: 80, departments: 12, seed: 9 });
    later = new Date(Date.now() + 1.5 * DAY);
    meter = new DbCallMeter(db(), { appKey: org.emu.appKey, flushMs: 10, now: () => later });
    client = createDingTalkClient({ appKey: org.emu.appKey, appSecret: org.emu.appSecret, oapiBase: org.emu.url, apiBase: org.emu.url, loginBase: org.emu.url, qps: 1000, meter });
    await runFullSync({ db: db(), client }, { startedBy: "admin-1" });
    await meter.flush();
  });

  afterEach(async () => {
    await meter.close();
    await org.close();
  });

  const scheduler = (log: string[]) =>
    startDirectoryScheduler({ deps: () => ({ db: db(), client, now: () => later }), budget, tickMs: 3_600_000, log: (m) => log.push(m) });

  it("runs the scheduled reconcile when the month's share covers it, and records the decision", async () => {
    const log: string[] = [];
    const s = scheduler(log);
    await org.control.resetStats();
    expect(await s.tick()).toBe("reconcile");
    s.stop();
    const decision = await db().backgroundJobDecision.findFirstOrThrow({ where: { job: "directory.reconcile" } });
    expect(decision).toMatchObject({ decision: "run" });
    const stats = await org.control.stats();
    const calls = Object.entries(stats.calls).filter(([k]) => k !== "GET /gettoken").reduce((n, [, v]) => n + v, 0);
    expect(calls).toBeGreaterThan(0);
    expect(calls).toBeLessThanOrEqual(decision.estimatedCalls);
  });

  it("does not run the scheduled reconcile when the quota is nearly spent, and says why", async () => {
    // Someone (another app of the org, or pages) has spent all but 3 calls of the month.
    const spent = (await db().dingTalkCallCount.aggregate({ where: { metered: true }, _sum: { calls: true } }))._sum.calls ?? 0;
    await db().dingTalkCallCount.create({ data: { day: shanghaiDay(later), appKey: "other-app", api: "POST /topapi/v2/user/get", area: "page", metered: true, calls: 9_997 - spent } });
    const log: string[] = [];
    const s = scheduler(log);
    await org.control.resetStats();
    expect(await s.tick()).toBe("skipped");
    s.stop();
    expect(log.join("\n")).toMatch(/reconcile skipped: needs about \d+ calls but only 3 are left/);
    expect(await db().backgroundJobDecision.findFirstOrThrow({ where: { job: "directory.reconcile" } })).toMatchObject({ decision: "skip", remainingCalls: 3 });
    expect(await db().directorySyncRun.count({ where: { kind: "reconcile" } })).toBe(0);
    expect((await org.control.stats()).calls).toEqual({});
  });

  it("stops background work at a quota refusal: not retried, recorded for every process, later ticks skip", async () => {
    await org.control.setQuota({ quota: 10_000, used: 10_000 });
    await org.control.resetStats();
    const log: string[] = [];
    const s = scheduler(log);
    expect(await s.tick()).toBe("reconcile");
    const stats = await org.control.stats();
    // One refused call, not repeated (the head count the reconcile asks for first).
    expect(Object.values(stats.calls).reduce((a, b) => a + b, 0)).toBe(1);
    expect(log.join("\n")).toMatch(/reconcile .* ended failed/);
    await eventually(async () => expect((await quotaState(db(), later)).blocked).toBe(true));
    const state = await quotaState(db(), later);
    expect(state.since!.getTime()).toBe(later.getTime());
    expect(state.until!.getTime()).toBeGreaterThan(later.getTime());
    expect(new Date(state.until!.getTime() + 8 * 3_600_000).toISOString()).toMatch(/-01T00:00:00/);

    // The next tick (a new scheduler: as another process would) does not call DingTalk.
    const other = scheduler(log);
    later = new Date(later.getTime() + 2 * DAY);
    await org.control.resetStats();
    expect(await other.tick()).toBe("skipped");
    other.stop();
    s.stop();
    expect((await org.control.stats()).calls).toEqual({});
    expect(log.at(-1)).toMatch(/refused a call for the monthly quota/);

    // DingTalk accepts calls again (an add-on pack was bought): the first accepted call lifts the block.
    await org.control.setQuota({ quota: 20_000 });
    await client.contacts.countUsers({ onlyActive: false });
    await eventually(async () => expect((await quotaState(db(), later)).blocked).toBe(false));
  });

  it("records in the audit entry of a full sync an admin started the calls it made", async () => {
    await org.control.resetStats();
    const start = await requestFullSync({ db: db(), client }, { actor: { userId: "admin-1", name: "管理员" } }, "admin", {}, 40);
    expect(start.started).toBe(true);
    const outcome = start.started ? await start.finished : undefined;
    await eventually(async () => expect(await db().auditEntry.count({ where: { action: "directory.sync" } })).toBe(1));
    const entry = await db().auditEntry.findFirstOrThrow({ where: { action: "directory.sync" } });
    const stats = await org.control.stats();
    const metered = Object.entries(stats.calls).filter(([k]) => k !== "GET /gettoken").reduce((n, [, v]) => n + v, 0);
    expect(entry.calls).toBe(metered);
    expect(entry.calls).toBe(outcome!.apiCalls);
    expect(JSON.parse(entry.input)).toEqual({ trigger: "admin", estimatedCalls: 40 });
    await meter.flush();
    const area = await db().dingTalkCallCount.aggregate({ where: { area: "directory.sync", metered: true }, _sum: { calls: true } });
    expect(area._sum.calls).toBe(metered);
  });
});
