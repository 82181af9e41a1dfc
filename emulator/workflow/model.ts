import type { StoredFormValue } from "./forms";
import type { ProcessTemplate } from "./templates";

export type InstanceStatus = "NEW" | "RUNNING" | "COMPLETED" | "TERMINATED" | "CANCELED";
export type InstanceResult = "agree" | "refuse" | "";
export type TaskStatus = "NEW" | "RUNNING" | "PAUSED" | "CANCELED" | "COMPLETED" | "TERMINATED";
export type TaskResult = "AGREE" | "REFUSE" | "REDIRECTED" | "NONE";
export type ActionType = "AND" | "OR" | "NONE";
export type RecordType =
  | "START_PROCESS_INSTANCE" | "EXECUTE_TASK_NORMAL" | "REDIRECT_TASK" | "ADD_REMARK"
  | "TERMINATE_PROCESS_INSTANCE" | "PROCESS_CC";
export type CcPosition = "START" | "FINISH" | "START_FINISH";

/** One approval step: AND (会签, everyone agrees), OR (或签, anyone), NONE (a single approver). */
export interface ApprovalNode {
  activityId: string;
  actionType: ActionType;
  userIds: string[];
}

export interface Task {
  taskId: number;
  userId: string;
  status: TaskStatus;
  result: TaskResult;
  activityId: string;
  /** Index into the instance's nodes. */
  node: number;
  createTime: number;
  finishTime?: number;
}

export interface OperationRecord {
  userId: string;
  date: number;
  type: RecordType;
  result: TaskResult;
  remark?: string;
  showName: string;
  activityId?: string;
  ccUserIds?: string[];
}

export interface Instance {
  processInstanceId: string;
  template: ProcessTemplate;
  title: string;
  businessId: string;
  originatorUserId: string;
  originatorDeptId: number;
  originatorDeptName: string;
  createTime: number;
  finishTime?: number;
  status: InstanceStatus;
  result: InstanceResult;
  formComponentValues: StoredFormValue[];
  nodes: ApprovalNode[];
  /** The node whose tasks are running (meaningful while RUNNING). */
  currentNode: number;
  tasks: Task[];
  operationRecords: OperationRecord[];
  ccUserIds: string[];
  ccPosition: CcPosition;
}
