import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { WorkflowControl } from "@/emulator/control/workflow-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";
import { MAX_INSTANCE_QUERY_SPAN_MS, type FormValueInput, type ProcessInstance } from "./workflow";

const LEAVE = "PROC-7C1E5A2B-LEAVE";
const EXPENSE = "PROC-3D9F0B64-EXPENSE";
const CORE_TEMPLATES = ["请假", "报销", "出差", "通用审批"];
const DAY = 86_400_000;

let emu: RunningEmulator;
let control: EmulatorControl;
let workflowControl: WorkflowControl;
let client: DingTalkClient;
/** Someone with two levels of managers above them, and those managers. */
let originator: string;
let manager1: string;
let manager2: string;
/** People outside that chain, for named approvers and the wrong-person cases. */
let others: string[];

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

function leaveForm(overrides: Partial<Record<string, string>> = {}): FormValueInput[] {
  const values: Record<string, string> = {
    请假类型: "年假", 开始时间: "2025-03-03 09:00", 结束时间: "2025-03-04 18:00", 请假天数: "2", 请假事由: "回老家",
    ...overrides,
  };
  return Object.entries(values).filter(([, v]) => v !== "").map(([name, value]) => ({ name, value }));
}

async function startLeave(extra: { approvers?: { actionType: "AND" | "OR" | "NONE"; userIds: string[] }[] } = {}): Promise<string> {
  return client.workflow.startInstance({ processCode: LEAVE, originatorUserId: originator, formComponentValues: leaveForm(), ...extra });
}

function running(instance: ProcessInstance) {
  return instance.tasks.filter((t) => t.status === "RUNNING");
}

function taskOf(instance: ProcessInstance, userId: string) {
  const task = running(instance).find((t) => t.userId === userId);
  if (!task) throw new Error(`no running task for ${userId} in ${JSON.stringify(instance.tasks)}`);
  return task;
}

async function agree(id: string, userId: string, remark?: string): Promise<ProcessInstance> {
  const task = taskOf(await client.workflow.getInstance(id), userId);
  await client.workflow.execute({ processInstanceId: id, taskId: task.taskId, actionerUserId: userId, result: "agree", remark });
  return client.workflow.getInstance(id);
}

