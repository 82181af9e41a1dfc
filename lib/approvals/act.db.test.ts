import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import { startApprovalAction } from "@/app/(console)/approvals/start/actions";
import { agreeManyAction } from "@/app/(console)/approvals/todo/actions";
import { agreeAction, commentAction, refuseAction, remindAction, terminateAction, transferAction } from "@/app/(console)/approvals/[id]/actions";
import { MessagingControl } from "@/emulator/control/messaging-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { EmulatorControl } from "@/emulator/control-client";
import { listAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/current";
import type { RoleName } from "@/lib/authz/permissions";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import type { OrgUserRow } from "@/emulator/control/schemas";
import { replaceActionSeams, type ActionResult } from "@/lib/server/action";
import { shanghaiDay } from "@/lib/time";
import { runDailyReminders, startApprovalReminderScheduler } from "./remind";
import { todoOf } from "./todo";
import { clearApprovals } from "./testing/emulator-approvals";

// Every action on an approval through its server action (role, input, audit), against the
// emulator over HTTP and a real database: what DingTalk then holds, and what the index shows.

vi.setConfig({ testTimeout: 60_000 });

const LEAVE = "PROC-7C1E5A2B-LEAVE";
const GENERAL = "PROC-5E02B8D1-GENERAL";
const LEAVE_IDS = { type: "DDSelectField_1K2Q4B", start: "DDDateField_1S7F0C", end: "DDDateField_1E3N8D", days: "NumberField_1D9H2E", reason: "TextareaField_1R5T6F" };

const leave = (over: Record<string, string> = {}) => ({
  [LEAVE_IDS.type]: "年假", [LEAVE_IDS.start]: "2026-03-02 09:00", [LEAVE_IDS.end]: "2026-03-03 18:00", [LEAVE_IDS.days]: "2", [LEAVE_IDS.reason]: "回家", ...over,
});

type Result = ActionResult<unknown>;
const data = <T>(r: Result): T => {
  if (!r.ok) throw new Error(`action refused: ${r.error.code} ${r.error.message}`);
  return r.data as T;
};

describeEachDatabase("acting on approvals", ({ db }) => {
  let emu: RunningEmulator;
  let client: DingTalkClient;
  let control: EmulatorControl;
  let users: OrgUserRow[];
  let actor: Actor | null = null;
  let restore: () => void = () => undefined;
  const global = globalThis as { consoleDingTalk?: DingTalkClient };

  const as = (user: { userId: string; name?: string }, roles: RoleName[] = ["approver"]) => {
    actor = { userId: user.userId, name: user.name ?? user.userId, roles, sessionId: `s-${user.userId}` };
  };

  /** A person with two managers above, so that a leave request has two approval steps. */
  const withTwoManagers = () => {
    const byId = new Map(users.map((u) => [u.userId, u]));
    const u = users.find((x) => x.active && x.managerUserId && byId.get(x.managerUserId)?.managerUserId && !x.admin)!;
    const first = byId.get(u.managerUserId!)!;
    return { originator: u, first, second: byId.get(first.managerUserId!)! };
  };

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, qps: 0, users: 60, departments: 8, seed: 11 });
    client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, agentId: emu.agentId, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: 1000 });
    control = new EmulatorControl(emu.url, emu.controlToken);
    users = (await control.users({ limit: 200 })).users;
    global.consoleDingTalk = client;
    restore = replaceActionSeams({
      lookupActor: async () => (actor ? { status: "signed-in", actor } : { status: "signed-out" }),
      locale: async () => "en",
      db: () => db(),
      revalidate: () => undefined,
    });
  });
  afterAll(async () => {
    restore();
    delete global.consoleDingTalk;
    await emu.close();
  });
  beforeEach(async () => {
    await clearApprovals(db());
    await db().auditEntry.deleteMany();
  });

  const instanceOf = (id: string) => db().approvalInstance.findUniqueOrThrow({ where: { processInstanceId: id } });
  const start = async (originator: { userId: string }, values = leave()) => {
    as(originator);
    return data<{ processInstanceId: string }>(await startApprovalAction(null, { processCode: LEAVE, values })).processInstanceId;
  };

  it("starts a leave request from the form's values, refuses bad ones per field, and puts DingTalk's refusal on its field", async () => {
    const { originator, first } = withTwoManagers();
    as(originator);
    const bad = await startApprovalAction(null, { processCode: LEAVE, values: leave({ [LEAVE_IDS.start]: "2026/03/02", [LEAVE_IDS.days]: "two" }) });
    expect(bad).toMatchObject({ ok: false, error: { code: "APPROVAL_FORM_INVALID", fieldErrors: { [LEAVE_IDS.start]: ["Use the date format yyyy-MM-dd HH:mm"], [LEAVE_IDS.days]: ["Enter a number"] } } });
    // Both dates well formed, the end before the start: only DingTalk knows the template's rule.
    const refused = await startApprovalAction(null, { processCode: LEAVE, values: leave({ [LEAVE_IDS.end]: "2026-03-01 18:00" }) });
    expect(refused).toMatchObject({ ok: false, error: { code: "APPROVAL_FORM_REFUSED" } });
    expect(Object.keys((refused as { error: { fieldErrors: object } }).error.fieldErrors)).toEqual([LEAVE_IDS.end]);

    const waiting = await client.workflow.todoCount(first.userId);
    const id = await start(originator);
    const detail = await client.workflow.getInstance(id);
    expect(detail.originatorUserId).toBe(originator.userId);
    expect(detail.formComponentValues.map((v) => [v.name, v.value])).toEqual([["请假类型", "年假"], ["开始时间", "2026-03-02 09:00"], ["结束时间", "2026-03-03 18:00"], ["请假天数", "2"], ["请假事由", "回家"]]);
    // In the index at once, with the first approver's task waiting.
    expect(await instanceOf(id)).toMatchObject({ status: "RUNNING", processCode: LEAVE });
    expect((await todoOf(db(), first.userId)).map((x) => x.processInstanceId)).toEqual([id]);
    expect(await client.workflow.todoCount(first.userId)).toBe(waiting + 1);

    // Only HR and admins start for someone else; named approvers and cc go to DingTalk as given.
    const other = users.find((u) => u.active && u.userId !== originator.userId && u.userId !== first.userId)!;
    as(originator);
    expect(await startApprovalAction(null, { processCode: LEAVE, values: leave(), originator: other.userId })).toMatchObject({ ok: false, error: { code: "APPROVAL_ON_BEHALF_FORBIDDEN", fieldErrors: { originator: [expect.any(String)] } } });
    as(originator, ["hr"]);
    const onBehalf = data<{ processInstanceId: string }>(
      await startApprovalAction(null, {
        processCode: GENERAL, values: { TextareaField_4C1T2A: "开通权限", DDMultiSelectField_4M7S8D: ["行政", "财务"], DDDateRangeField_4R9D0E: ["2026-03-02", "2026-03-04"] },
        originator: other.userId, approvers: [{ actionType: "OR", userIds: [first.userId, originator.userId] }], cc: [originator.userId],
      }),
    ).processInstanceId;
    const general = await client.workflow.getInstance(onBehalf);
    expect(general.originatorUserId).toBe(other.userId);
    expect(general.tasks.map((t) => t.userId).sort()).toEqual([first.userId, originator.userId].sort());
    expect(general.ccUserIds).toEqual([originator.userId]);
    expect(general.formComponentValues.find((v) => v.name === "起止日期")?.value).toBe('["2026-03-02","2026-03-04"]');

    const audit = await listAudit(db(), { action: "approvals.start", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 10 });
    expect(audit.rows.map((r) => [r.outcome, r.errorCode])).toEqual([
      ["error", "APPROVAL_FORM_INVALID"], ["error", "APPROVAL_FORM_REFUSED"], ["ok", null], ["error", "APPROVAL_ON_BEHALF_FORBIDDEN"], ["ok", null],
    ]);
  });

  it("takes a request through both approvers: one from My todo's batch, one from the detail page; the index ends COMPLETED with both steps", async () => {
    const { originator, first, second } = withTwoManagers();
    const id = await start(originator);
    // Not yet the second approver's: not theirs to see.
    as(second);
    expect(await agreeAction(null, { processInstanceId: id })).toMatchObject({ ok: false, error: { code: "APPROVAL_NOT_FOUND" } });
    as(first);
    expect(data<{ agreed: string[] }>(await agreeManyAction(null, { processInstanceId: [id], remark: "同意" })).agreed).toEqual([id]);
    expect((await todoOf(db(), second.userId)).map((x) => x.processInstanceId)).toEqual([id]);
    as(second);
    expect(await agreeAction(null, { processInstanceId: id, remark: "好的" })).toMatchObject({ ok: true, message: "Agreed" });
    expect(await instanceOf(id)).toMatchObject({ status: "COMPLETED", result: "agree" });
    const steps = await db().approvalOperation.findMany({ where: { processInstanceId: id, type: "EXECUTE_TASK_NORMAL" }, orderBy: { seq: "asc" } });
    expect(steps.map((s) => [s.userId, s.result, s.remark])).toEqual([[first.userId, "AGREE", "同意"], [second.userId, "AGREE", "好的"]]);
    // Finished: nothing more to agree to, said before DingTalk is asked.
    expect(await agreeAction(null, { processInstanceId: id })).toMatchObject({ ok: false, error: { code: "APPROVAL_NOT_RUNNING" } });
  });

  it("comments, transfers, refuses and revokes, each refused when the role or DingTalk does not allow it, each audited", async () => {
    const { originator, first } = withTwoManagers();
    const stranger = users.find((u) => u.active && ![originator.userId, first.userId].includes(u.userId) && !u.admin)!;
    const a = await start(originator);
    const b = await start(originator);

    as(stranger);
    expect(await commentAction(null, { processInstanceId: a, text: "?" })).toMatchObject({ ok: false, error: { code: "APPROVAL_NOT_FOUND" } });
    as(originator);
    expect(await commentAction(null, { processInstanceId: a, text: "请尽快" })).toMatchObject({ ok: true });

    as(first);
    expect(await transferAction(null, { processInstanceId: a, toUserId: first.userId })).toMatchObject({ ok: false, error: { code: "APPROVAL_TRANSFER_TO_SELF", fieldErrors: { toUserId: [expect.any(String)] } } });
    expect(await transferAction(null, { processInstanceId: a, toUserId: stranger.userId, remark: "你来" })).toMatchObject({ ok: true });
    expect(await refuseAction(null, { processInstanceId: a })).toMatchObject({ ok: false, error: { code: "APPROVAL_NO_PENDING_TASK" } });
    as(stranger);
    expect(await refuseAction(null, { processInstanceId: a, remark: "不行" })).toMatchObject({ ok: true, message: "Refused" });
    expect(await instanceOf(a)).toMatchObject({ status: "COMPLETED", result: "refuse" });
    const ops = await db().approvalOperation.findMany({ where: { processInstanceId: a }, orderBy: { seq: "asc" } });
    expect(ops.map((o) => o.type)).toEqual(["START_PROCESS_INSTANCE", "ADD_REMARK", "REDIRECT_TASK", "EXECUTE_TASK_NORMAL"]);

    // Revoking: not the approver's to do, the originator's own, or an admin's for anyone.
    as(first);
    expect(await terminateAction(null, { processInstanceId: b })).toMatchObject({ ok: false, error: { code: "APPROVAL_TERMINATE_NOT_OWN" } });
    as(originator);
    expect(await terminateAction(null, { processInstanceId: b, remark: "不请了" })).toMatchObject({ ok: true, message: "Revoked" });
    expect(await instanceOf(b)).toMatchObject({ status: "TERMINATED" });
    expect(await commentAction(null, { processInstanceId: b, text: "x" })).toMatchObject({ ok: false, error: { code: "APPROVAL_REVOKED" } });
    const c = await start(originator);
    as(first, ["admin"]);
    expect(await terminateAction(null, { processInstanceId: c, remark: "重复" })).toMatchObject({ ok: true });
    expect((await client.workflow.getInstance(c)).status).toBe("TERMINATED");

    // The index behind DingTalk: DingTalk's refusal stands, and the index catches up.
    const d = await start(originator);
    await client.workflow.terminate({ processInstanceId: d, operatingUserId: originator.userId });
    as(first);
    const late = await agreeAction(null, { processInstanceId: d });
    expect(late).toMatchObject({ ok: false, error: { code: "aflowProcessInstCanNotBeExecuted" } });
    expect(await instanceOf(d)).toMatchObject({ status: "TERMINATED" });

    const audit = await listAudit(db(), { action: "approvals.*", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 50 });
    const acts = audit.rows.filter((r) => r.action !== "approvals.start").map((r) => [r.action, r.outcome, r.errorCode]);
    expect(acts).toEqual([
      ["approvals.comment", "error", "APPROVAL_NOT_FOUND"], ["approvals.comment", "ok", null],
      ["approvals.transfer", "error", "APPROVAL_TRANSFER_TO_SELF"], ["approvals.transfer", "ok", null],
      ["approvals.refuse", "error", "APPROVAL_NO_PENDING_TASK"], ["approvals.refuse", "ok", null],
      ["approvals.terminate", "error", "APPROVAL_TERMINATE_NOT_OWN"], ["approvals.terminate", "ok", null], ["approvals.comment", "error", "APPROVAL_REVOKED"],
      ["approvals.terminate", "ok", null], ["approvals.agree", "error", "aflowProcessInstCanNotBeExecuted"],
    ]);
  });

  it("reminds the current approvers by work notification once a day, by hand and daily for instances past their template's limit, within the budget", async () => {
    const { originator, first } = withTwoManagers();
    const messages = new MessagingControl(emu.url, emu.controlToken);
    const a = await start(originator);
    const b = await start(originator);
    as(originator);
    const reminded = await remindAction(null, { processInstanceId: a });
    expect(reminded, JSON.stringify(reminded)).toMatchObject({ ok: true, message: "Reminded 1 approvers" });
    expect(await remindAction(null, { processInstanceId: a })).toMatchObject({ ok: false, error: { code: "APPROVAL_REMINDED_TODAY" } });
    const sent = (await messages.messages()).filter((m) => m.channel === "work-notification");
    expect(sent.map((m) => m.to)).toEqual([[first.userId]]);

    // Daily: nothing is overdue without a limit; with one, the instance not yet reminded today is.
    const later = new Date((await control.clock()) + 3 * 3_600_000);
    const deps = { db: db(), client, now: () => later, consoleUrl: "https://console.example" };
    const budget = { monthlyQuota: 10_000, backgroundShare: 0.5 };
    expect(await runDailyReminders(deps, { budget })).toMatchObject({ overdue: 0, reminded: [], decision: "nothing" });
    await db().approvalTemplate.update({ where: { processCode: LEAVE }, data: { slaHours: 2 } });
    expect(await runDailyReminders(deps, { budget })).toMatchObject({ overdue: 2, alreadyReminded: 1, reminded: [b], failed: [], decision: "run" });
    expect(await runDailyReminders(deps, { budget })).toMatchObject({ overdue: 2, alreadyReminded: 2, reminded: [] });
    const all = (await messages.messages()).filter((m) => m.channel === "work-notification");
    expect(all).toHaveLength(2);
    expect(JSON.stringify(all[1].content)).toContain(`https://console.example/approvals/${b}`);
    const audit = await listAudit(db(), { action: "approvals.remind", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 10 });
    expect(audit.rows.map((r) => [r.actorId, r.targetId, r.outcome])).toEqual([
      [originator.userId, a, "ok"], [originator.userId, a, "error"], ["system", b, "ok"],
    ]);
    // The next day it is due again, from 09:00 Beijing time, not at night.
    const tomorrow = shanghaiDay(later.getTime() + 86_400_000);
    const at = (hhmm: string) => () => new Date(`${tomorrow}T${hhmm}:00+08:00`);
    const night = startApprovalReminderScheduler({ deps: () => ({ ...deps, now: at("08:30") }), log: () => undefined });
    expect(await night.tick()).toBeNull();
    night.stop();
    const nextDay = await runDailyReminders({ ...deps, now: at("09:05") }, { budget });
    expect([...(nextDay?.reminded ?? [])].sort()).toEqual([a, b].sort());
  });
});
