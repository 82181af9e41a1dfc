import { controlRoute, parseControl } from "../control/route-helpers";
import { ApiError } from "../http/errors";
import { reply, type Route } from "../http/router";
import { messageLog } from "../messages/log";
import {
  customRobotInput, messagesQuery, messagingLimitsInput,
  type AppRobotInfo, type CustomRobotCreated, type MessagesList,
} from "./control-schemas";
import { messaging } from "./store";


const control = controlRoute;

/** Test controls for messaging: the app robot, custom robots, limits, and the log of every message sent. */
export function messagingControlRoutes(): Route[] {
  return [
    control("GET", "/messaging/robot", (ctx) => {
      const { robotCode, name } = messaging(ctx.state).robot.robot;
      const info: AppRobotInfo = { robotCode, name };
      return reply.json(info);
    }),
    control("POST", "/messaging/custom-robots", (ctx) => {
      const input = parseControl(customRobotInput, ctx.body);
      const m = messaging(ctx.state);
      const chat = input.openConversationId ? m.chats.byOpenConversationId(input.openConversationId) : undefined;
      if (input.openConversationId && !chat) throw new ApiError(404, "conversationNotFound", `no group chat ${input.openConversationId}`);
      const robot = m.customRobots.create(input);
      chat?.robotCodes.push(robot.robotCode);
      const created: CustomRobotCreated = {
        robotCode: robot.robotCode,
        accessToken: robot.accessToken,
        ...(robot.secret ? { secret: robot.secret } : {}),
        webhookUrl: `${ctx.state.publicUrl}/robot/send?access_token=${robot.accessToken}`,
      };
      return reply.json(created);
    }),
    control("PUT", "/messaging/limits", (ctx) => {
      const input = parseControl(messagingLimitsInput, ctx.body);
      const limits = messaging(ctx.state).limits;
      Object.assign(limits, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
      return reply.json({ ...limits });
    }),
    control("GET", "/messages", (ctx) => {
      const filter = parseControl(messagesQuery, Object.fromEntries(ctx.query));
      const list: MessagesList = { messages: messageLog(ctx.state).list(filter) };
      return reply.json(list);
    }),
  ];
}
