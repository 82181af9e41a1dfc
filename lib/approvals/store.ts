import type { Tx } from "@/lib/db/transactions";
import type { InstanceTask, ProcessInstance } from "@/lib/dingtalk";

// Writes an instance as its detail call described it: the row, its tasks and its operation
// records replaced together, so that a reader never sees half an instance.

/** Statuses that do not change any more (a comment may still be added; an event brings it). */
export const FINAL_STATUSES = ["COMPLETED", "TERMINATED", "CANCELED"] as const;

const at = (ms: number | undefined): Date | null => (ms === undefined ? null : new Date(ms));

/** Title and form values, lower-cased, for free-text search over the list. */
export function instanceSearchText(instance: Pick<ProcessInstance, "title" | "formComponentValues">): string {
  return [instance.title, ...instance.formComponentValues.map((v) => v.value)].filter((s) => s !== "").join("\u001f").toLowerCase();
}

/** Seconds from start to finish of a completed instance, null for any other. */
export function cycleSecondsOf(instance: Pick<ProcessInstance, "status" | "createTime" | "finishTime">): number | null {
  if (instance.status !== "COMPLETED" || instance.createTime === undefined || instance.finishTime === undefined) return null;
  return Math.max(0, Math.round((instance.finishTime - instance.createTime) / 1000));
}

/** Seconds an approver took to agree or refuse a task, null for a task not acted on that way. */
export function actSecondsOf(task: Pick<InstanceTask, "result" | "createTime" | "finishTime">): number | null {
  if ((task.result !== "AGREE" && task.result !== "REFUSE") || task.createTime === undefined || task.finishTime === undefined) return null;
  return Math.max(0, Math.round((task.finishTime - task.createTime) / 1000));
}

/** The index's row of one task of instance `processInstanceId`. */
export function taskRowOf(processInstanceId: string, t: InstanceTask) {
  return {
    taskId: String(t.taskId), processInstanceId, userId: t.userId, status: t.status, result: t.result,
    activityId: t.activityId, createTime: at(t.createTime), finishTime: at(t.finishTime), actSeconds: actSecondsOf(t),
  };
}

export async function writeInstance(tx: Tx, processCode: string, instance: ProcessInstance, syncedAt: Date): Promise<void> {
  const id = instance.processInstanceId;
  const row = {
    processCode,
    title: instance.title,
    status: instance.status,
    result: instance.result,
    businessId: instance.businessId,
    originatorUserId: instance.originatorUserId,
    originatorDeptId: instance.originatorDeptId,
    originatorDeptName: instance.originatorDeptName,
    // An instance always has a create time; a reply without one is dated by when it was seen.
    createTime: at(instance.createTime) ?? syncedAt,
    finishTime: at(instance.finishTime),
    formValues: JSON.stringify(instance.formComponentValues),
    searchText: instanceSearchText(instance),
    ccUserIds: JSON.stringify(instance.ccUserIds),
    syncedAt,
    cycleSeconds: cycleSecondsOf(instance),
  };
  await tx.approvalInstance.upsert({ where: { processInstanceId: id }, create: { processInstanceId: id, ...row }, update: row });
  await tx.approvalTask.deleteMany({ where: { processInstanceId: id } });
  if (instance.tasks.length > 0) {
    await tx.approvalTask.createMany({ data: instance.tasks.map((t) => taskRowOf(id, t)) });
  }
  await tx.approvalCc.deleteMany({ where: { processInstanceId: id } });
  const cc = [...new Set(instance.ccUserIds)];
  if (cc.length > 0) await tx.approvalCc.createMany({ data: cc.map((userId) => ({ processInstanceId: id, userId })) });
  await tx.approvalOperation.deleteMany({ where: { processInstanceId: id } });
  if (instance.operationRecords.length > 0) {
    await tx.approvalOperation.createMany({
      data: instance.operationRecords.map((r, seq) => ({
        processInstanceId: id, seq, userId: r.userId, date: at(r.date), type: r.type, result: r.result,
        remark: r.remark ?? null, showName: r.showName ?? null, activityId: r.activityId ?? null,
      })),
    });
  }
}
