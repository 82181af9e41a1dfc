import type { Org, User } from "../org/model";
import { ALNUM, SeededRandom, hashString } from "../util/random";
import { workflowErrors } from "./errors";
import { validateForm, type FormValueInput } from "./forms";
import type { ActionType, ApprovalNode, CcPosition, Instance, InstanceStatus, OperationRecord, Task } from "./model";
import { canSee, templateByCode, type ProcessTemplate } from "./templates";

export interface StartInput {
  processCode: string;
  originatorUserId: string;
  deptId?: number;
  formComponentValues: FormValueInput[];
  approvers?: { actionType: ActionType; userIds: string[] }[];
  ccList?: string[];
  ccPosition?: CcPosition;
}

export interface InstanceQuery {
  processCode: string;
  startTime: number;
  endTime: number;
  userIds?: string[];
  statuses?: InstanceStatus[];
}

/** What the engine needs from the emulator: the org (replaced on reset), the corp id and an event sink. */
export interface EngineDeps {
  org(): Org;
  corpId: string;
  seed: number;
  emit(eventType: "bpms_instance_change" | "bpms_task_change", data: Record<string, unknown>): void;
}

const SHOW_NAMES = {
  START_PROCESS_INSTANCE: "发起审批",
  EXECUTE_TASK_NORMAL: "审批人",
  REDIRECT_TASK: "转交",
  ADD_REMARK: "评论",
  TERMINATE_PROCESS_INSTANCE: "撤销",
  PROCESS_CC: "抄送人",
} as const;

/** A node's activity id: stable per template and position, shaped like DingTalk's ("a1b2_c3d4"). */
function activityIdFor(processCode: string, index: number, named: boolean): string {
  const h = hashString(`${processCode}/${named ? "named" : "chain"}/${index}`).toString(16).padStart(8, "0");
  return `${h.slice(0, 4)}_${h.slice(4, 8)}`;
}

/**
 * The approval engine: instances move through their nodes as DingTalk's do, every change
 * lands in tasks and operationRecords, and each is announced as a `bpms_*` event.
 */
export class WorkflowEngine {
  private readonly instances = new Map<string, Instance>();
  /** In creation order, which is createTime order: queries page through it. */
  private readonly ordered: Instance[] = [];
  private readonly taskOwners = new Map<number, Instance>();
  private readonly rng: SeededRandom;
  private nextTaskId = 60_000_000_001;
  private nextBusinessSerial = 1;
  /** While seeding history nothing is announced. */
  private silent = false;

  constructor(private readonly deps: EngineDeps) {
    this.rng = new SeededRandom(deps.seed, 31);
  }

  all(): readonly Instance[] {
    return this.ordered;
  }

  /** Runs `work` without emitting events (seeding the history). */
  quietly(work: () => void): void {
    this.silent = true;
    try {
      work();
    } finally {
      this.silent = false;
    }
  }

  get(processInstanceId: string): Instance {
    const instance = this.instances.get(processInstanceId);
    if (!instance) throw workflowErrors.instanceNotFound();
    return instance;
  }

  private user(userId: string): User {
    const user = this.deps.org().usersById.get(userId);
    if (!user) throw workflowErrors.userNotFound(userId);
    return user;
  }

