import { z } from "zod";
import { ApiError } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { parseApi } from "../http/validate";
import type { GroupChat } from "./chats";
import { parseRobotMessage } from "./robot-messages";
import { messaging } from "./store";

const nonEmpty = z.string().min(1, "不能为空");

const batchSendBody = z.object({
  robotCode: nonEmpty,
  userIds: z.array(nonEmpty).min(1, "至少一个").max(20, "一次最多 20 人"),
  msgKey: nonEmpty,
  msgParam: nonEmpty,
});
const readStatusQuery = z.object({ robotCode: nonEmpty, processQueryKey: nonEmpty });
const recallBody = z.object({ robotCode: nonEmpty, processQueryKeys: z.array(nonEmpty).min(1, "至少一个").max(20, "一次最多 20 个") });
const groupSendBody = z.object({
  robotCode: nonEmpty,
  openConversationId: nonEmpty,
  msgKey: nonEmpty,
  msgParam: nonEmpty,
  coolAppCode: z.string().optional(),
});
const groupBotsBody = z.object({ openConversationId: nonEmpty });

const robotNotFound = (robotCode: string) =>
  new ApiError(400, "invalidParameter", `参数错误：robotCode ${robotCode} 不是本应用的机器人`);
const conversationNotFound = () => new ApiError(400, "invalidParameter", "参数错误：openConversationId 对应的群不存在");

function ownRobot(ctx: RequestContext, robotCode: string) {
  const robot = messaging(ctx.state).robot;
  if (!robot.isOwnRobot(robotCode)) throw robotNotFound(robotCode);
  return robot;
}

function groupOf(ctx: RequestContext, openConversationId: string): GroupChat {
  const chat = messaging(ctx.state).chats.byOpenConversationId(openConversationId);
  if (!chat) throw conversationNotFound();
  return chat;
}

/** The app robot's api.dingtalk.com routes: 1:1 send, read status, recall, group send, bots in a group. */
export function robotRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/v1.0/robot/oToMessages/batchSend", style: "api", auth: "app",
      handler(ctx) {
        const body = parseApi(batchSendBody, ctx.body);
        const robot = ownRobot(ctx, body.robotCode);
        const { param } = parseRobotMessage(body.msgKey, body.msgParam);
        const send = robot.sendToUsers({ robotCode: body.robotCode, userIds: body.userIds, msgKey: body.msgKey, param });
        return reply.json({
          processQueryKey: send.processQueryKey,
          invalidStaffIdList: send.invalidStaffIdList,
          flowControlledStaffIdList: send.flowControlledStaffIdList,
        });
      },
    },
    {
      method: "GET", path: "/v1.0/robot/oToMessages/readStatus", style: "api", auth: "app",
      handler(ctx) {
        const q = parseApi(readStatusQuery, Object.fromEntries(ctx.query), { bodyRequired: false });
        const robot = ownRobot(ctx, q.robotCode);
        const send = robot.find(q.robotCode, q.processQueryKey);
        if (!send) throw new ApiError(400, "invalidParameter", "参数错误：processQueryKey 不存在");
        return reply.json(robot.readStatus(send));
      },
    },
    {
      method: "POST", path: "/v1.0/robot/otoMessages/batchRecall", style: "api", auth: "app",
      handler(ctx) {
        const body = parseApi(recallBody, ctx.body);
        return reply.json(ownRobot(ctx, body.robotCode).recall(body.robotCode, body.processQueryKeys));
      },
    },
    {
      method: "POST", path: "/v1.0/robot/groupMessages/send", style: "api", auth: "app",
      handler(ctx) {
        const body = parseApi(groupSendBody, ctx.body);
        const robot = ownRobot(ctx, body.robotCode);
        const chat = groupOf(ctx, body.openConversationId);
        if (!chat.robotCodes.includes(body.robotCode)) throw new ApiError(400, "invalidParameter", "参数错误：机器人不在该群中");
        const { param } = parseRobotMessage(body.msgKey, body.msgParam);
        return reply.json({ processQueryKey: robot.sendToGroup({ robotCode: body.robotCode, chat, msgKey: body.msgKey, param }) });
      },
    },
    {
      method: "POST", path: "/v1.0/robot/groups/robots/query", style: "api", auth: "app",
      handler(ctx) {
        const body = parseApi(groupBotsBody, ctx.body);
        const chat = groupOf(ctx, body.openConversationId);
        const m = messaging(ctx.state);
        const list = chat.robotCodes.flatMap((code) => {
          if (m.robot.isOwnRobot(code)) return [{ robotCode: code, name: m.robot.robot.name, downloadIconURL: "", openRobotType: 1 }];
          const custom = m.customRobots.byRobotCode(code);
          return custom ? [{ robotCode: code, name: custom.name, downloadIconURL: "", openRobotType: 2 }] : [];
        });
        return reply.json({ chatbotInstanceVOList: list });
      },
    },
  ];
}
