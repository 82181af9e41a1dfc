import { z } from "zod";
import { collect, type FormValueInput } from "@/lib/dingtalk";
import { flag, json, optionalIdList, optionalInstant, optionalText, periodOf, positiveInt, text } from "../arguments";
import { defineCommand } from "../command";
import { CliFailure } from "../failure";

const instanceId = text("the approval's processInstanceId");

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);
const cellInput = z.object({ name: z.string().min(1), value: scalar, id: z.string().optional() });

/**
 * Form values as `{"label": "value", "明细": [{"column": "value"}, …]}`, or DingTalk's own list
 * `[{"name", "value"} | {"name", "rows"}]`.
 */
const formValues = z.union([
  z
    .array(
      z.object({
        name: z.string().min(1),
        value: scalar.optional(),
        id: z.string().optional(),
        componentType: z.string().optional(),
        extValue: z.string().optional(),
        rows: z.array(z.array(cellInput)).optional(),
      }),
    )
    .min(1, "needs at least one form value"),
  z
    .record(z.string().min(1), z.union([scalar, z.array(z.record(z.string(), scalar))]))
    .refine((r) => Object.keys(r).length > 0, "needs at least one form value")
    .transform((record): FormValueInput[] =>
      Object.entries(record).map(([name, value]) =>
        typeof value === "string" ? { name, value } : { name, rows: value.map((row) => Object.entries(row).map(([cell, v]) => ({ name: cell, value: v }))) },
      ),
    ),
]);

const approvers = z.array(z.object({ actionType: z.enum(["AND", "OR", "NONE"]).default("NONE"), userIds: z.array(z.string().min(1)).min(1) })).min(1);

const statuses = z
  .string()
  .transform((v) => v.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean))
  .pipe(z.array(z.enum(["RUNNING", "TERMINATED", "COMPLETED"])).min(1))
  .optional()
  .describe("only these states, comma-separated: RUNNING, TERMINATED, COMPLETED");