  start(input: StartInput, now: number): Instance {
    const org = this.deps.org();
    const originator = this.user(input.originatorUserId);
    const template = templateByCode(input.processCode);
    if (!template) throw workflowErrors.processNotFound(input.processCode);
    if (!canSee(org, originator, template)) throw workflowErrors.notVisible(originator.userId, template.name);
    const deptId = input.deptId === undefined || input.deptId === -1 ? (originator.deptIds[0] ?? 1) : input.deptId;
    if (input.deptId !== undefined && input.deptId !== -1 && !originator.deptIds.includes(deptId)) {
      throw workflowErrors.invalid(`deptId ${deptId} 不是发起人 ${originator.userId} 所在的部门`);
    }
    const formComponentValues = validateForm(template, input.formComponentValues);
    const nodes = input.approvers && input.approvers.length > 0
      ? this.namedNodes(template, input.approvers)
      : this.managerNodes(template, originator, org);
    const ccUserIds = [...new Set(input.ccList ?? [])];
    for (const id of ccUserIds) this.user(id);

    const instance: Instance = {
      processInstanceId: this.rng.string(22, ALNUM) + this.rng.digits(12),
      template,
      title: `${originator.name}提交的${template.name}`,
      businessId: this.businessId(now),
      originatorUserId: originator.userId,
      originatorDeptId: deptId,
      originatorDeptName: org.departments.get(deptId)?.name ?? "",
      createTime: now,
      status: "RUNNING",
      result: "",
      formComponentValues,
      nodes,
      currentNode: 0,
      tasks: [],
      operationRecords: [],
      ccUserIds,
      ccPosition: input.ccPosition ?? "START",
    };
    this.instances.set(instance.processInstanceId, instance);
    this.ordered.push(instance);
    this.record(instance, { userId: originator.userId, date: now, type: "START_PROCESS_INSTANCE", result: "NONE" });
    this.announceInstance(instance, "start", now);
    if (ccUserIds.length > 0 && instance.ccPosition !== "FINISH") this.recordCc(instance, now);
    this.enterNode(instance, 0, now);
    return instance;
  }

  private businessId(now: number): string {
    const d = new Date(now + 8 * 3600_000).toISOString();
    const stamp = d.slice(0, 16).replace(/[-T:]/g, "");
    return `${stamp}${String(this.nextBusinessSerial++).padStart(6, "0")}`;
  }

  private namedNodes(template: ProcessTemplate, approvers: NonNullable<StartInput["approvers"]>): ApprovalNode[] {
    return approvers.map((a, i) => {
      const userIds = [...new Set(a.userIds)];
      if (userIds.length === 0) throw workflowErrors.invalid(`approvers[${i}].userIds 不能为空`);
      if (a.actionType === "NONE" && userIds.length > 1) {
        throw workflowErrors.invalid(`approvers[${i}] 的 actionType 为 NONE 时只能有一个审批人；多人请用 AND（会签）或 OR（或签）`);
      }
      for (const id of userIds) this.user(id);
      return { activityId: activityIdFor(template.processCode, i, true), actionType: a.actionType, userIds };
    });
  }

  /** The originator's managers, `managerLevels` deep; the main admin when there is none. */
  private managerNodes(template: ProcessTemplate, originator: User, org: Org): ApprovalNode[] {
    const chain: string[] = [];
    let cursor: User | undefined = originator;
    while (chain.length < template.managerLevels && cursor?.managerUserId) {
      const manager = org.usersById.get(cursor.managerUserId);
      if (!manager || manager.userId === originator.userId || chain.includes(manager.userId)) break;
      chain.push(manager.userId);
      cursor = manager;
    }
    if (chain.length === 0) {
      const admin = org.admins.find((a) => a.userId !== originator.userId);
      if (admin) chain.push(admin.userId);
    }
    return chain.map((userId, i) => ({ activityId: activityIdFor(template.processCode, i, false), actionType: "NONE", userIds: [userId] }));
  }

  private enterNode(instance: Instance, index: number, now: number): void {
    instance.currentNode = index;
    const node = instance.nodes[index];
    if (!node) {
      this.finish(instance, "agree", now);
      return;
    }
    for (const userId of node.userIds) this.openTask(instance, userId, index, now);
  }

  private openTask(instance: Instance, userId: string, node: number, now: number): Task {
    const task: Task = {
      taskId: this.nextTaskId++, userId, status: "RUNNING", result: "NONE",
      activityId: instance.nodes[node].activityId, node, createTime: now,
    };
    instance.tasks.push(task);
    this.taskOwners.set(task.taskId, instance);
    this.announceTask(instance, task, "start", now);
    return task;
  }

  private closeTask(instance: Instance, task: Task, status: Task["status"], result: Task["result"], now: number): void {
    task.status = status;
    task.result = result;
    task.finishTime = now;
    if (status === "CANCELED") this.announceTask(instance, task, "cancel", now);
    else this.announceTask(instance, task, "finish", now);
  }

  private cancelRunning(instance: Instance, now: number, except?: Task): void {
    for (const task of instance.tasks) {
      if (task !== except && task.status === "RUNNING") this.closeTask(instance, task, "CANCELED", "NONE", now);
    }
  }

