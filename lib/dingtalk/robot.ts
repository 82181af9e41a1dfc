import { z } from "zod";
import { checkIdList, checkText } from "./arguments";
import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";
import { wireText } from "./wire";

type Buttons<N extends number, T extends string, U extends string> = { title: string; text: string } & Record<`${T}${N}` | `${U}${N}`, string>;
type UpTo<N extends number> = N extends 2 ? 1 | 2 : N extends 3 ? 1 | 2 | 3 : N extends 4 ? 1 | 2 | 3 | 4 : 1 | 2 | 3 | 4 | 5;

/** Each robot message template (`msgKey`) and the `msgParam` it takes. */
export interface RobotMsgParams {
  sampleText: { content: string };
  sampleMarkdown: { title: string; text: string };
  sampleImageMsg: { photoURL: string };
  sampleLink: { title: string; text: string; messageUrl: string; picUrl?: string };
  sampleActionCard: { title: string; text: string; singleTitle: string; singleURL: string };
  sampleActionCard2: Buttons<UpTo<2>, "actionTitle", "actionURL">;
  sampleActionCard3: Buttons<UpTo<3>, "actionTitle", "actionURL">;
  sampleActionCard4: Buttons<UpTo<4>, "actionTitle", "actionURL">;
  sampleActionCard5: Buttons<UpTo<5>, "actionTitle", "actionURL">;
  sampleActionCard6: Buttons<UpTo<2>, "buttonTitle", "buttonUrl">;
  sampleFile: { mediaId: string; fileName: string; fileType: string };
  sampleAudio: { mediaId: string; duration: string };
  sampleVideo: { duration: string; videoMediaId: string; videoType: string; picMediaId: string };
}

export type RobotMsgKey = keyof RobotMsgParams;

/** A `msgKey` with the matching `msgParam`; build one with `robotMessage`. */
export type RobotMessage = { [K in RobotMsgKey]: { msgKey: K; msgParam: RobotMsgParams[K] } }[RobotMsgKey];

export interface RobotButton {
  title: string;
  url: string;
}

function message<K extends RobotMsgKey>(msgKey: K, msgParam: RobotMsgParams[K]): RobotMessage {
  for (const [field, value] of Object.entries(msgParam)) {
    if (value !== undefined) checkText(value as string, `${msgKey}.${field}`);
  }
  return { msgKey, msgParam } as RobotMessage;
}

/** Builds robot messages: each checks its fields and picks the template DingTalk expects. */
export const robotMessage = {
  text: (content: string) => message("sampleText", { content }),
  markdown: (title: string, text: string) => message("sampleMarkdown", { title, text }),
  image: (photoURL: string) => message("sampleImageMsg", { photoURL }),
  link: (link: RobotMsgParams["sampleLink"]) => message("sampleLink", link),
  /** A card with one "read more" link. */
  actionCard: (card: { title: string; text: string; singleTitle: string; singleURL: string }) => message("sampleActionCard", card),
  /** A card with 2 to 5 stacked buttons (`sampleActionCard2..5`). */
  actionCardButtons(title: string, text: string, buttons: readonly RobotButton[]): RobotMessage {
    if (buttons.length < 2 || buttons.length > 5) throw new RangeError(`an action card takes 2 to 5 buttons, got ${buttons.length}`);
    const param: Record<string, string> = { title, text };
    buttons.forEach((b, i) => {
      param[`actionTitle${i + 1}`] = b.title;
      param[`actionURL${i + 1}`] = b.url;
    });
    return message(`sampleActionCard${buttons.length as 2 | 3 | 4 | 5}`, param as RobotMsgParams["sampleActionCard5"]);
  },
  /** A card with two buttons side by side. */
  actionCardPair: (title: string, text: string, left: RobotButton, right: RobotButton) =>
    message("sampleActionCard6", { title, text, buttonTitle1: left.title, buttonUrl1: left.url, buttonTitle2: right.title, buttonUrl2: right.url }),
  file: (file: RobotMsgParams["sampleFile"]) => message("sampleFile", file),
};

const idList = z.array(z.string()).nullish().transform((v) => v ?? []);

const batchSendReply = z
  .object({ processQueryKey: z.string(), invalidStaffIdList: idList, flowControlledStaffIdList: idList })
  .transform((r) => ({ processQueryKey: r.processQueryKey, invalidUserIds: r.invalidStaffIdList, flowControlledUserIds: r.flowControlledStaffIdList }));

