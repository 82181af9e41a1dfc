import type { EmulatorState } from "../state";
import { messageLog } from "../messages/log";
import type { Department } from "../org/model";
import { conversationMessageContent, type ConversationMessage } from "./conversation-message";
import type { IdSource } from "./ids";
import { hasRead, recipientsOf, type Recipient } from "./read-schedule";

export interface NotificationTask {
  taskId: number;
  createdAt: number;
  /** Emulator ms from creation to the last delivery. */
  durationMs: number;
  recipients: Recipient[];
  invalidUserIds: string[];
  forbiddenUserIds: string[];
  failedUserIds: string[];
  invalidDeptIds: number[];
  recalled: boolean;
}

export interface NotificationTargets {
  userIds: string[];
  deptIds: number[];
  toAllUser: boolean;
}

// Delivery takes a few seconds of emulator time, a little longer for large audiences.
const BASE_DURATION_MS = 3_000;
const MAX_EXTRA_MS = 7_000;
const DAY_MS = 24 * 60 * 60_000;

/** Work notifications (工作通知): async tasks that deliver over emulator time. */
export class WorkNotifications {
  private readonly tasks = new Map<number, NotificationTask>();
  /** When each person last got each message body: DingTalk delivers the same content to a person once a day. */
  private readonly lastSame = new Map<string, number>();

  constructor(
    private readonly state: EmulatorState,
    private readonly ids: IdSource,
  ) {}

  send(targets: NotificationTargets, msg: ConversationMessage): NotificationTask {
    const org = this.state.org;
    const now = this.state.clock.now();
    const wanted = new Set<string>();
    const invalidUserIds: string[] = [];
    const invalidDeptIds: number[] = [];
    if (targets.toAllUser) for (const u of org.users) wanted.add(u.userId);
    for (const userId of targets.userIds) {
      if (org.usersById.has(userId)) wanted.add(userId);
      else invalidUserIds.push(userId);
    }
    for (const deptId of targets.deptIds) {
      const dept = org.departments.get(deptId);
      if (!dept) invalidDeptIds.push(deptId);
      else for (const userId of this.membersBelow(dept)) wanted.add(userId);
    }

    const contentKey = JSON.stringify(msg);
    const deliver: string[] = [];
    const forbiddenUserIds: string[] = [];
    const failedUserIds: string[] = [];
    for (const userId of wanted) {
      const user = org.usersById.get(userId);
      if (!user?.active) {
        // Not yet activated: DingTalk cannot reach the person.
        failedUserIds.push(userId);
        continue;
      }
      const key = `${userId}\n${contentKey}`;
      const last = this.lastSame.get(key);
      if (last !== undefined && now - last < DAY_MS) {
        forbiddenUserIds.push(userId);
        continue;
      }
      this.lastSame.set(key, now);
      deliver.push(userId);
    }

    const taskId = this.ids.number("task");
    const durationMs = BASE_DURATION_MS + Math.min(MAX_EXTRA_MS, deliver.length);
    const n = Math.max(1, deliver.length);
    const task: NotificationTask = {
      taskId,
      createdAt: now,
      durationMs,
      recipients: recipientsOf(String(taskId), deliver, (i) => now + Math.round((durationMs * (i + 1)) / n)),
      invalidUserIds,
      forbiddenUserIds,
      failedUserIds,
      invalidDeptIds,
      recalled: false,
    };
    this.tasks.set(taskId, task);
    messageLog(this.state).record({
      channel: "work-notification", at: now, to: deliver, msgtype: msg.msgtype, content: conversationMessageContent(msg),
    });
    return task;
  }

  get(taskId: number): NotificationTask | undefined {
    return this.tasks.get(taskId);
  }

  /** Percent delivered and DingTalk's status: 0 not started, 1 sending, 2 done. */
  progress(task: NotificationTask): { progress_in_percent: number; status: 0 | 1 | 2 } {
    const elapsed = this.state.clock.now() - task.createdAt;
    const percent = Math.max(0, Math.min(100, Math.floor((elapsed / task.durationMs) * 100)));
    return { progress_in_percent: percent, status: percent >= 100 ? 2 : percent > 0 ? 1 : 0 };
  }

  result(task: NotificationTask) {
    const now = this.state.clock.now();
    const read: string[] = [];
    const unread: string[] = [];
    for (const r of task.recipients) {
      if (r.deliveredAt > now) continue;
      (hasRead(r, now) && !task.recalled ? read : unread).push(r.userId);
    }
    return {
      invalid_user_id_list: task.invalidUserIds,
      forbidden_user_id_list: task.forbiddenUserIds,
      failed_user_id_list: task.failedUserIds,
      read_user_id_list: read,
      unread_user_id_list: unread,
      invalid_dept_id_list: task.invalidDeptIds,
    };
  }

  private membersBelow(dept: Department): Set<string> {
    const out = new Set<string>();
    const stack = [dept];
    while (stack.length > 0) {
      const d = stack.pop()!;
      for (const id of d.memberIds) out.add(id);
      for (const child of d.childIds) {
        const c = this.state.org.departments.get(child);
        if (c) stack.push(c);
      }
    }
    return out;
  }
}