  private finish(instance: Instance, result: "agree" | "refuse", now: number): void {
    instance.status = "COMPLETED";
    instance.result = result;
    instance.finishTime = now;
    if (instance.ccUserIds.length > 0 && instance.ccPosition !== "START") this.recordCc(instance, now);
    this.announceInstance(instance, "finish", now);
  }

  /** The running task, checked the way DingTalk checks it before any action on it. */
  private actionableTask(instance: Instance, taskId: number, userId: string): Task {
    if (instance.status !== "RUNNING") throw workflowErrors.notRunning();
    const task = instance.tasks.find((t) => t.taskId === taskId);
    if (!task) throw workflowErrors.taskNotFound();
    if (task.userId !== userId) throw workflowErrors.notTaskOwner(userId);
    if (task.status !== "RUNNING") throw workflowErrors.taskDone();
    return task;
  }

  execute(input: { processInstanceId: string; taskId: number; actionerUserId: string; result: "agree" | "refuse"; remark?: string }, now: number): void {
    const instance = this.get(input.processInstanceId);
    this.user(input.actionerUserId);
    const task = this.actionableTask(instance, input.taskId, input.actionerUserId);
    const agree = input.result === "agree";
    this.record(instance, {
      userId: task.userId, date: now, type: "EXECUTE_TASK_NORMAL", result: agree ? "AGREE" : "REFUSE",
      remark: input.remark, activityId: task.activityId,
    });
    this.closeTask(instance, task, "COMPLETED", agree ? "AGREE" : "REFUSE", now);
    if (!agree) {
      this.cancelRunning(instance, now);
      this.finish(instance, "refuse", now);
      return;
    }
    const node = instance.nodes[task.node];
    if (node.actionType === "OR") this.cancelRunning(instance, now);
    const waiting = instance.tasks.some((t) => t.node === task.node && t.status === "RUNNING");
    if (!waiting) this.enterNode(instance, task.node + 1, now);
  }

  redirect(input: { taskId: number; toUserId: string; operateUserId: string; remark?: string; actionName?: string }, now: number): void {
    const instance = this.taskOwners.get(input.taskId);
    if (!instance) throw workflowErrors.taskNotFound();
    this.user(input.operateUserId);
    const task = this.actionableTask(instance, input.taskId, input.operateUserId);
    const target = this.user(input.toUserId);
    if (target.userId === task.userId) throw workflowErrors.invalid("不能转交给自己");
    if (instance.tasks.some((t) => t.node === task.node && t.status === "RUNNING" && t.userId === target.userId)) {
      throw workflowErrors.invalid(`${target.userId} 已是该节点的审批人`);
    }
    this.record(instance, {
      userId: task.userId, date: now, type: "REDIRECT_TASK", result: "NONE",
      remark: input.remark ?? `转交给 ${target.name}`, activityId: task.activityId,
    });
    this.closeTask(instance, task, "COMPLETED", "REDIRECTED", now);
    this.openTask(instance, target.userId, task.node, now);
  }

  comment(input: { processInstanceId: string; text: string; commentUserId: string }, now: number): void {
    const instance = this.get(input.processInstanceId);
    this.user(input.commentUserId);
    // Comments stay possible on a finished approval, but not on a revoked one.
    if (instance.status === "TERMINATED" || instance.status === "CANCELED") throw workflowErrors.notRunning();
    this.record(instance, { userId: input.commentUserId, date: now, type: "ADD_REMARK", result: "NONE", remark: input.text });
    this.announce("bpms_task_change", instance, "comment", now, { staffId: input.commentUserId, content: input.text, remark: input.text });
  }

  terminate(input: { processInstanceId: string; isSystem: boolean; remark?: string; operatingUserId?: string }, now: number): void {
    const instance = this.get(input.processInstanceId);
    if (instance.status !== "RUNNING") throw workflowErrors.notRunning();
    let operator = instance.originatorUserId;
    if (input.operatingUserId) operator = this.user(input.operatingUserId).userId;
    if (!input.isSystem) {
      if (!input.operatingUserId) throw workflowErrors.invalid("operatingUserId 不能为空（isSystem 为 false 时）");
      const user = this.user(input.operatingUserId);
      if (user.userId !== instance.originatorUserId && !user.admin) throw workflowErrors.noTerminatePermission(user.userId);
    }
    this.cancelRunning(instance, now);
    instance.status = "TERMINATED";
    instance.result = "";
    instance.finishTime = now;
    this.record(instance, { userId: operator, date: now, type: "TERMINATE_PROCESS_INSTANCE", result: "NONE", remark: input.remark });
    this.announceInstance(instance, "terminate", now);
  }