/** The bpms events of one instance as (event, type, person, result) tuples. */
async function eventTrail(processInstanceId: string): Promise<string[]> {
  const { events } = await workflowControl.events({ processInstanceId });
  return events.map((e) => [e.eventType, e.data.type, e.data.staffId, e.data.result ?? ""].join(" ").trim());
}

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 200, seed: 7 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  workflowControl = new WorkflowControl(emu.url, emu.controlToken);
  client = createDingTalkClient({
    appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url,
    retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
  });
  const rows = (await control.users({ limit: 200, active: true })).users;
  const managerOf = new Map<string, string | undefined>();
  const manager = async (userId: string) => {
    if (!managerOf.has(userId)) managerOf.set(userId, (await client.contacts.getUser(userId)).managerUserId);
    return managerOf.get(userId);
  };
  for (const row of rows) {
    if (row.admin) continue;
    const m1 = await manager(row.userId);
    const m2 = m1 ? await manager(m1) : undefined;
    if (m1 && m2 && m2 !== row.userId) {
      [originator, manager1, manager2] = [row.userId, m1, m2];
      break;
    }
  }
  if (!originator) throw new Error("the seeded org has nobody with two levels of managers");
  others = rows.filter((r) => !r.admin && ![originator, manager1, manager2].includes(r.userId)).slice(0, 6).map((r) => r.userId);
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe("an approval's life", () => {
  it("goes from start through two managers to COMPLETED, with every change recorded and announced in order", async () => {
    const todoBefore = await client.workflow.todoCount(manager1);
    const id = await startLeave();

    let instance = await client.workflow.getInstance(id);
    expect(instance).toMatchObject({ status: "RUNNING", result: "", originatorUserId: originator, approverUserIds: [manager1, manager2] });
    expect(instance.title).toContain("请假");
    expect(instance.formComponentValues.find((v) => v.name === "请假类型")?.value).toBe("年假");
    expect(running(instance).map((t) => t.userId)).toEqual([manager1]);
    expect(await client.workflow.todoCount(manager1)).toBe(todoBefore + 1);

    instance = await agree(id, manager1);
    expect(instance.status).toBe("RUNNING");
    expect(instance.tasks.find((t) => t.userId === manager1)).toMatchObject({ status: "COMPLETED", result: "AGREE" });
    expect(running(instance).map((t) => t.userId)).toEqual([manager2]);
    expect(await client.workflow.todoCount(manager1)).toBe(todoBefore);

    instance = await agree(id, manager2, "同意，注意交接");
    expect(instance).toMatchObject({ status: "COMPLETED", result: "agree" });
    expect(instance.finishTime).toBeGreaterThan(0);
    expect(running(instance)).toEqual([]);
    expect(instance.operationRecords.map((r) => [r.type, r.userId, r.result])).toEqual([
      ["START_PROCESS_INSTANCE", originator, "NONE"],
      ["EXECUTE_TASK_NORMAL", manager1, "AGREE"],
      ["EXECUTE_TASK_NORMAL", manager2, "AGREE"],
    ]);
    expect(instance.operationRecords[2].remark).toBe("同意，注意交接");
    // The two approvers' steps are different nodes.
    expect(new Set(instance.tasks.map((t) => t.activityId)).size).toBe(2);

    expect(await eventTrail(id)).toEqual([
      `bpms_instance_change start ${originator}`,
      `bpms_task_change start ${manager1}`,
      `bpms_task_change finish ${manager1} agree`,
      `bpms_task_change start ${manager2}`,
      `bpms_task_change finish ${manager2} agree`,
      `bpms_instance_change finish ${originator} agree`,
    ]);
    const { events } = await workflowControl.events({ processInstanceId: id });
    expect(events[0].data).toMatchObject({ processInstanceId: id, processCode: LEAVE, corpId: events[0].corpId, title: instance.title });
    expect(events[2].data).toMatchObject({ taskId: instance.tasks[0].taskId, activityId: instance.tasks[0].activityId });
    expect(events[5].data.finishTime).toBeGreaterThanOrEqual(events[5].data.createTime as number);

    // The old host tells the same story in snake_case.
    const legacy = await client.workflow.getInstanceLegacy(id);
    expect(legacy).toMatchObject({ status: "COMPLETED", result: "agree", originatorUserId: originator, businessId: instance.businessId });
    expect(legacy.tasks.map((t) => [t.userId, t.result])).toEqual(instance.tasks.map((t) => [t.userId, t.result]));
    expect(legacy.operationRecords.map((r) => r.type)).toEqual(instance.operationRecords.map((r) => r.type));
    expect(Math.abs((legacy.createTime ?? 0) - (instance.createTime ?? 0))).toBeLessThan(60_000);
  });

  it("is revoked by its originator: TERMINATED, the waiting task canceled, announced as terminate", async () => {
    const id = await startLeave();
    const stranger = others[0];
    const refused = await failureOf(client.workflow.terminate({ processInstanceId: id, operatingUserId: stranger, remark: "not mine" }));
    expect(refused).toMatchObject({ httpStatus: 400, code: "aflowNoPermission" });

    await client.workflow.terminate({ processInstanceId: id, operatingUserId: originator, remark: "计划有变" });
    const instance = await client.workflow.getInstance(id);
    expect(instance).toMatchObject({ status: "TERMINATED", result: "" });
    expect(instance.tasks.map((t) => [t.userId, t.status])).toEqual([[manager1, "CANCELED"]]);
    expect(instance.operationRecords.at(-1)).toMatchObject({ type: "TERMINATE_PROCESS_INSTANCE", userId: originator, remark: "计划有变" });
    expect(await eventTrail(id)).toEqual([
      `bpms_instance_change start ${originator}`,
      `bpms_task_change start ${manager1}`,
      `bpms_task_change cancel ${manager1}`,
      `bpms_instance_change terminate ${originator}`,
    ]);
    // A system revoke needs no person, but a finished one cannot be revoked again.
    const again = await failureOf(client.workflow.terminate({ processInstanceId: id, isSystem: true }));
    expect(again).toMatchObject({ httpStatus: 400, code: "aflowProcessInstCanNotBeExecuted" });
  });

  it("ends at the first refusal with result refuse; later approvers never get a task", async () => {
    const id = await startLeave();
    const task = taskOf(await client.workflow.getInstance(id), manager1);
    await client.workflow.execute({ processInstanceId: id, taskId: task.taskId, actionerUserId: manager1, result: "refuse", remark: "时间冲突" });
    const instance = await client.workflow.getInstance(id);
    expect(instance).toMatchObject({ status: "COMPLETED", result: "refuse" });
    expect(instance.tasks.map((t) => [t.userId, t.status, t.result])).toEqual([[manager1, "COMPLETED", "REFUSE"]]);
    expect(instance.operationRecords.at(-1)).toMatchObject({ type: "EXECUTE_TASK_NORMAL", result: "REFUSE", remark: "时间冲突" });
    expect((await eventTrail(id)).at(-1)).toBe(`bpms_instance_change finish ${originator} refuse`);
  });

  it("moves a task to another person on redirect (转交), who then decides in the original's place", async () => {
    const id = await startLeave();
    const delegate = others[1];
    const original = taskOf(await client.workflow.getInstance(id), manager1);
    await client.workflow.redirect({ taskId: original.taskId, operateUserId: manager1, toUserId: delegate, remark: "出差中，请代批" });

    let instance = await client.workflow.getInstance(id);
    expect(instance.tasks.find((t) => t.taskId === original.taskId)).toMatchObject({ status: "COMPLETED", result: "REDIRECTED" });
    const moved = taskOf(instance, delegate);
    expect(moved.activityId).toBe(original.activityId);
    expect(instance.operationRecords.at(-1)).toMatchObject({ type: "REDIRECT_TASK", userId: manager1, remark: "出差中，请代批" });
    expect(instance.approverUserIds).toContain(delegate);

    const stale = await failureOf(client.workflow.execute({ processInstanceId: id, taskId: original.taskId, actionerUserId: manager1, result: "agree" }));
    expect(stale).toMatchObject({ httpStatus: 400, code: "aflowTaskCanNotBeExecuted" });

    instance = await agree(id, delegate);
    expect(running(instance).map((t) => t.userId)).toEqual([manager2]);
    expect(await eventTrail(id)).toContain(`bpms_task_change finish ${manager1} redirect`);
  });

  it("honours named approvers: OR needs any one, AND needs all", async () => {
    const [x, y, z] = others;
    const orId = await startLeave({ approvers: [{ actionType: "OR", userIds: [x, y] }, { actionType: "NONE", userIds: [z] }] });
    let instance = await client.workflow.getInstance(orId);
    expect(running(instance).map((t) => t.userId).sort()).toEqual([x, y].sort());
    instance = await agree(orId, y);
    expect(instance.tasks.find((t) => t.userId === x)).toMatchObject({ status: "CANCELED" });
    expect(running(instance).map((t) => t.userId)).toEqual([z]);
    instance = await agree(orId, z);
    expect(instance).toMatchObject({ status: "COMPLETED", result: "agree" });

    const andId = await startLeave({ approvers: [{ actionType: "AND", userIds: [x, y] }] });
    instance = await agree(andId, x);
    expect(instance.status).toBe("RUNNING");
    expect(running(instance).map((t) => t.userId)).toEqual([y]);
    instance = await agree(andId, y);
    expect(instance).toMatchObject({ status: "COMPLETED", result: "agree" });

    const badNone = await failureOf(startLeave({ approvers: [{ actionType: "NONE", userIds: [x, y] }] }));
    expect(badNone).toMatchObject({ httpStatus: 400, code: "invalidParameter" });
  });
});

