import { beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { approvalDetail, approvalScopeOf, approvalTracking, eachApproval, formFieldsByTemplate, indexVersion, listApprovals, type ApprovalScope } from "./queries";
import { readXlsx } from "@/lib/directory/testing/read-xlsx";
import { exportApprovals } from "./export";
import { writeDepartments, writeInstances, writePeople, type InstanceSpec } from "./testing/instances";
import { clearApprovals } from "./testing/emulator-approvals";

// The tracking figures and the list over a handful of instances whose times are known, on
// SQLite and PostgreSQL: each figure, filter and scope checked against what the data says.

// Monday 2026-06-15, 12:00 in Shanghai.
const NOW = Date.parse("2026-06-15T04:00:00Z");
const H = 1;
const D = 24;

const LEAVE = "PROC-LEAVE";
const EXPENSE = "PROC-EXPENSE";
const TRIP = "PROC-TRIP";

const SPECS: InstanceSpec[] = [
  {
    id: "A1", processCode: LEAVE, title: "张三的请假", status: "RUNNING", originator: "u1", deptId: 10, createdAgo: 2 * D,
    form: [{ name: "请假类型", value: "年假", componentType: "DDSelectField" }, { name: "请假事由", value: "回老家", componentType: "TextareaField" }],
    tasks: [{ userId: "u3", fromAgo: 2 * D }],
  },
  { id: "B2", processCode: LEAVE, status: "RUNNING", originator: "u2", deptId: 11, createdAgo: 10 * H, tasks: [{ userId: "u3", fromAgo: 10 * H }] },
  {
    id: "C3", processCode: EXPENSE, title: "张三的报销", status: "COMPLETED", result: "agree", originator: "u1", deptId: 10, createdAgo: 5 * D, finishedAgo: 4 * D,
    form: [
      { name: "报销金额", value: "88.80", componentType: "MoneyField" },
      { name: "费用明细", value: JSON.stringify([{ rowValue: [{ label: "费用说明", key: "t1", value: "午餐" }, { label: "金额", key: "t2", value: "88.80" }] }]), componentType: "TableField" },
    ],
    tasks: [{ userId: "u3", fromAgo: 5 * D, toAgo: 4 * D + 12 * H }, { userId: "u4", fromAgo: 4 * D + 12 * H, toAgo: 4 * D }],
    remarks: ["可以", "同意"],
  },
  {
    id: "D4", processCode: EXPENSE, status: "COMPLETED", result: "refuse", originator: "u2", deptId: 11, createdAgo: 20 * D, finishedAgo: 17 * D, cc: ["u5"],
    form: [{ name: "报销金额", value: "12.00", componentType: "MoneyField" }, { name: "备注", value: "打车", componentType: "TextareaField" }],
    tasks: [{ userId: "u4", fromAgo: 20 * D, toAgo: 17 * D, result: "REFUSE" }],
  },
  { id: "E5", processCode: TRIP, status: "TERMINATED", originator: "u4", deptId: 20, createdAgo: 40 * D, finishedAgo: 39 * D },
  {
    id: "F6", processCode: EXPENSE, status: "COMPLETED", result: "agree", originator: "u1", deptId: 10, createdAgo: 8 * D, finishedAgo: 8 * D - 2 * H,
    tasks: [{ userId: "u3", fromAgo: 8 * D, toAgo: 8 * D - 2 * H }],
  },
  { id: "G7", processCode: LEAVE, status: "RUNNING", originator: "u6", deptId: 20, createdAgo: 35 * D, tasks: [{ userId: "u4", fromAgo: 35 * D }] },
];

const ALL: ApprovalScope = { all: true };
const ids = (rows: { processInstanceId: string }[]) => rows.map((r) => r.processInstanceId).sort();

describeEachDatabase("approvals queries", ({ db }) => {
  beforeAll(async () => {
    await clearApprovals(db());
    await db().directoryMembership.deleteMany();
    await db().directoryUser.deleteMany();
    await db().directoryDepartment.deleteMany();
    await writeDepartments(db(), [[1, null, "公司"], [10, 1, "研发部"], [11, 10, "前端组"], [20, 1, "财务部"]], NOW);
    await writePeople(db(), [["u1", "张三"], ["u2", "李四"], ["u3", "王五"], ["u4", "赵六"], ["u5", "钱七"], ["u6", "孙八"]], NOW);
    await writeInstances(db(), [{ processCode: LEAVE, name: "请假", slaHours: 24 }, { processCode: EXPENSE, name: "报销" }, { processCode: TRIP, name: "出差" }], SPECS, NOW);
  });

  it("counts by status and result, pending by age, overdue against each template's limit", async () => {
    const t = await approvalTracking(db(), ALL, {}, new Date(NOW));
    expect(t.total).toBe(7);
    expect(t.byStatus).toEqual([
      { status: "NEW", count: 0 }, { status: "RUNNING", count: 3 }, { status: "COMPLETED", count: 3 }, { status: "TERMINATED", count: 1 }, { status: "CANCELED", count: 0 },
    ]);
    expect(t.byResult).toEqual([{ result: "agree", count: 2 }, { result: "refuse", count: 1 }, { result: "none", count: 1 }]);
    expect(t.pendingByAge).toEqual([
      { bucket: "lt1d", count: 1 }, { bucket: "d1to3", count: 1 }, { bucket: "d3to7", count: 0 }, { bucket: "d7to30", count: 0 }, { bucket: "gt30d", count: 1 },
    ]);
    expect(t.overdue).toEqual([{ processCode: LEAVE, name: "请假", slaHours: 24, pending: 3, overdue: 2 }]);
    expect(t.overdueTotal).toBe(2);
  });

  it("names the bottleneck approvers with their pending tasks and median time to act", async () => {
    const t = await approvalTracking(db(), ALL, {}, new Date(NOW));
    expect(t.bottlenecks).toEqual([
      // u3 acted on C3 in 12 h and F6 in 2 h: the lower of the two middle ranks.
      { userId: "u3", name: "王五", pending: 2, oldestWaitSeconds: 2 * 86_400, medianActSeconds: 2 * 3600, acted: 2 },
      { userId: "u4", name: "赵六", pending: 1, oldestWaitSeconds: 35 * 86_400, medianActSeconds: 12 * 3600, acted: 2 },
    ]);
  });

  it("counts starts and finishes per Shanghai week and the cycle time per template", async () => {
    const t = await approvalTracking(db(), ALL, {}, new Date(NOW));
    expect(t.weekly).toHaveLength(12);
    expect(t.weekly.at(-1)).toEqual({ week: "2026-06-15", started: 1, finished: 0 });
    const week = (w: string) => t.weekly.find((x) => x.week === w);
    expect(week("2026-06-08")).toEqual({ week: "2026-06-08", started: 2, finished: 1 });
    expect(week("2026-06-01")).toEqual({ week: "2026-06-01", started: 1, finished: 1 });
    expect(week("2026-05-25")).toEqual({ week: "2026-05-25", started: 1, finished: 1 });
    expect(week("2026-05-11")).toEqual({ week: "2026-05-11", started: 1, finished: 0 });
    expect(week("2026-05-04")).toEqual({ week: "2026-05-04", started: 1, finished: 1 });
    expect(t.weekly.reduce((n, w) => n + w.started, 0)).toBe(7);
    // EXPENSE completed in 2 h, 1 d and 3 d: p50 the 2nd, p90 the 3rd.
    expect(t.cycleTimes).toEqual([{ processCode: EXPENSE, name: "报销", completed: 3, p50Seconds: 86_400, p90Seconds: 3 * 86_400 }]);
  });

  it("the tracking figures follow the filters", async () => {
    const t = await approvalTracking(db(), ALL, { processCodes: [LEAVE] }, new Date(NOW));
    expect(t.total).toBe(3);
    expect(t.cycleTimes).toEqual([]);
    // A filter reads every instance figure in one pass: the same answers as the whole index gives for these three.
    expect(t.overdue).toEqual([{ processCode: LEAVE, name: "请假", slaHours: 24, pending: 3, overdue: 2 }]);
    expect(t.pendingByAge.map((a) => a.count)).toEqual([1, 1, 0, 0, 1]);
    expect(t.byStatus.find((x) => x.status === "RUNNING")?.count).toBe(3);
    expect(t.weekly.filter((w) => w.started > 0).map((w) => [w.week, w.started])).toEqual([["2026-05-11", 1], ["2026-06-08", 1], ["2026-06-15", 1]]);
    expect(t.weekly.reduce((n, w) => n + w.finished, 0)).toBe(0);
    const dept = await approvalTracking(db(), ALL, { deptId: 10, includeSubDepts: false }, new Date(NOW));
    expect(dept.total).toBe(3);
    expect(dept.bottlenecks.map((b) => [b.userId, b.pending])).toEqual([["u3", 1]]);
    // Completed in 1 d (C3) and 2 h (F6): sorted by the database for a filter the indexes cannot answer alone.
    expect(dept.cycleTimes).toEqual([{ processCode: EXPENSE, name: "报销", completed: 2, p50Seconds: 2 * 3600, p90Seconds: 86_400 }]);
    const expenses = await approvalTracking(db(), ALL, { processCodes: [EXPENSE, TRIP] }, new Date(NOW));
    expect(expenses.cycleTimes).toEqual([{ processCode: EXPENSE, name: "报销", completed: 3, p50Seconds: 86_400, p90Seconds: 3 * 86_400 }]);
  });

  it("a filter matching every instance gives the whole index's figures, an instance on a week's first instant in that week", async () => {
    // Started at the very start of Monday 2026-06-08 (Shanghai), finished at the very start of 2026-06-15.
    const edge: InstanceSpec = { id: "H8", processCode: TRIP, status: "COMPLETED", result: "agree", originator: "u5", deptId: 20, createdAgo: 7 * D + 12 * H, finishedAgo: 12 * H };
    await writeInstances(db(), [], [edge], NOW);
    try {
      const whole = await approvalTracking(db(), ALL, {}, new Date(NOW));
      // Every template named: counted row by row from the covering indexes, not from the whole index's own.
      const filtered = await approvalTracking(db(), ALL, { processCodes: [LEAVE, EXPENSE, TRIP] }, new Date(NOW));
      expect(filtered).toEqual(whole);
      const byDept = await approvalTracking(db(), ALL, { deptId: 20, includeSubDepts: false }, new Date(NOW));
      // E5 (started and finished in the week of 05-04), G7 (05-11), and H8 on both edges.
      expect(byDept.weekly.filter((x) => x.started > 0 || x.finished > 0)).toEqual([
        { week: "2026-05-04", started: 1, finished: 1 },
        { week: "2026-05-11", started: 1, finished: 0 },
        { week: "2026-06-08", started: 1, finished: 0 },
        { week: "2026-06-15", started: 0, finished: 1 },
      ]);
    } finally {
      await db().approvalOperation.deleteMany({ where: { processInstanceId: "H8" } });
      await db().approvalInstance.deleteMany({ where: { processInstanceId: "H8" } });
    }
  });

  it("filters the list by template, status, result, originator, department with sub-departments, approver, time, overdue and free text", async () => {
    const list = async (filter: Parameters<typeof listApprovals>[2]) => ids((await listApprovals(db(), ALL, { ...filter, pageSize: 100 }, new Date(NOW))).rows);
    expect(await list({})).toEqual(["A1", "B2", "C3", "D4", "E5", "F6", "G7"]);
    expect(await list({ processCodes: [EXPENSE, TRIP] })).toEqual(["C3", "D4", "E5", "F6"]);
    expect(await list({ status: "RUNNING", processCodes: [LEAVE] })).toEqual(["A1", "B2", "G7"]);
    expect(await list({ result: "refuse" })).toEqual(["D4"]);
    expect(await list({ result: "none", status: "TERMINATED" })).toEqual(["E5"]);
    expect(await list({ originatorUserId: "u1" })).toEqual(["A1", "C3", "F6"]);
    expect(await list({ deptId: 10 })).toEqual(["A1", "B2", "C3", "D4", "F6"]);
    expect(await list({ deptId: 10, includeSubDepts: false })).toEqual(["A1", "C3", "F6"]);
    expect(await list({ approverUserId: "u3" })).toEqual(["A1", "B2"]);
    expect(await list({ from: "2026-06-12", to: "2026-06-15" })).toEqual(["A1", "B2"]);
    expect(await list({ to: "2026-05-11" })).toEqual(["E5", "G7"]);
    expect(await list({ overdue: true })).toEqual(["A1", "G7"]);
    expect(await list({ q: "回老家" })).toEqual(["A1"]);
    expect(await list({ q: "午餐" })).toEqual(["C3"]);
    expect(await list({ q: "张三的" })).toEqual(["A1", "C3"]);
    expect(await list({ q: "100%_" })).toEqual([]);
    // Free text pages like the rest (张三的报销 sorts before 张三的请假 by code point), and a page past the end still tells the count.
    const second = await listApprovals(db(), ALL, { q: "张三的", sort: "title", dir: "asc", page: 2, pageSize: 1 }, new Date(NOW));
    expect([second.total, second.rows.map((r) => r.processInstanceId)]).toEqual([2, ["A1"]]);
    expect(await listApprovals(db(), ALL, { q: "张三的", page: 5, pageSize: 1 }, new Date(NOW))).toEqual({ rows: [], total: 2 });
  });

  it("sorts and pages on the server, and shows current approvers, names and overdue marks", async () => {
    const page = await listApprovals(db(), ALL, { sort: "createTime", dir: "desc", page: 2, pageSize: 3 }, new Date(NOW));
    expect(page.total).toBe(7);
    expect(page.rows.map((r) => r.processInstanceId)).toEqual(["F6", "D4", "G7"]);
    const g = page.rows[2];
    expect(g).toMatchObject({ templateName: "请假", originatorName: "孙八", overdue: true, approvers: [{ userId: "u4", name: "赵六" }] });
    const byFinish = await listApprovals(db(), ALL, { sort: "finishTime", dir: "asc", pageSize: 10 }, new Date(NOW));
    expect(byFinish.rows.map((r) => r.processInstanceId)).toEqual(["E5", "D4", "F6", "C3", "A1", "B2", "G7"]);
  });

  it("keeps each person to what they started, must act on or are copied on; viewers see nothing", async () => {
    expect(approvalScopeOf({ userId: "v", roles: ["viewer"] })).toBeNull();
    expect(approvalScopeOf({ userId: "h", roles: ["hr"] })).toEqual({ all: true });
    const mine = async (userId: string) => ids((await listApprovals(db(), approvalScopeOf({ userId, roles: ["approver"] })!, { pageSize: 100 }, new Date(NOW))).rows);
    expect(await mine("u3")).toEqual(["A1", "B2", "C3", "F6"]);
    expect(await mine("u4")).toEqual(["C3", "D4", "E5", "G7"]);
    expect(await mine("u5")).toEqual(["D4"]);
    expect(await mine("u1")).toEqual(["A1", "C3", "F6"]);
    expect(await mine("nobody")).toEqual([]);
    const t = await approvalTracking(db(), { all: false, userId: "u5" }, {}, new Date(NOW));
    expect(t.total).toBe(1);
    expect(await approvalDetail(db(), { all: false, userId: "u5" }, "C3", new Date(NOW))).toBeNull();
    expect(await approvalDetail(db(), { all: false, userId: "u5" }, "D4", new Date(NOW))).not.toBeNull();
  });

  it("gives an instance with its form, tasks and records, each with how long it waited", async () => {
    const detail = (await approvalDetail(db(), ALL, "C3", new Date(NOW)))!;
    expect(detail.instance).toMatchObject({ title: "张三的报销", status: "COMPLETED", result: "agree", originatorName: "张三", approvers: [] });
    expect(detail.formValues.map((v) => v.name)).toEqual(["报销金额", "费用明细"]);
    expect(detail.tasks.map((t) => [t.name, t.result, t.waitedSeconds])).toEqual([["王五", "AGREE", 12 * 3600], ["赵六", "AGREE", 12 * 3600]]);
    expect(detail.operations.map((o) => [o.name, o.type, o.remark, o.waitedSeconds])).toEqual([
      ["张三", "START_PROCESS_INSTANCE", null, null], ["王五", "EXECUTE_TASK_NORMAL", "可以", 12 * 3600], ["赵六", "EXECUTE_TASK_NORMAL", "同意", 12 * 3600],
    ]);
    const running = (await approvalDetail(db(), ALL, "A1", new Date(NOW)))!;
    expect(running.instance.approvers.map((a) => a.name)).toEqual(["王五"]);
    expect(running.tasks[0].waitedSeconds).toBe(2 * 86_400);
    expect(running.instance.overdue).toBe(true);
  });

  it("exports every match with the form fields of each template, and the index version moves on a write", async () => {
    const fields = await formFieldsByTemplate(db(), ALL, { processCodes: [EXPENSE] });
    expect(Object.fromEntries(fields)).toEqual({ [EXPENSE]: ["报销金额", "费用明细", "备注"] });
    const batches: string[][] = [];
    for await (const batch of eachApproval(db(), ALL, { sort: "createTime", dir: "asc" }, { batchSize: 3 })) batches.push(batch.map((r) => r.processInstanceId));
    expect(batches).toEqual([["E5", "G7", "D4"], ["F6", "C3", "A1"], ["B2"]]);
    const before = await indexVersion(db());
    const one = await indexVersion(db(), "A1");
    await db().approvalInstance.update({ where: { processInstanceId: "A1" }, data: { syncedAt: new Date(NOW + 60_000) } });
    expect(await indexVersion(db())).not.toBe(before);
    expect(await indexVersion(db(), "A1")).not.toBe(one);
    expect(await indexVersion(db(), "B2")).toBe(String(NOW));
    await db().approvalInstance.update({ where: { processInstanceId: "A1" }, data: { syncedAt: new Date(NOW) } });
  });

  it("exports the list as CSV (every template's fields side by side) and XLSX (a sheet per template, its fields as columns)", async () => {
    const collect = async (body: AsyncGenerator<Uint8Array | string>) => {
      const parts: Uint8Array[] = [];
      for await (const chunk of body) parts.push(typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk);
      return Buffer.concat(parts);
    };
    const input = { processCodes: [EXPENSE, LEAVE], sort: "createTime" as const, dir: "asc" as const };
    const csv = await exportApprovals(db(), ALL, input, { format: "csv", now: new Date(NOW) });
    const lines = (await collect(csv.body)).toString("utf8").replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("审批实例 ID,标题,模板,发起人,发起部门,状态,结果,当前审批人,发起时间,完成时间,报销金额,费用明细,备注,请假类型,请假事由");
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["G7", "D4", "F6", "C3", "A1", "B2"]);
    expect(lines.find((l) => l.startsWith("C3"))).toContain("88.80,\"费用说明: 午餐, 金额: 88.80\"");
    expect(lines.find((l) => l.startsWith("A1"))).toContain("王五,2026-06-13 12:00:00,,,,,年假,回老家");
    const xlsx = await exportApprovals(db(), ALL, input, { format: "xlsx", now: new Date(NOW) });
    const file = await collect(xlsx.body);
    const expense = readXlsx(file, 1);
    const leave = readXlsx(file, 2);
    expect(expense[0].slice(10)).toEqual(["报销金额", "费用明细", "备注"]);
    expect(expense.slice(1).map((r) => r[0])).toEqual(["D4", "F6", "C3"]);
    expect(leave[0].slice(10)).toEqual(["请假类型", "请假事由"]);
    expect(leave.slice(1).map((r) => [r[0], r[10] ?? ""])).toEqual([["G7", ""], ["A1", "年假"], ["B2", ""]]);
  });
});