/** Approvals (OA 审批): start, read, act on, list, todo counts. */
export const workflowCommands = [
  defineCommand({
    name: "list-approval-templates",
    summary: "the approval templates a person may start (processCodes)",
    positionals: ["userId"],
    input: z.object({ userId: text("the person's userId") }),
    async run(ctx, { userId }) {
      const templates = await collect(ctx.client().workflow.iterateVisibleTemplates(userId));
      return { userId, count: templates.length, templates };
    },
  }),
  defineCommand({
    name: "start-approval",
    summary: "start an approval; never retried, so a lost reply is reported as an unknown outcome",
    positionals: ["processCode", "originatorUserId"],
    input: z.object({
      processCode: text("the template's processCode (see list-approval-templates)"),
      originatorUserId: text("the userId of the person the approval is started for"),
      form: json(formValues, 'form values as JSON: {"label":"value", "table":[{"column":"value"}]}'),
      deptId: positiveInt("the originator's department the approval is filed under").optional(),
      approvers: json(approvers, 'named approvers as JSON, one entry per step: [{"actionType":"AND","userIds":["a","b"]}]').optional(),
      cc: optionalIdList("userIds to copy, comma-separated"),
    }),
    examples: [`dingtalk start-approval PROC-7C1E5A2B-LEAVE user0001 --form '{"请假类型":"年假","开始时间":"2026-03-02 09:00","结束时间":"2026-03-03 18:00","请假天数":"2","请假事由":"探亲"}'`],
    async run(ctx, input) {
      const processInstanceId = await ctx.client().workflow.startInstance({
        processCode: input.processCode,
        originatorUserId: input.originatorUserId,
        deptId: input.deptId,
        formComponentValues: input.form,
        approvers: input.approvers,
        ccList: input.cc,
        ccPosition: input.cc ? "START" : undefined,
      });
      return { processInstanceId };
    },
  }),
  defineCommand({
    name: "get-approval",
    summary: "an approval's state, form, tasks and history",
    positionals: ["processInstanceId"],
    input: z.object({ processInstanceId: instanceId }),
    run: (ctx, { processInstanceId }) => ctx.client().workflow.getInstance(processInstanceId),
  }),
  defineCommand({
    name: "terminate-approval",
    summary: "terminate (revoke) a running approval",
    positionals: ["processInstanceId"],
    input: z
      .object({
        processInstanceId: instanceId,
        operator: optionalText("userId of the person revoking it (the originator, or an admin)"),
        system: flag("terminate as the system rather than as a person"),
        remark: optionalText("why"),
      })
      .refine((v) => v.system || v.operator !== undefined, { message: "say who terminates it: --operator <userId>, or --system" }),
    async run(ctx, input) {
      await ctx.client().workflow.terminate({ processInstanceId: input.processInstanceId, operatingUserId: input.operator, isSystem: input.system, remark: input.remark });
      return { processInstanceId: input.processInstanceId, terminated: true };
    },
  }),
  defineCommand({
    name: "comment-approval",
    summary: "add a comment to an approval",
    positionals: ["processInstanceId", "userId", "text"],
    input: z.object({ processInstanceId: instanceId, userId: text("userId of the person commenting"), text: text("the comment") }),
    async run(ctx, input) {
      await ctx.client().workflow.comment({ processInstanceId: input.processInstanceId, commentUserId: input.userId, text: input.text });
      return { processInstanceId: input.processInstanceId, commented: true };
    },
  }),
  defineCommand({
    name: "execute-approval",
    summary: "agree to or refuse an approval task as its approver",
    positionals: ["processInstanceId", "taskId", "userId", "result"],
    input: z.object({
      processInstanceId: instanceId,
      taskId: positiveInt("the task id (see get-approval's tasks)"),
      userId: text("userId of the task's approver"),
      result: z.enum(["agree", "refuse"]).describe("agree or refuse"),
      remark: optionalText("the approver's remark"),
    }),
    async run(ctx, input) {
      await ctx.client().workflow.execute({ processInstanceId: input.processInstanceId, taskId: input.taskId, actionerUserId: input.userId, result: input.result, remark: input.remark });
      return { processInstanceId: input.processInstanceId, taskId: input.taskId, result: input.result };
    },
  }),
  defineCommand({
    name: "redirect-approval",
    summary: "hand an approval task over to someone else (转交)",
    positionals: ["taskId", "fromUserId", "toUserId"],
    input: z.object({
      taskId: positiveInt("the task id (see get-approval's tasks)"),
      fromUserId: text("userId of the task's current approver"),
      toUserId: text("userId of the new approver"),
      remark: optionalText("why"),
    }),
    async run(ctx, input) {
      await ctx.client().workflow.redirect({ taskId: input.taskId, operateUserId: input.fromUserId, toUserId: input.toUserId, remark: input.remark });
      return { taskId: input.taskId, toUserId: input.toUserId, redirected: true };
    },
  }),
  defineCommand({
    name: "list-approvals",
    summary: "ids of a template's approvals started in a period (any length; asked 120 days at a time)",
    positionals: ["processCode"],
    input: z.object({
      processCode: text("the template's processCode"),
      from: optionalInstant("start of the period: yyyy-MM-dd, ISO date-time or ms (default: 30 days before --to)"),
      to: optionalInstant("end of the period (default: now)"),
      users: optionalIdList("only approvals started by these userIds, comma-separated"),
      statuses,
    }),
    async run(ctx, input) {
      const { from: startTime, to: endTime } = periodOf(input.from, input.to);
      if (startTime > endTime) throw new CliFailure("INVALID_ARGUMENTS", "--from must not be after --to");
      const ids = await collect(
        ctx.client().workflow.iterateInstanceIdsOverRange({ processCode: input.processCode, startTime, endTime, userIds: input.users, statuses: input.statuses }),
      );
      return { processCode: input.processCode, from: new Date(startTime).toISOString(), to: new Date(endTime).toISOString(), count: ids.length, processInstanceIds: ids };
    },
  }),
  defineCommand({
    name: "todo-count",
    summary: "how many approvals are waiting for a person (待办数)",
    positionals: ["userId"],
    input: z.object({ userId: text("the person's userId") }),
    run: async (ctx, { userId }) => ({ userId, count: await ctx.client().workflow.todoCount(userId) }),
  }),
];