describe("refusals with DingTalk's errors", () => {
  it("refuses any action on a finished approval", async () => {
    const id = await startLeave();
    const first = taskOf(await client.workflow.getInstance(id), manager1);
    await client.workflow.execute({ processInstanceId: id, taskId: first.taskId, actionerUserId: manager1, result: "refuse" });

    const again = await failureOf(client.workflow.execute({ processInstanceId: id, taskId: first.taskId, actionerUserId: manager1, result: "agree" }));
    expect(again).toMatchObject({ httpStatus: 400, code: "aflowProcessInstCanNotBeExecuted", retryable: false });
    const redirect = await failureOf(client.workflow.redirect({ taskId: first.taskId, operateUserId: manager1, toUserId: others[0] }));
    expect(redirect.code).toBe("aflowProcessInstCanNotBeExecuted");
    const terminate = await failureOf(client.workflow.terminate({ processInstanceId: id, operatingUserId: originator }));
    expect(terminate.code).toBe("aflowProcessInstCanNotBeExecuted");
    // Comments remain possible after the decision.
    await client.workflow.comment({ processInstanceId: id, commentUserId: originator, text: "收到" });
    const instance = await client.workflow.getInstance(id);
    expect(instance.operationRecords.at(-1)).toMatchObject({ type: "ADD_REMARK", userId: originator, remark: "收到" });
    expect((await eventTrail(id)).at(-1)).toBe(`bpms_task_change comment ${originator}`);

    const missing = await failureOf(client.workflow.getInstance("no-such-instance"));
    expect(missing).toMatchObject({ httpStatus: 400, code: "aflowProcessInstNotExist" });
    const missingLegacy = await failureOf(client.workflow.getInstanceLegacy("no-such-instance"));
    expect(missingLegacy).toMatchObject({ host: "oapi", code: "820004" });
  });

  it("refuses a task acted on by someone it does not belong to, and leaves it waiting", async () => {
    const id = await startLeave();
    const task = taskOf(await client.workflow.getInstance(id), manager1);
    const wrong = await failureOf(client.workflow.execute({ processInstanceId: id, taskId: task.taskId, actionerUserId: manager2, result: "agree" }));
    expect(wrong).toMatchObject({ httpStatus: 400, code: "aflowTaskNotBelongToUser" });
    const wrongRedirect = await failureOf(client.workflow.redirect({ taskId: task.taskId, operateUserId: others[0], toUserId: others[1] }));
    expect(wrongRedirect.code).toBe("aflowTaskNotBelongToUser");
    const unknownTask = await failureOf(client.workflow.execute({ processInstanceId: id, taskId: 1, actionerUserId: manager1, result: "agree" }));
    expect(unknownTask.code).toBe("aflowTaskNotExist");
    expect(taskOf(await client.workflow.getInstance(id), manager1).taskId).toBe(task.taskId);
  });

  it("validates the form against the template before creating anything", async () => {
    const before = (await workflowControl.summary()).total;
    const cases: [FormValueInput[], RegExp][] = [
      [leaveForm({ 请假事由: "" }), /「请假事由」为必填项/],
      [leaveForm({ 请假类型: "带薪摸鱼" }), /「请假类型」的值「带薪摸鱼」不在选项中/],
      [leaveForm({ 请假天数: "两天" }), /「请假天数」必须是数字/],
      [leaveForm({ 开始时间: "2025/03/03" }), /「开始时间」的格式应为 yyyy-MM-dd HH:mm/],
      [leaveForm({ 结束时间: "2025-03-01 18:00" }), /「结束时间」不能早于「开始时间」/],
      [[...leaveForm(), { name: "心情", value: "好" }], /没有名为「心情」的控件/],
    ];
    for (const [form, message] of cases) {
      const error = await failureOf(client.workflow.startInstance({ processCode: LEAVE, originatorUserId: originator, formComponentValues: form }));
      expect(error).toMatchObject({ httpStatus: 400, code: "invalidParameter" });
      expect(error.message).toMatch(message);
    }

    const expense = (rows: { name: string; value: string }[][], amount = "120.50") =>
      client.workflow.startInstance({
        processCode: EXPENSE, originatorUserId: originator,
        formComponentValues: [
          { name: "报销金额", value: amount }, { name: "报销类别", value: "交通费" }, { name: "费用明细", rows },
          { name: "发票", value: JSON.stringify(["发票-001.pdf"]) },
        ],
      });
    const noAmount = await failureOf(expense([[{ name: "费用说明", value: "打车" }]]));
    expect(noAmount.message).toMatch(/「费用明细」第 1 行「金额」为必填项/);
    const badMoney = await failureOf(expense([[{ name: "费用说明", value: "打车" }, { name: "金额", value: "12.345" }]]));
    expect(badMoney.message).toMatch(/「金额」必须是不小于 0、最多两位小数的金额/);
    expect((await workflowControl.summary()).total).toBe(before);

    const id = await expense([[{ name: "费用说明", value: "打车" }, { name: "金额", value: "20.50" }], [{ name: "费用说明", value: "高铁" }, { name: "金额", value: "100" }]]);
    const table = (await client.workflow.getInstance(id)).formComponentValues.find((v) => v.name === "费用明细");
    expect(JSON.parse(table?.value ?? "[]")).toHaveLength(2);

    await expect(client.workflow.startInstance({ processCode: LEAVE, originatorUserId: originator, formComponentValues: [] })).rejects.toThrow(RangeError);
  });

  it("never repeats a start whose reply was lost, and says the outcome is unknown", async () => {
    await control.addFault({ path: "/v1.0/workflow/processInstances", method: "POST", error: { status: 500, code: "systemError" }, times: 1 });
    await control.resetStats();
    const error = await failureOf(startLeave());
    expect(error).toMatchObject({ outcome: "unknown", retryable: false });
    expect((await control.stats()).calls["POST /v1.0/workflow/processInstances"]).toBe(1);
  });
});

