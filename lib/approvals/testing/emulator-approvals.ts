import { expect } from "vitest";
import type { Db } from "@/lib/db/client";
import type { DingTalkClient, ProcessInstance } from "@/lib/dingtalk";
import { MAX_DAYS_BACK } from "../backfill";

const DAY_MS = 86_400_000;

/** Empties the approvals tables, runs and leases between tests sharing one database. */
export async function clearApprovals(db: Db): Promise<void> {
  await db.$transaction([
    db.approvalOperation.deleteMany(),
    db.approvalTask.deleteMany(),
    db.approvalCc.deleteMany(),
    db.approvalInstance.deleteMany(),
    db.approvalTemplate.deleteMany(),
    db.approvalBackfillItem.deleteMany(),
    db.approvalBackfillWindow.deleteMany(),
    db.approvalBackfillRun.deleteMany(),
    db.approvalReminder.deleteMany(),
    db.jobLease.deleteMany(),
  ]);
}

/** Every instance DingTalk lists in the last 365 days, per template, with its detail. */
export async function emulatorInstances(client: DingTalkClient, adminUserId: string, now: number): Promise<Map<string, { processCode: string; instance: ProcessInstance }>> {
  const out = new Map<string, { processCode: string; instance: ProcessInstance }>();
  for (const t of await client.workflow.listManagedTemplates(adminUserId)) {
    for await (const id of client.workflow.iterateInstanceIdsOverRange({ processCode: t.processCode, startTime: now - MAX_DAYS_BACK * DAY_MS, endTime: now })) {
      out.set(id, { processCode: t.processCode, instance: await client.workflow.getInstance(id) });
    }
  }
  return out;
}

/** Asserts the index holds exactly DingTalk's instances now: rows, form values, tasks and operation records. */
export async function expectIndexMatchesEmulator(db: Db, client: DingTalkClient, adminUserId: string, now: number): Promise<number> {
  const expected = await emulatorInstances(client, adminUserId, now);
  const rows = await db.approvalInstance.findMany({ orderBy: { processInstanceId: "asc" } });
  expect(rows.map((r) => r.processInstanceId)).toEqual([...expected.keys()].sort());
  const tasks = await db.approvalTask.findMany();
  const operations = await db.approvalOperation.findMany({ orderBy: [{ processInstanceId: "asc" }, { seq: "asc" }] });
  for (const row of rows) {
    const { processCode, instance: i } = expected.get(row.processInstanceId)!;
    expect({
      processCode: row.processCode, title: row.title, status: row.status, result: row.result, originatorUserId: row.originatorUserId,
      originatorDeptId: row.originatorDeptId, createTime: row.createTime.getTime(), finishTime: row.finishTime?.getTime(),
      formValues: JSON.parse(row.formValues) as unknown, ccUserIds: JSON.parse(row.ccUserIds) as unknown,
    }).toEqual({
      processCode, title: i.title, status: i.status, result: i.result, originatorUserId: i.originatorUserId,
      originatorDeptId: i.originatorDeptId, createTime: i.createTime, finishTime: i.finishTime,
      formValues: JSON.parse(JSON.stringify(i.formComponentValues)) as unknown, ccUserIds: i.ccUserIds,
    });
    const mine = tasks.filter((t) => t.processInstanceId === row.processInstanceId).map((t) => `${t.taskId} ${t.userId} ${t.status} ${t.result}`).sort();
    expect(mine).toEqual(i.tasks.map((t) => `${t.taskId} ${t.userId} ${t.status} ${t.result}`).sort());
    const records = operations.filter((o) => o.processInstanceId === row.processInstanceId).map((o) => `${o.type} ${o.userId} ${o.result} ${o.remark ?? ""}`);
    expect(records).toEqual(i.operationRecords.map((o) => `${o.type} ${o.userId} ${o.result} ${o.remark ?? ""}`));
  }
  return rows.length;
}
