import type { EmulatorState } from "../state";
import { messageLog } from "../messages/log";
import type { GroupChat } from "./chats";
import type { IdSource } from "./ids";
import { SlidingWindow } from "../limits/sliding-window";
import { hasRead, recipientsOf, type Recipient } from "./read-schedule";

/** The app's own robot. DingTalk gives an internal app's robot the app key as its robotCode. */
export interface AppRobot {
  robotCode: string;
  name: string;
}

export interface OtoSend {
  processQueryKey: string;
  robotCode: string;
  msgKey: string;
  sentAt: number;
  recipients: Recipient[];
  invalidStaffIdList: string[];
  flowControlledStaffIdList: string[];
  recalled: boolean;
}

export interface RobotLimits {
  /** 1:1 messages one robot may send one person per minute; beyond it they are flow-controlled. */
  otoPerUserPerMinute: number;
}

/** The app robot's 1:1 messages (单聊): send, read status, recall. */
export class RobotMessages {
  readonly robot: AppRobot;
  private readonly sends = new Map<string, OtoSend>();
  private readonly perUser = new SlidingWindow(60_000);

  constructor(
    private readonly state: EmulatorState,
    private readonly ids: IdSource,
    readonly limits: RobotLimits,
  ) {
    this.robot = { robotCode: state.credentials.appKey, name: `${state.org.companyName}助手` };
  }

  isOwnRobot(robotCode: string): boolean {
    return robotCode === this.robot.robotCode;
  }

  sendToUsers(input: { robotCode: string; userIds: string[]; msgKey: string; param: Record<string, unknown> }): OtoSend {
    const now = this.state.clock.now();
    const invalid: string[] = [];
    const limited: string[] = [];
    const delivered: string[] = [];
    for (const userId of new Set(input.userIds)) {
      const user = this.state.org.usersById.get(userId);
      if (!user || !user.active) invalid.push(userId);
      else if (!this.perUser.take(`${input.robotCode}\n${userId}`, now, this.limits.otoPerUserPerMinute)) limited.push(userId);
      else delivered.push(userId);
    }
    const processQueryKey = this.ids.base64("oto", 43) + "=";
    const send: OtoSend = {
      processQueryKey,
      robotCode: input.robotCode,
      msgKey: input.msgKey,
      sentAt: now,
      recipients: recipientsOf(processQueryKey, delivered, () => now),
      invalidStaffIdList: invalid,
      flowControlledStaffIdList: limited,
      recalled: false,
    };
    this.sends.set(processQueryKey, send);
    if (delivered.length > 0) {
      messageLog(this.state).record({
        channel: "robot.oto", at: now, robotCode: input.robotCode, to: delivered, msgtype: input.msgKey, content: input.param,
      });
    }
    return send;
  }

  /** A group message (群聊) from the robot to everyone in the chat. */
  sendToGroup(input: { robotCode: string; chat: GroupChat; msgKey: string; param: Record<string, unknown> }): string {
    const now = this.state.clock.now();
    const processQueryKey = this.ids.base64("group", 43) + "=";
    messageLog(this.state).record({
      channel: "robot.group", at: now, robotCode: input.robotCode, conversationId: input.chat.openConversationId,
      to: [...input.chat.useridlist], msgtype: input.msgKey, content: input.param,
    });
    return processQueryKey;
  }

  find(robotCode: string, processQueryKey: string): OtoSend | undefined {
    const send = this.sends.get(processQueryKey);
    return send && send.robotCode === robotCode ? send : undefined;
  }

  readStatus(send: OtoSend): { sendStatus: string; messageReadInfoList: { userId: string; name: string; readStatus: string; readTimestamp: number }[] } {
    const now = this.state.clock.now();
    return {
      sendStatus: send.recalled ? "RECALLED" : "SUCCESS",
      messageReadInfoList: send.recipients.map((r) => {
        const read = hasRead(r, now);
        return {
          userId: r.userId,
          name: this.state.org.usersById.get(r.userId)?.name ?? "",
          readStatus: read ? "READ" : "UNREAD",
          readTimestamp: read ? (r.readAt ?? 0) : 0,
        };
      }),
    };
  }

  /** Recalls what it can; says why for the rest (unknown key, already recalled). */
  recall(robotCode: string, keys: string[]): { successResult: string[]; failedResult: Record<string, string> } {
    const successResult: string[] = [];
    const failedResult: Record<string, string> = {};
    for (const key of keys) {
      const send = this.find(robotCode, key);
      if (!send) failedResult[key] = "processQueryKey 不存在";
      else if (send.recalled) failedResult[key] = "消息已撤回";
      else {
        send.recalled = true;
        successResult.push(key);
      }
    }
    return { successResult, failedResult };
  }
}