  /** Tasks waiting for the person in running approvals (待办数). */
  todoCount(userId: string): number {
    this.user(userId);
    let count = 0;
    for (const instance of this.ordered) {
      if (instance.status !== "RUNNING") continue;
      for (const task of instance.tasks) if (task.status === "RUNNING" && task.userId === userId) count++;
    }
    return count;
  }

  query(q: InstanceQuery): string[] {
    const users = q.userIds && q.userIds.length > 0 ? new Set(q.userIds) : null;
    const statuses = q.statuses && q.statuses.length > 0 ? new Set(q.statuses) : null;
    const out: string[] = [];
    for (const instance of this.ordered) {
      if (instance.template.processCode !== q.processCode) continue;
      if (instance.createTime < q.startTime || instance.createTime > q.endTime) continue;
      if (users && !users.has(instance.originatorUserId)) continue;
      if (statuses && !statuses.has(instance.status)) continue;
      out.push(instance.processInstanceId);
    }
    return out;
  }

  private record(instance: Instance, entry: Omit<OperationRecord, "showName">): void {
    const clean: OperationRecord = { ...entry, showName: SHOW_NAMES[entry.type] };
    if (clean.remark === undefined) delete clean.remark;
    instance.operationRecords.push(clean);
  }

  private recordCc(instance: Instance, now: number): void {
    this.record(instance, { userId: instance.originatorUserId, date: now, type: "PROCESS_CC", result: "NONE", ccUserIds: instance.ccUserIds });
  }

  private announceInstance(instance: Instance, type: "start" | "finish" | "terminate", now: number): void {
    this.announce("bpms_instance_change", instance, type, now, {
      staffId: instance.originatorUserId,
      ...(type !== "start" ? { finishTime: now } : {}),
      ...(type === "finish" ? { result: instance.result } : {}),
    });
  }

  private announceTask(instance: Instance, task: Task, type: "start" | "finish" | "cancel", now: number): void {
    const result = task.result === "AGREE" ? "agree" : task.result === "REFUSE" ? "refuse" : task.result === "REDIRECTED" ? "redirect" : undefined;
    this.announce("bpms_task_change", instance, type, now, {
      staffId: task.userId,
      taskId: task.taskId,
      createTime: task.createTime,
      activityId: task.activityId,
      ...(type !== "start" ? { finishTime: now } : {}),
      ...(type === "finish" && result ? { result } : {}),
      ...(type === "finish" ? { remark: this.lastRemark(instance, task) } : {}),
    });
  }

  private lastRemark(instance: Instance, task: Task): string {
    for (let i = instance.operationRecords.length - 1; i >= 0; i--) {
      const r = instance.operationRecords[i];
      if (r.userId === task.userId && r.activityId === task.activityId) return r.remark ?? "";
    }
    return "";
  }

  private announce(eventType: "bpms_instance_change" | "bpms_task_change", instance: Instance, type: string, now: number, extra: Record<string, unknown>): void {
    if (this.silent) return;
    this.deps.emit(eventType, {
      eventType,
      processInstanceId: instance.processInstanceId,
      processCode: instance.template.processCode,
      corpId: this.deps.corpId,
      type,
      title: instance.title,
      businessId: instance.businessId,
      bizCategoryId: "",
      createTime: type === "start" ? now : instance.createTime,
      url: instanceUrl(this.deps.corpId, instance.processInstanceId),
      ...extra,
    });
  }
}

/** Where DingTalk's approval page for an instance lives (the emulator does not serve it). */
export function instanceUrl(corpId: string, processInstanceId: string, taskId?: number): string {
  const task = taskId !== undefined ? `&taskId=${taskId}` : "";
  return `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${corpId}&procInstId=${processInstanceId}${task}#approval`;
}
