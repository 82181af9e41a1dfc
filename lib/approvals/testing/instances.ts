import type { Db } from "@/lib/db/client";
import type { InstanceTask, OperationRecord, ProcessInstance } from "@/lib/dingtalk";
import { departmentPath } from "@/lib/directory/sync/store";
import { TX_OPTIONS } from "../deps";
import { cycleSecondsOf, instanceSearchText, taskRowOf, writeInstance } from "../store";

// Instances written straight into the index, as their detail calls would have described them:
// for the queries' tests (a handful with known times) and the query benchmark (many).

const HOUR = 3_600_000;

export interface InstanceSpec {
  id: string;
  processCode: string;
  title?: string;
  status: ProcessInstance["status"];
  result?: string;
  originator: string;
  deptId: number;
  /** Hours before `now`. */
  createdAgo: number;
  finishedAgo?: number;
  form?: ProcessInstance["formComponentValues"];
  cc?: string[];
  /** Each approver's task: who, and hours ago it started and (unless running) ended. */
  tasks?: { userId: string; fromAgo: number; toAgo?: number; result?: InstanceTask["result"] }[];
  remarks?: string[];
}

/** The detail DingTalk would give for `spec` at `now`. */
export function instanceOf(spec: InstanceSpec, now: number): ProcessInstance {
  const at = (hoursAgo: number) => now - hoursAgo * HOUR;
  const tasks: InstanceTask[] = (spec.tasks ?? []).map((t, k) => ({
    taskId: 1_000_000_000_000 + k + Number.parseInt(spec.id.replace(/\D/g, "").slice(-6) || "0", 10) * 10,
    userId: t.userId,
    status: t.toAgo === undefined ? "RUNNING" : "COMPLETED",
    result: t.toAgo === undefined ? "NONE" : (t.result ?? "AGREE"),
    activityId: `act_${k}`,
    createTime: at(t.fromAgo),
    ...(t.toAgo !== undefined ? { finishTime: at(t.toAgo) } : {}),
  }));
  const operations: OperationRecord[] = [
    { userId: spec.originator, date: at(spec.createdAgo), type: "START_PROCESS_INSTANCE", result: "NONE" },
    ...(spec.tasks ?? []).flatMap((t, k): OperationRecord[] => t.toAgo === undefined ? [] : [{
      userId: t.userId, date: at(t.toAgo), type: "EXECUTE_TASK_NORMAL", result: t.result ?? "AGREE", remark: spec.remarks?.[k], activityId: `act_${k}`,
    }]),
  ] as OperationRecord[];
  return {
    processInstanceId: spec.id,
    title: spec.title ?? `${spec.originator}提交的审批`,
    status: spec.status,
    result: spec.result ?? "",
    businessId: spec.id.replace(/\D/g, ""),
    originatorUserId: spec.originator,
    originatorDeptId: String(spec.deptId),
    originatorDeptName: `部门${spec.deptId}`,
    createTime: at(spec.createdAgo),
    ...(spec.finishedAgo !== undefined ? { finishTime: at(spec.finishedAgo) } : {}),
    formComponentValues: spec.form ?? [],
    approverUserIds: (spec.tasks ?? []).map((t) => t.userId),
    ccUserIds: spec.cc ?? [],
    operationRecords: operations,
    tasks,
  };
}

/** Writes templates and instances through the index's own writer. */
export async function writeInstances(db: Db, templates: { processCode: string; name: string; slaHours?: number }[], specs: InstanceSpec[], now: number): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const t of templates) {
      await tx.approvalTemplate.create({ data: { processCode: t.processCode, name: t.name, iconUrl: "", slaHours: t.slaHours ?? null, syncedAt: new Date(now) } });
    }
    for (const s of specs) await writeInstance(tx, s.processCode, instanceOf(s, now), new Date(now));
  }, TX_OPTIONS);
}

/** A department tree for filters: `[deptId, parentId | null, name]`, in parent-first order. */
export async function writeDepartments(db: Db, rows: [number, number | null, string][], now: number): Promise<void> {
  const paths = new Map<number, string>();
  for (const [deptId, parentId, name] of rows) {
    const path = departmentPath(parentId === null ? null : (paths.get(parentId) ?? null), deptId);
    paths.set(deptId, path);
    await db.directoryDepartment.create({
      data: { deptId, parentId, name, pinyin: name, path, depth: path.split("/").filter(Boolean).length, managerUserIds: "[]", memberCount: 0, syncedAt: new Date(now) },
    });
  }
}

/** A person in the directory, so that names show. */
export async function writePeople(db: Db, people: [string, string][], now: number): Promise<void> {
  await db.directoryUser.createMany({
    data: people.map(([userId, name]) => ({
      userId, name, pinyin: userId, initials: userId, active: true, admin: false, boss: false, isManager: false, searchText: name, syncedAt: new Date(now),
    })),
  });
}

/**
 * Many instances quickly (for the benchmark): plain rows in large batches, with their tasks and
 * records; no transaction per instance (nothing reads them while they are written).
 */
export async function writeInstancesInBulk(db: Db, instances: readonly { processCode: string; instance: ProcessInstance }[], syncedAt: Date): Promise<void> {
  const at = (ms: number | undefined) => (ms === undefined ? null : new Date(ms));
  for (let k = 0; k < instances.length; k += 1000) {
    const batch = instances.slice(k, k + 1000);
    await db.approvalInstance.createMany({
      data: batch.map(({ processCode, instance: i }) => ({
        processInstanceId: i.processInstanceId, processCode, title: i.title, status: i.status, result: i.result, businessId: i.businessId,
        originatorUserId: i.originatorUserId, originatorDeptId: i.originatorDeptId, originatorDeptName: i.originatorDeptName,
        createTime: at(i.createTime) ?? syncedAt, finishTime: at(i.finishTime), formValues: JSON.stringify(i.formComponentValues),
        searchText: instanceSearchText(i), ccUserIds: JSON.stringify(i.ccUserIds), syncedAt, cycleSeconds: cycleSecondsOf(i),
      })),
    });
    await db.approvalTask.createMany({ data: batch.flatMap(({ instance: i }) => i.tasks.map((t) => taskRowOf(i.processInstanceId, t))) });
    await db.approvalCc.createMany({ data: batch.flatMap(({ instance: i }) => [...new Set(i.ccUserIds)].map((userId) => ({ processInstanceId: i.processInstanceId, userId }))) });
    await db.approvalOperation.createMany({
      data: batch.flatMap(({ instance: i }) => i.operationRecords.map((r, seq) => ({
        processInstanceId: i.processInstanceId, seq, userId: r.userId, date: at(r.date), type: r.type, result: r.result,
        remark: r.remark ?? null, showName: r.showName ?? null, activityId: r.activityId ?? null,
      }))),
    });
  }
}
