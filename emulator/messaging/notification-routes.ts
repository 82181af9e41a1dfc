import { z } from "zod";
import { OapiError, oapiErrors } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { boolField, intField, parseOapi } from "../http/validate";
import { parseConversationMessage } from "./conversation-message";
import type { NotificationTask } from "./notifications";
import { messaging } from "./store";

/** A list that arrives as "a,b,c" (DingTalk's documented form) or as a JSON array. */
const commaList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter((s) => s !== "") : v),
  z.array(z.union([z.string(), z.number()]).transform(String)),
);

const agentId = z.union([z.string(), z.number()]).transform(String);

const sendBody = z.object({
  agent_id: agentId,
  userid_list: commaList.pipe(z.array(z.string()).max(100, "一次最多 100 人")).optional(),
  dept_id_list: commaList.pipe(z.array(z.string().regex(/^\d+$/, "部门 id 须为数字")).max(20, "一次最多 20 个部门")).optional(),
  to_all_user: boolField().optional(),
  msg: z.unknown(),
});
const taskBody = z.object({ agent_id: agentId, task_id: intField() });
const recallBody = z.object({ agent_id: agentId, msg_task_id: intField() });

function checkAgent(ctx: RequestContext, agent: string): void {
  if (agent !== ctx.state.credentials.agentId) throw new OapiError(40056, `不合法的agentid：${agent} 不是本应用的 AgentId`);
}

function taskOf(ctx: RequestContext, taskId: number): NotificationTask {
  const task = messaging(ctx.state).notifications.get(taskId);
  if (!task) throw oapiErrors.invalidParam(`task_id ${taskId} 不存在`);
  return task;
}

const PREFIX = "/topapi/message/corpconversation";

/** Work notifications (工作通知): async send, progress, result, recall. */
export function notificationRoutes(): Route[] {
  return [
    {
      method: "POST", path: `${PREFIX}/asyncsend_v2`, style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(sendBody, ctx.body);
        checkAgent(ctx, body.agent_id);
        const userIds = body.userid_list ?? [];
        const deptIds = (body.dept_id_list ?? []).map(Number);
        const toAllUser = body.to_all_user ?? false;
        if (userIds.length === 0 && deptIds.length === 0 && !toAllUser) throw oapiErrors.missingParam("userid_list、dept_id_list 或 to_all_user（至少一个）");
        if (body.msg === undefined) throw oapiErrors.missingParam("msg");
        const msg = parseConversationMessage(body.msg);
        const task = messaging(ctx.state).notifications.send({ userIds, deptIds, toAllUser }, msg);
        return reply.json({ task_id: task.taskId });
      },
    },
    {
      method: "POST", path: `${PREFIX}/getsendprogress`, style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(taskBody, ctx.body);
        checkAgent(ctx, body.agent_id);
        return reply.json({ progress: messaging(ctx.state).notifications.progress(taskOf(ctx, body.task_id)) });
      },
    },
    {
      method: "POST", path: `${PREFIX}/getsendresult`, style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(taskBody, ctx.body);
        checkAgent(ctx, body.agent_id);
        return reply.json({ send_result: messaging(ctx.state).notifications.result(taskOf(ctx, body.task_id)) });
      },
    },
    {
      method: "POST", path: `${PREFIX}/recall`, style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(recallBody, ctx.body);
        checkAgent(ctx, body.agent_id);
        const task = taskOf(ctx, body.msg_task_id);
        if (task.recalled) throw oapiErrors.invalidParam(`消息 ${body.msg_task_id} 已撤回`);
        task.recalled = true;
        return reply.json({});
      },
    },
  ];
}