describe("templates and schemas", () => {
  it("lists the templates each person may use, and refuses a start outside them", async () => {
    const rows = (await control.users({ limit: 200, active: true })).users;
    const lists = new Map<string, string[]>();
    // Ask person after person until both someone who sees 合同审批 and someone who does not turn up.
    for (const row of rows) {
      lists.set(row.userId, (await client.workflow.listVisibleTemplates({ userId: row.userId })).templates.map((t) => t.name));
      const seen = [...lists.values()].map((names) => names.includes("合同审批"));
      if (lists.size >= 10 && seen.includes(true) && seen.includes(false)) break;
    }
    for (const names of lists.values()) expect(names).toEqual(expect.arrayContaining(CORE_TEMPLATES));
    expect(new Set([...lists.values()].map((l) => l.join())).size).toBeGreaterThan(1);
    const paged = await collect(client.workflow.iterateVisibleTemplates(originator, { pageSize: 2 }));
    expect(paged.map((t) => t.name)).toEqual(lists.get(originator) ?? (await client.workflow.listVisibleTemplates({ userId: originator })).templates.map((t) => t.name));

    const page = await client.workflow.listVisibleTemplates({ userId: originator, maxResults: 3 });
    expect(page.templates).toHaveLength(3);
    expect(page.nextToken).toBe(3);
    expect(page.templates[0]).toMatchObject({ processCode: LEAVE, name: "请假", dirName: "人事" });

    const [outsider] = [...lists].find(([, names]) => !names.includes("合同审批")) ?? [];
    const [insider] = [...lists].find(([, names]) => names.includes("合同审批")) ?? [];
    if (!outsider || !insider) throw new Error("合同审批 should be visible to some and not to others");
    const contract = (await client.workflow.listVisibleTemplates({ userId: insider })).templates.find((t) => t.name === "合同审批");
    if (!contract) throw new Error("the insider's list lost 合同审批");
    const refused = await failureOf(client.workflow.startInstance({
      processCode: contract.processCode, originatorUserId: outsider,
      formComponentValues: [{ name: "合同名称", value: "x" }, { name: "客户名称", value: "y" }, { name: "合同金额", value: "1" }],
    }));
    expect(refused).toMatchObject({ httpStatus: 400, code: "aflowProcessNotVisible" });

    const unknownUser = await failureOf(client.workflow.listVisibleTemplates({ userId: "nobody-here" }));
    expect(unknownUser.code).toBe("userNotExist");
  });

  it("describes a template's form, table columns included", async () => {
    const schema = await client.workflow.getFormSchema(EXPENSE);
    expect(schema.name).toBe("报销");
    expect(schema.items.map((i) => i.componentName)).toEqual(["MoneyField", "DDSelectField", "TableField", "DDAttachment", "TextareaField"]);
    const table = schema.items[2];
    expect(table).toMatchObject({ label: "费用明细", required: true });
    expect(table.children.map((c) => c.label)).toEqual(["费用说明", "金额", "发生日期"]);
    expect(schema.items[1].options.map((o) => o.value)).toContain("交通费");
    const leave = await client.workflow.getFormSchema(LEAVE);
    expect(leave.items.find((i) => i.label === "开始时间")).toMatchObject({ componentName: "DDDateField", format: "yyyy-MM-dd HH:mm", required: true });
    const missing = await failureOf(client.workflow.getFormSchema("PROC-NOPE"));
    expect(missing).toMatchObject({ httpStatus: 400, code: "aflowProcessNotExist" });
  });
});

