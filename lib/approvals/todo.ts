import type { Db } from "@/lib/db/client";
import { peopleByIds } from "@/lib/directory/search/search";

export interface TodoItem {
  processInstanceId: string;
  title: string;
  templateName: string;
  originatorUserId: string;
  originatorName: string;
  createTime: Date;
  /** When the person's step began. */
  waitingSince: Date | null;
}

/**
 * The person's pending tasks from the index, oldest step first: DingTalk's own list of them needs
 * the OA premium edition; the index has every task of every instance.
 */
export async function todoOf(db: Db, userId: string): Promise<TodoItem[]> {
  const tasks = await db.approvalTask.findMany({ where: { userId, status: "RUNNING" }, orderBy: { createTime: "asc" } });
  const ids = [...new Set(tasks.map((t) => t.processInstanceId))];
  if (ids.length === 0) return [];
  const instances = await db.approvalInstance.findMany({ where: { processInstanceId: { in: ids }, status: "RUNNING" } });
  const byId = new Map(instances.map((i) => [i.processInstanceId, i]));
  const templates = new Map((await db.approvalTemplate.findMany({ select: { processCode: true, name: true } })).map((t) => [t.processCode, t.name]));
  const people = new Map((await peopleByIds(db, [...new Set(instances.map((i) => i.originatorUserId))])).map((p) => [p.userId, p.name]));
  const seen = new Set<string>();
  const out: TodoItem[] = [];
  for (const task of tasks) {
    const i = byId.get(task.processInstanceId);
    if (!i || seen.has(i.processInstanceId)) continue;
    seen.add(i.processInstanceId);
    out.push({
      processInstanceId: i.processInstanceId,
      title: i.title,
      templateName: templates.get(i.processCode) ?? i.processCode,
      originatorUserId: i.originatorUserId,
      originatorName: people.get(i.originatorUserId) ?? i.originatorUserId,
      createTime: i.createTime,
      waitingSince: task.createTime,
    });
  }
  return out;
}
