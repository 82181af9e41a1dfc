import { z } from "zod";
import { checkDeptId, checkIdList, checkPositiveId } from "./arguments";
import type { DingTalkClientConfig } from "./config";
import { checkConversationMessage, type ConversationMessage } from "./conversation-message";
import { DingTalkConfigError } from "./errors";
import { sleep } from "./retry";
import type { Call } from "./transport";

const PREFIX = "/topapi/message/corpconversation";

export interface WorkNotificationTargets {
  userIds?: readonly string[];
  deptIds?: readonly number[];
  /** Everyone in the org. */
  toAllUser?: boolean;
}

/** A send task's state: 0 not started, 1 sending, 2 done. */
export interface WorkNotificationProgress {
  percent: number;
  status: 0 | 1 | 2;
  done: boolean;
}

export interface WorkNotificationResult {
  invalidUserIds: string[];
  forbiddenUserIds: string[];
  failedUserIds: string[];
  readUserIds: string[];
  unreadUserIds: string[];
  invalidDeptIds: number[];
}

export interface WaitOptions {
  /** Between polls; default 1 s. */
  intervalMs?: number;
  /** Give up after this long; default 60 s. */
  timeoutMs?: number;
  /** Called with every progress read, awaited before the next poll. */
  onProgress?: (progress: WorkNotificationProgress) => void | Promise<void>;
  signal?: AbortSignal;
}

/** The task did not finish within `waitForCompletion`'s timeout; it may still finish later. */
export class WorkNotificationTimeoutError extends Error {
  readonly code = "WORK_NOTIFICATION_TIMEOUT";
  constructor(
    readonly taskId: number,
    readonly last: WorkNotificationProgress | undefined,
    timeoutMs: number,
  ) {
    super(`work notification task ${taskId} was not finished after ${timeoutMs} ms (last seen at ${last?.percent ?? 0}%)`);
    this.name = "WorkNotificationTimeoutError";
  }
}

const ids = z.array(z.coerce.string()).nullish().transform((v) => v ?? []);

const progressReply = z
  .object({ progress: z.object({ progress_in_percent: z.coerce.number().nullish(), status: z.coerce.number().nullish() }) })
  .transform(({ progress }): WorkNotificationProgress => {
    const status = (progress.status === 1 || progress.status === 2 ? progress.status : 0) as 0 | 1 | 2;
    return { percent: progress.progress_in_percent ?? 0, status, done: status === 2 };
  });

const resultReply = z
  .object({
    send_result: z.object({
      invalid_user_id_list: ids,
      forbidden_user_id_list: ids,
      failed_user_id_list: ids,
      read_user_id_list: ids,
      unread_user_id_list: ids,
      invalid_dept_id_list: z.array(z.coerce.number()).nullish(),
    }),
  })
  .transform(({ send_result: r }): WorkNotificationResult => ({
    invalidUserIds: r.invalid_user_id_list,
    forbiddenUserIds: r.forbidden_user_id_list,
    failedUserIds: r.failed_user_id_list,
    readUserIds: r.read_user_id_list,
    unreadUserIds: r.unread_user_id_list,
    invalidDeptIds: r.invalid_dept_id_list ?? [],
  }));

export interface Notify {
  /** Starts an async send (工作通知). Not repeated on failure: see `DingTalkError.outcome`. */
  send(targets: WorkNotificationTargets, msg: ConversationMessage): Promise<{ taskId: number }>;
  progress(taskId: number): Promise<WorkNotificationProgress>;
  result(taskId: number): Promise<WorkNotificationResult>;
  recall(taskId: number): Promise<void>;
  /** Polls progress until the task is done; throws `WorkNotificationTimeoutError` when it is not in time. */
  waitForCompletion(taskId: number, options?: WaitOptions): Promise<WorkNotificationProgress>;
}

/** Work notifications through the app's agent (`config.agentId`). */
export function createNotify(call: Call, config: DingTalkClientConfig): Notify {
  const agentId = (): string => {
    if (!config.agentId) {
      throw new DingTalkConfigError(["agentId (DINGTALK_AGENT_ID) is required for work notifications: set it to the app's AgentId from the DingTalk developer console"]);
    }
    return config.agentId;
  };

  const progress: Notify["progress"] = async (taskId) =>
    call({
      host: "oapi",
      method: "POST",
      path: `${PREFIX}/getsendprogress`,
      body: { agent_id: agentId(), task_id: checkPositiveId(taskId, "task id") },
      schema: progressReply,
      idempotent: true,
    });

  return {
    async send(targets, msg) {
      // No userIds is fine when deptIds or toAllUser name the targets.
      const userIds = targets.userIds?.length ? checkIdList(targets.userIds, "userIds", 100) : [];
      const deptIds = (targets.deptIds ?? []).map(checkDeptId);
      if (userIds.length === 0 && deptIds.length === 0 && !targets.toAllUser) {
        throw new RangeError("a work notification needs at least one target: userIds, deptIds or toAllUser");
      }
      if (deptIds.length > 20) throw new RangeError(`deptIds holds ${deptIds.length} departments; DingTalk takes at most 20 per notification`);
      const r = await call({
        host: "oapi",
        method: "POST",
        path: `${PREFIX}/asyncsend_v2`,
        body: {
          agent_id: agentId(),
          userid_list: userIds.length > 0 ? userIds.join(",") : undefined,
          dept_id_list: deptIds.length > 0 ? deptIds.join(",") : undefined,
          to_all_user: targets.toAllUser ? true : undefined,
          msg: checkConversationMessage(msg),
        },
        schema: z.object({ task_id: z.coerce.number() }),
        idempotent: false,
      });
      return { taskId: r.task_id };
    },

    progress,

    async result(taskId) {
      return call({
        host: "oapi",
        method: "POST",
        path: `${PREFIX}/getsendresult`,
        body: { agent_id: agentId(), task_id: checkPositiveId(taskId, "task id") },
        schema: resultReply,
        idempotent: true,
      });
    },

    async recall(taskId) {
      await call({
        host: "oapi",
        method: "POST",
        path: `${PREFIX}/recall`,
        body: { agent_id: agentId(), msg_task_id: checkPositiveId(taskId, "task id") },
        schema: z.object({}).loose(),
        idempotent: false,
      });
    },

    async waitForCompletion(taskId, options = {}) {
      const intervalMs = options.intervalMs ?? 1_000;
      const timeoutMs = options.timeoutMs ?? 60_000;
      const deadline = Date.now() + timeoutMs;
      let last: WorkNotificationProgress | undefined;
      for (;;) {
        options.signal?.throwIfAborted();
        last = await progress(taskId);
        await options.onProgress?.(last);
        if (last.done) return last;
        if (Date.now() + intervalMs > deadline) throw new WorkNotificationTimeoutError(taskId, last, timeoutMs);
        await sleep(intervalMs);
      }
    },
  };
}
