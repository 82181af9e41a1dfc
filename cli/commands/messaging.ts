import { z } from "zod";
import { CustomRobot, robotMessage, type ConversationMessage, type WebhookMessage } from "@/lib/dingtalk";
import { flag, idList, optionalIdList, optionalIntList, optionalText, positiveInt, text } from "../arguments";
import { defineCommand } from "../command";

const content = text("the message text (markdown when --title is given)");
const title = optionalText("send as markdown with this title (shown in notifications)");
const agentId = optionalText("the app's AgentId (default: DINGTALK_AGENT_ID)");

const robotMessageOf = (input: { content: string; title?: string }) =>
  input.title ? robotMessage.markdown(input.title, input.content) : robotMessage.text(input.content);

/** Robot messages (单聊/群聊), bots in a group, work notifications (工作通知) and custom robot webhooks. */
export const messagingCommands = [
  defineCommand({
    name: "send-user-message",
    summary: "a robot's 1:1 message to up to 20 people",
    positionals: ["userIds", "robotCode", "content"],
    input: z.object({ userIds: idList("userIds, comma-separated (at most 20)"), robotCode: text("the robot's robotCode (an app robot's is the app key)"), content, title }),
    examples: ['dingtalk send-user-message manager4521,user0002 dingxxxx "服务器已恢复"'],
    run: (ctx, input) => ctx.client().robot.sendToUsers({ userIds: input.userIds, robotCode: input.robotCode, message: robotMessageOf(input) }),
  }),
  defineCommand({
    name: "send-group-message",
    summary: "a robot's message to a group chat it is in",
    positionals: ["openConversationId", "robotCode", "content"],
    input: z.object({ openConversationId: text("the group's openConversationId"), robotCode: text("the robot's robotCode"), content, title }),
    run: (ctx, input) => ctx.client().robot.sendToGroup({ openConversationId: input.openConversationId, robotCode: input.robotCode, message: robotMessageOf(input) }),
  }),
  defineCommand({
    name: "list-group-bots",
    summary: "the robots in a group chat",
    positionals: ["openConversationId"],
    input: z.object({ openConversationId: text("the group's openConversationId") }),
    async run(ctx, { openConversationId }) {
      const bots = await ctx.client().robot.listGroupBots(openConversationId);
      return { openConversationId, count: bots.length, bots };
    },
  }),
  defineCommand({
    name: "send-work-notification",
    summary: "a work notification (工作通知) from the app to people, departments or everyone",
    positionals: ["content"],
    input: z
      .object({
        content,
        title,
        users: optionalIdList("userIds, comma-separated (at most 100)"),
        depts: optionalIntList("department ids, comma-separated (at most 20)"),
        all: flag("send to everyone in the org"),
        agentId,
      })
      .refine((v) => v.users !== undefined || v.depts !== undefined || v.all, { message: "say who receives it: --users, --depts or --all" }),
    examples: ['dingtalk send-work-notification "明天 9 点全员大会" --depts 1 --title 通知'],
    async run(ctx, input) {
      const msg: ConversationMessage = input.title ? { msgtype: "markdown", markdown: { title: input.title, text: input.content } } : { msgtype: "text", text: { content: input.content } };
      return ctx.client({ agentId: input.agentId }).notify.send({ userIds: input.users, deptIds: input.depts, toAllUser: input.all || undefined }, msg);
    },
  }),
  defineCommand({
    name: "work-notification-progress",
    summary: "how far a work notification has got, and with --result who read it",
    positionals: ["taskId"],
    input: z.object({ taskId: positiveInt("the task id send-work-notification returned"), result: flag("also list read, unread and failed recipients"), agentId }),
    async run(ctx, { taskId, result, agentId }) {
      const notify = ctx.client({ agentId }).notify;
      const progress = await notify.progress(taskId);
      return result ? { taskId, progress, result: await notify.result(taskId) } : { taskId, progress };
    },
  }),
  defineCommand({
    name: "webhook-send",
    summary: "a message through a custom robot's webhook (自定义机器人); needs no app credentials",
    positionals: ["webhookUrl", "content"],
    input: z.object({
      webhookUrl: text("the robot's webhook, https://oapi.dingtalk.com/robot/send?access_token=…"),
      content,
      title,
      secret: optionalText("the robot's signing secret (SEC…) when it uses 加签"),
      atMobiles: optionalIdList("mobiles to @, comma-separated"),
      atUserIds: optionalIdList("userIds to @, comma-separated"),
      atAll: flag("@ everyone in the group"),
    }),
    usesApp: false,
    examples: ['dingtalk webhook-send "https://oapi.dingtalk.com/robot/send?access_token=…" "部署完成" --secret SEC…'],
    async run(ctx, input) {
      const mentions = input.atMobiles !== undefined || input.atUserIds !== undefined || input.atAll;
      const at = mentions ? { atMobiles: input.atMobiles, atUserIds: input.atUserIds, isAtAll: input.atAll || undefined } : undefined;
      const message: WebhookMessage = input.title
        ? { msgtype: "markdown", markdown: { title: input.title, text: input.content }, at }
        : { msgtype: "text", text: { content: input.content }, at };
      await new CustomRobot({ webhookUrl: input.webhookUrl, secret: input.secret, logger: ctx.logger }).send(message);
      return { sent: true, msgtype: message.msgtype };
    },
  }),
];