const readStatusReply = z
  .object({
    sendStatus: wireText,
    messageReadInfoList: z
      .array(z.object({ userId: z.string(), name: wireText, readStatus: wireText, readTimestamp: z.coerce.number().nullish() }))
      .nullish(),
  })
  .transform((r) => ({
    sendStatus: r.sendStatus,
    reads: (r.messageReadInfoList ?? []).map((i) => ({
      userId: i.userId,
      name: i.name,
      read: i.readStatus === "READ",
      readAt: i.readStatus === "READ" && i.readTimestamp ? i.readTimestamp : undefined,
    })),
  }));

const recallReply = z
  .object({ successResult: idList, failedResult: z.record(z.string(), z.string()).nullish() })
  .transform((r) => ({ recalled: r.successResult, failed: r.failedResult ?? {} }));

const groupBotsReply = z
  .object({
    chatbotInstanceVOList: z
      .array(z.object({ robotCode: z.string(), name: wireText, downloadIconURL: wireText, openRobotType: z.coerce.number().nullish() }))
      .nullish(),
  })
  .transform((r) =>
    (r.chatbotInstanceVOList ?? []).map((b) => ({ robotCode: b.robotCode, name: b.name, iconUrl: b.downloadIconURL || undefined, openRobotType: b.openRobotType ?? undefined })),
  );

export type RobotSendResult = z.output<typeof batchSendReply>;
export type RobotReadStatus = z.output<typeof readStatusReply>;
export type RobotRecallResult = z.output<typeof recallReply>;
export type GroupBot = z.output<typeof groupBotsReply>[number];

export interface Robot {
  /** The robot used when a call names none: the app's own (its robotCode is the app key). */
  readonly robotCode: string;
  /** A 1:1 message (单聊) to up to 20 people. Not repeated on failure: see `DingTalkError.outcome`. */
  sendToUsers(input: { userIds: readonly string[]; message: RobotMessage; robotCode?: string }): Promise<RobotSendResult>;
  readStatus(processQueryKey: string, options?: { robotCode?: string }): Promise<RobotReadStatus>;
  recall(processQueryKeys: readonly string[], options?: { robotCode?: string }): Promise<RobotRecallResult>;
  /** A message to a group (群聊) the robot is in. Not repeated on failure. */
  sendToGroup(input: { openConversationId: string; message: RobotMessage; robotCode?: string; coolAppCode?: string }): Promise<{ processQueryKey: string }>;
  listGroupBots(openConversationId: string): Promise<GroupBot[]>;
}

/** The app robot's messages on api.dingtalk.com: 1:1, group, read status, recall, bots in a group. */
export function createRobot(call: Call, config: DingTalkClientConfig): Robot {
  const own = config.appKey;
  const codeOf = (robotCode: string | undefined) => (robotCode === undefined ? own : checkText(robotCode, "robotCode"));

  return {
    robotCode: own,

    async sendToUsers({ userIds, message, robotCode }) {
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/robot/oToMessages/batchSend",
        body: { robotCode: codeOf(robotCode), userIds: checkIdList(userIds, "userIds", 20), msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) },
        schema: batchSendReply,
        idempotent: false,
      });
    },

    async readStatus(processQueryKey, options = {}) {
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/robot/oToMessages/readStatus",
        query: { robotCode: codeOf(options.robotCode), processQueryKey: checkText(processQueryKey, "processQueryKey") },
        schema: readStatusReply,
        idempotent: true,
      });
    },

    async recall(processQueryKeys, options = {}) {
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/robot/otoMessages/batchRecall",
        body: { robotCode: codeOf(options.robotCode), processQueryKeys: checkIdList(processQueryKeys, "processQueryKeys", 20) },
        schema: recallReply,
        // A repeat would report the first attempt's recalls as failures.
        idempotent: false,
      });
    },

    async sendToGroup({ openConversationId, message, robotCode, coolAppCode }) {
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/robot/groupMessages/send",
        body: {
          robotCode: codeOf(robotCode),
          openConversationId: checkText(openConversationId, "openConversationId"),
          msgKey: message.msgKey,
          msgParam: JSON.stringify(message.msgParam),
          coolAppCode,
        },
        schema: z.object({ processQueryKey: z.string() }),
        idempotent: false,
      });
    },

    async listGroupBots(openConversationId) {
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/robot/groups/robots/query",
        body: { openConversationId: checkText(openConversationId, "openConversationId") },
        schema: groupBotsReply,
        idempotent: true,
      });
    },
  };
}