describe("history and queries", () => {
  it("has a few hundred seeded approvals across the last 90 days, in every state", async () => {
    const now = await control.clock();
    const summary = await workflowControl.summary();
    expect(summary.total).toBeGreaterThanOrEqual(300);
    expect(summary.byStatus.COMPLETED).toBeGreaterThan(100);
    expect(summary.byStatus.TERMINATED).toBeGreaterThan(0);
    expect(summary.byStatus.RUNNING).toBeGreaterThan(0);
    expect(summary.originators).toBeGreaterThan(50);
    expect(summary.oldestCreateTime).toBeGreaterThanOrEqual(now - 91 * DAY);
    expect(summary.newestCreateTime).toBeLessThanOrEqual(now);
    // Seeding is deterministic: a reset rebuilds the same history.
    const firstIds = await client.workflow.queryInstanceIds({ processCode: LEAVE, startTime: now - 100 * DAY, maxResults: 5 });
    await control.reset();
    const again = await client.workflow.queryInstanceIds({ processCode: LEAVE, startTime: now - 100 * DAY, maxResults: 5 });
    expect(again.ids).toEqual(firstIds.ids);
    const seeded = await client.workflow.getInstance(firstIds.ids[0]);
    expect(seeded.operationRecords[0].type).toBe("START_PROCESS_INSTANCE");
    expect(seeded.formComponentValues.length).toBeGreaterThanOrEqual(5);
  });

  it("pages through instance ids, filters by status and originator, and refuses a window over 120 days", async () => {
    const now = await control.clock();
    const summary = await workflowControl.summary();
    const window = { processCode: LEAVE, startTime: now - 100 * DAY, endTime: now };

    const first = await client.workflow.queryInstanceIds({ ...window, maxResults: 20 });
    expect(first.ids).toHaveLength(20);
    expect(first.nextToken).toBe(20);
    const all = await collect(client.workflow.iterateInstanceIds(window, { pageSize: 20 }));
    expect(all.length).toBe(summary.byTemplate[LEAVE]);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 20)).toEqual(first.ids);

    const completed = await collect(client.workflow.iterateInstanceIds({ ...window, statuses: ["COMPLETED"] }));
    expect(completed.length).toBeGreaterThan(0);
    expect(completed.length).toBeLessThan(all.length);
    for (const id of completed.slice(0, 5)) expect((await client.workflow.getInstance(id)).status).toBe("COMPLETED");

    const someone = (await client.workflow.getInstance(all[0])).originatorUserId;
    const theirs = await collect(client.workflow.iterateInstanceIds({ ...window, userIds: [someone] }));
    expect(theirs).toContain(all[0]);
    for (const id of theirs) expect((await client.workflow.getInstance(id)).originatorUserId).toBe(someone);

    // A narrow window excludes what lies outside it.
    const lastWeek = await collect(client.workflow.iterateInstanceIds({ processCode: LEAVE, startTime: now - 7 * DAY, endTime: now }));
    expect(lastWeek.length).toBeLessThan(all.length);

    const tooLong = await failureOf(client.workflow.queryInstanceIds({ processCode: LEAVE, startTime: now - MAX_INSTANCE_QUERY_SPAN_MS - 1, endTime: now }));
    expect(tooLong).toMatchObject({ httpStatus: 400, code: "invalidParameter" });
    expect(tooLong.message).toMatch(/120/);
    // Sent as-is, past the client's own check, to see what DingTalk says to 21 per page.
    const tooMany = await failureOf(client.call({
      host: "api", method: "POST", path: "/v1.0/workflow/processes/instanceIds/query",
      body: { processCode: LEAVE, startTime: now - DAY, maxResults: 21 }, schema: z.unknown(), idempotent: true,
    }));
    expect(tooMany).toMatchObject({ httpStatus: 400, code: "paramError" });

    // Over a longer range the window helper asks in 120-day pieces and finds the same ids.
    const overRange = await collect(client.workflow.iterateInstanceIdsOverRange({ processCode: LEAVE, startTime: now - 300 * DAY, endTime: now }));
    expect(overRange.sort()).toEqual([...all].sort());

    // A new approval shows up in the query and in the RUNNING filter.
    const id = await startLeave();
    const runningIds = await collect(client.workflow.iterateInstanceIds({ ...window, endTime: undefined, statuses: ["RUNNING"] }));
    expect(runningIds).toContain(id);
  });
});

