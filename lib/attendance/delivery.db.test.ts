import { afterAll, beforeAll, expect, it } from "vitest";
import { MessagingControl } from "@/emulator/control/messaging-client";
import { listAudit } from "@/lib/audit";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import { runFullSync } from "@/lib/directory/sync/full-sync";
import { clearDirectory, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { attendanceAccess, ledDepartments, visiblePeople } from "./access";
import { lastPeriod, MAX_ATTEMPTS, RETRY_AFTER_MS, runDueDeliveries, scheduleDeliveries, subscribe, type DeliveryDeps } from "./delivery";
import { scopePeople } from "./report";

// Scheduled delivery against the emulator over HTTP, on SQLite and PostgreSQL: a period's
// delivery made once, a failed send kept with its error and tried again at its time, the
// notification as DingTalk received it, every attempt audited; and who sees whose attendance.

const SEND = "/topapi/message/corpconversation/asyncsend_v2";
const UNLIMITED = { monthlyQuota: null, backgroundShare: 0.3 };
const MINUTE = 60_000;

describeEachDatabase("attendance delivery", ({ db }) => {
  let org: EmulatorOrg;
  let client: DingTalkClient;
  let messages: MessagingControl;
  let rootId: number;

  beforeAll(async () => {
    await clearDirectory(db());
    org = await startEmulatorOrg({ users: 40, departments: 5, seed: 21 });
    client = createDingTalkClient({ appKey: org.emu.appKey, appSecret: org.emu.appSecret, agentId: org.emu.agentId, oapiBase: org.emu.url, apiBase: org.emu.url, loginBase: org.emu.url, qps: 1000 });
    messages = new MessagingControl(org.emu.url, org.emu.controlToken);
    expect((await runFullSync({ db: db(), client }, { startedBy: "test" }))?.status).toBe("done");
    rootId = (await db().directoryDepartment.findFirstOrThrow({ where: { parentId: null } })).deptId;
  }, 60_000);

  afterAll(async () => {
    await org.close();
  });

  it("names the last ended month and the week before, Monday to Sunday, in Shanghai days", () => {
    expect(lastPeriod("monthly", new Date("2026-11-01T00:30:00+08:00"))).toEqual({ from: "2026-10-01", to: "2026-10-31" });
    expect(lastPeriod("monthly", new Date("2026-03-15T12:00:00+08:00"))).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    // Sunday 2026-11-08 23:00 in Shanghai is still the week of Monday 2026-11-02.
    expect(lastPeriod("weekly", new Date("2026-11-08T23:00:00+08:00"))).toEqual({ from: "2026-10-26", to: "2026-11-01" });
    expect(lastPeriod("weekly", new Date("2026-11-09T00:10:00+08:00"))).toEqual({ from: "2026-11-02", to: "2026-11-08" });
  });

  it("delivers a month's report once, keeps a failed send with its error, tries it again at its time and audits every attempt", async () => {
    const hr = (await db().directoryUser.findFirstOrThrow({ where: { admin: true }, orderBy: { userId: "asc" } })).userId;
    const subscribedAt = new Date("2026-10-20T10:00:00+08:00");
    const subId = await subscribe(db(), hr, { deptIds: [rootId], userIds: [] }, "monthly", subscribedAt);
    // Made after October ended: waits for November's report.
    const late = await subscribe(db(), hr, { deptIds: [rootId], userIds: [] }, "monthly", new Date("2026-11-01T09:00:00+08:00"));
    let now = new Date("2026-11-01T08:00:00+08:00");
    const deps: DeliveryDeps = { db: db(), client, baseUrl: "https://console.example.com/", now: () => now };

    await org.control.addFault({ path: SEND, error: { errcode: 60011, errmsg: "no permission" }, times: 1 });
    const first = await runDueDeliveries(deps, UNLIMITED, () => undefined);
    expect(first).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const failed = await db().attendanceDelivery.findFirstOrThrow({ where: { subscriptionId: subId } });
    expect(failed).toMatchObject({ fromDay: "2026-10-01", toDay: "2026-10-31", status: "failed", attempts: 1 });
    expect(failed.lastError).toContain("60011");
    expect(failed.nextAttemptAt?.getTime()).toBe(now.getTime() + RETRY_AFTER_MS);
    expect(await db().attendanceDelivery.count({ where: { subscriptionId: late } })).toBe(0);
    // The month's attendance is fetched once, by the failed attempt: the retry reads it from the database.
    const people = await scopePeople(db(), { deptIds: [rootId] });
    expect(await db().attendanceDay.count({ where: { day: { gte: "2026-10-01", lte: "2026-10-31" } } })).toBe(people.length * 31);

    // Not before its time.
    now = new Date(now.getTime() + RETRY_AFTER_MS - MINUTE);
    expect(await runDueDeliveries(deps, UNLIMITED, () => undefined)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    await org.control.resetStats();
    now = new Date(now.getTime() + 2 * MINUTE);
    expect(await runDueDeliveries(deps, UNLIMITED, () => undefined)).toEqual({ sent: 1, failed: 0, skipped: 0 });
    const calls = (await org.control.stats()).calls;
    expect(Object.keys(calls).filter((k) => k.includes("/attendance/"))).toEqual([]);
    const sent = await db().attendanceDelivery.findFirstOrThrow({ where: { subscriptionId: subId } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2, lastError: null, nextAttemptAt: null });
    expect(sent.taskId).toMatch(/^\d+$/);

    const notes = (await messages.messages({ channel: "work-notification", to: hr })).filter((m) => m.msgtype === "action_card");
    expect(notes).toHaveLength(1);
    const card = notes[0].content as { title: string; markdown: string; btn_json_list: Array<{ title: string; action_url: string }> };
    expect(card.title).toBe("考勤报表 2026-10-01 至 2026-10-31");
    expect(card.markdown).toContain(`共 ${people.length} 人`);
    expect(card.btn_json_list.map((b) => b.action_url)).toEqual([
      `https://console.example.com/attendance?depts=${rootId}&from=2026-10-01&to=2026-10-31`,
      `https://console.example.com/attendance/export/xlsx?depts=${rootId}&from=2026-10-01&to=2026-10-31`,
    ]);

    // Once per period, however often the schedule looks.
    expect(await scheduleDeliveries(db(), now)).toBe(0);
    expect(await runDueDeliveries(deps, UNLIMITED, () => undefined)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    const { rows } = await listAudit(db(), { action: "attendance.delivery", targetId: sent.id, sort: { field: "at", dir: "asc" }, page: 1, pageSize: 10 });
    expect(rows.map((r) => [r.outcome, r.actorId])).toEqual([
      ["error", "system"],
      ["ok", "system"],
    ]);
    expect(rows[1].calls).toBe(1);
  }, 120_000);

  it("gives up after the last attempt, and waits for the budget when the month's background share is spent", async () => {
    await db().attendanceDelivery.deleteMany();
    await db().attendanceSubscription.deleteMany();
    const hr = (await db().directoryUser.findFirstOrThrow({ where: { admin: true }, orderBy: { userId: "asc" } })).userId;
    await subscribe(db(), hr, { deptIds: [], userIds: [hr] }, "weekly", new Date("2026-10-01T00:00:00+08:00"));
    let now = new Date("2026-11-02T09:00:00+08:00");
    const deps: DeliveryDeps = { db: db(), client, baseUrl: "https://c.example.com", now: () => now };

    // No background calls left this month: not attempted, asked again in an hour.
    const spent = { monthlyQuota: 10, backgroundShare: 0 };
    expect(await runDueDeliveries(deps, spent, () => undefined)).toEqual({ sent: 0, failed: 0, skipped: 1 });
    const waiting = await db().attendanceDelivery.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "pending", attempts: 0, fromDay: "2026-10-26", toDay: "2026-11-01" });
    expect(waiting.nextAttemptAt?.getTime()).toBe(now.getTime() + 3_600_000);

    await org.control.addFault({ path: SEND, error: { errcode: 60011, errmsg: "no permission" }, times: MAX_ATTEMPTS });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + 24 * 3_600_000);
      expect(await runDueDeliveries(deps, UNLIMITED, () => undefined)).toMatchObject({ failed: 1 });
    }
    expect(await db().attendanceDelivery.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    now = new Date(now.getTime() + 30 * 24 * 3_600_000);
    // A month later the weekly schedule makes that week's delivery; the one it gave up on stays given up.
    await runDueDeliveries(deps, UNLIMITED, () => undefined);
    expect(await db().attendanceDelivery.count({ where: { status: "failed", nextAttemptAt: null } })).toBe(1);
  }, 120_000);

  it("lets HR see everyone, a manager the departments they lead with their sub-departments, and a viewer no one", async () => {
    const depts = await db().directoryDepartment.findMany({ where: { removedAt: null } });
    const led = depts.find((d) => d.parentId !== null && (JSON.parse(d.managerUserIds) as string[]).length > 0)!;
    const manager = (JSON.parse(led.managerUserIds) as string[])[0];
    expect(await ledDepartments(db(), manager)).toContain(led.deptId);
    const everyone = await scopePeople(db(), { deptIds: [rootId] });
    const below = await scopePeople(db(), { deptIds: await ledDepartments(db(), manager) });

    const hr = await attendanceAccess(db(), { userId: "hr-1", roles: ["hr"] });
    expect(await visiblePeople(db(), hr, { deptIds: [rootId], userIds: [] })).toEqual({ userIds: everyone, outside: 0 });

    const mine = await attendanceAccess(db(), { userId: manager, roles: ["approver"] });
    const seen = await visiblePeople(db(), mine, { deptIds: [rootId], userIds: [] });
    expect(seen.userIds).toEqual(below);
    expect(seen.outside).toBe(everyone.length - below.length);
    expect(seen.outside).toBeGreaterThan(0);
    // Only their own: an approver who leads nothing sees no one.
    const nobody = everyone.find((u) => !depts.some((d) => (JSON.parse(d.managerUserIds) as string[]).includes(u)))!;
    expect((await visiblePeople(db(), await attendanceAccess(db(), { userId: nobody, roles: ["approver"] }), { deptIds: [rootId], userIds: [] })).userIds).toEqual([]);
    expect((await attendanceAccess(db(), { userId: manager, roles: ["viewer"] })).people?.size).toBe(0);
  });
});
