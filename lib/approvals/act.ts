import { can, type RoleName } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db/client";
import { isDingTalkError, type DingTalkClient } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { ActionFailure } from "@/lib/server/action-errors";
import { TX_OPTIONS } from "./deps";
import { approvalScopeOf, canSeeInstance } from "./queries";
import { writeInstance } from "./store";

// What a person does to an approval from the console: comment, terminate (撤销), agree or refuse
// their own pending task, transfer it. Each is checked against the index first (so that a refusal
// names the reason in the person's words without spending a call), then asked of DingTalk, whose
// refusal stands; afterwards the instance is read once and written to the index, so the pages
// show the outcome at once (the bpms_* event that follows refreshes it again, to the same state).

export interface ActDeps {
  db: Db;
  client: Pick<DingTalkClient, "workflow">;
  now?: () => Date;
}

export interface Acting {
  userId: string;
  roles: readonly RoleName[];
}

/** The instance as indexed, with its tasks; refused when the person may not see it. */
export async function instanceFor(db: Db, actor: Acting, processInstanceId: string) {
  // The same rule as the pages: what the person started, must act on or is copied on; everything for HR and admins.
  const scope = approvalScopeOf(actor);
  if (!scope || !(await canSeeInstance(db, scope, processInstanceId))) throw new ActionFailure("APPROVAL_NOT_FOUND");
  const instance = await db.approvalInstance.findUnique({ where: { processInstanceId } });
  if (!instance) throw new ActionFailure("APPROVAL_NOT_FOUND");
  const tasks = await db.approvalTask.findMany({ where: { processInstanceId }, orderBy: { createTime: "asc" } });
  return { instance, tasks };
}

/** Reads the instance from DingTalk and writes it to the index. */
export async function refreshIndexed(deps: ActDeps, processCode: string, processInstanceId: string): Promise<string> {
  const detail = await deps.client.workflow.getInstance(processInstanceId);
  await deps.db.$transaction((tx) => writeInstance(tx, processCode, detail, deps.now?.() ?? new Date()), TX_OPTIONS);
  return detail.status;
}

/**
 * Runs the DingTalk write, then refreshes the index. A refusal from DingTalk about the instance
 * (already decided, task gone) means the index was behind: it is refreshed too, then the refusal stands.
 */
async function actThenRefresh<T>(deps: ActDeps, processCode: string, processInstanceId: string, write: () => Promise<T>): Promise<T> {
  return withCallArea("approvals.act", async () => {
    let result: T;
    try {
      result = await write();
    } catch (error) {
      if (isDingTalkError(error) && error.code.startsWith("aflow")) await refreshIndexed(deps, processCode, processInstanceId).catch(() => undefined);
      throw error;
    }
    await refreshIndexed(deps, processCode, processInstanceId);
    return result;
  });
}

function requireRunning(status: string): void {
  if (status !== "RUNNING" && status !== "NEW") throw new ActionFailure("APPROVAL_NOT_RUNNING");
}

export async function commentOn(deps: ActDeps, actor: Acting, input: { processInstanceId: string; text: string }) {
  const { instance } = await instanceFor(deps.db, actor, input.processInstanceId);
  if (instance.status === "TERMINATED" || instance.status === "CANCELED") throw new ActionFailure("APPROVAL_REVOKED");
  await actThenRefresh(deps, instance.processCode, instance.processInstanceId, () =>
    deps.client.workflow.comment({ processInstanceId: instance.processInstanceId, commentUserId: actor.userId, text: input.text }),
  );
  return { processInstanceId: instance.processInstanceId, title: instance.title };
}

/**
 * 撤销: the originator their own running instance; `approvals.terminate.any` any instance, as the
 * system (DingTalk lets only the originator or a DingTalk admin revoke in their own name), with
 * the remark naming who did it.
 */
export async function terminateInstance(deps: ActDeps, actor: Acting & { name: string }, input: { processInstanceId: string; remark?: string }) {
  const { instance } = await instanceFor(deps.db, actor, input.processInstanceId);
  requireRunning(instance.status);
  const own = instance.originatorUserId === actor.userId;
  if (!own && !can(actor.roles, "approvals.terminate.any")) throw new ActionFailure("APPROVAL_TERMINATE_NOT_OWN");
  const remark = own ? input.remark : [input.remark, `(${actor.name})`].filter(Boolean).join(" ");
  await actThenRefresh(deps, instance.processCode, instance.processInstanceId, () =>
    deps.client.workflow.terminate({ processInstanceId: instance.processInstanceId, operatingUserId: actor.userId, isSystem: !own, remark }),
  );
  return { processInstanceId: instance.processInstanceId, title: instance.title };
}

/** The person's own running task on the instance. */
async function ownPendingTask(deps: ActDeps, actor: Acting, processInstanceId: string) {
  const { instance, tasks } = await instanceFor(deps.db, actor, processInstanceId);
  requireRunning(instance.status);
  const task = tasks.find((t) => t.userId === actor.userId && t.status === "RUNNING");
  if (!task) throw new ActionFailure("APPROVAL_NO_PENDING_TASK");
  return { instance, task };
}

export async function decideTask(deps: ActDeps, actor: Acting, input: { processInstanceId: string; result: "agree" | "refuse"; remark?: string }) {
  const { instance, task } = await ownPendingTask(deps, actor, input.processInstanceId);
  await actThenRefresh(deps, instance.processCode, instance.processInstanceId, () =>
    deps.client.workflow.execute({
      processInstanceId: instance.processInstanceId, taskId: Number(task.taskId), actionerUserId: actor.userId, result: input.result, remark: input.remark,
    }),
  );
  return { processInstanceId: instance.processInstanceId, title: instance.title, taskId: task.taskId };
}

export async function transferTask(deps: ActDeps, actor: Acting, input: { processInstanceId: string; toUserId: string; remark?: string }) {
  if (input.toUserId === actor.userId) throw new ActionFailure("APPROVAL_TRANSFER_TO_SELF", "toUserId");
  const { instance, task } = await ownPendingTask(deps, actor, input.processInstanceId);
  await actThenRefresh(deps, instance.processCode, instance.processInstanceId, () =>
    deps.client.workflow.redirect({ taskId: Number(task.taskId), operateUserId: actor.userId, toUserId: input.toUserId, remark: input.remark }),
  );
  return { processInstanceId: instance.processInstanceId, title: instance.title, toUserId: input.toUserId };
}

export interface BatchOutcome {
  agreed: string[];
  /** Instances DingTalk or the index refused, with the reason's code. */
  failed: { processInstanceId: string; code: string; message: string }[];
}

/**
 * Agrees to several of the person's pending tasks under one remark, one after another (each is
 * its own DingTalk write); one refused does not stop the rest.
 */
export async function agreeMany(
  deps: ActDeps, actor: Acting, input: { processInstanceIds: string[]; remark?: string }, describe: (error: unknown) => string,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { agreed: [], failed: [] };
  for (const processInstanceId of input.processInstanceIds) {
    try {
      await decideTask(deps, actor, { processInstanceId, result: "agree", remark: input.remark });
      outcome.agreed.push(processInstanceId);
    } catch (error) {
      const code = (error as { code?: unknown } | null)?.code;
      outcome.failed.push({ processInstanceId, code: typeof code === "string" ? code : "UNKNOWN_ERROR", message: describe(error) });
    }
  }
  return outcome;
}
