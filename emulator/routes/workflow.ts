import { parseControl } from "../control/route-helpers";
import { z } from "zod";
import { eventBus } from "../events/bus";
import { ApiError, OapiError } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { boolField, intField, offsetField, pageSizeField, parseApi, parseOapi } from "../http/validate";
import { workflowErrors } from "../workflow/errors";
import { formValueInput } from "../workflow/forms";
import { workflowEngine } from "../workflow/store";
import { seedInstances } from "../workflow/seed";
import { TEMPLATES, templateByCode, visibleTemplates } from "../workflow/templates";
import { instanceView, legacyInstanceView, managedTemplateItem, schemaView, templateListItem } from "../workflow/views";

/** DingTalk caps one instanceIds/query window at 120 days. */
export const MAX_QUERY_SPAN_MS = 120 * 86_400_000;

const text = () => z.string().trim().min(1);

const templatesQuery = z.object({
  userId: text(),
  maxResults: pageSizeField(100).default(100),
  nextToken: offsetField().default(0),
});
const managedQuery = z.object({ userId: text() });
const seedBody = z.object({
  count: z.number().int().min(1).max(200_000),
  /** Start times spread over this many days before the emulator's now. */
  days: z.number().int().min(1).max(3_650),
  /** Another stream gives other instances for the same emulator seed. */
  stream: z.number().int().min(0).default(97),
  evenly: z.boolean().default(true),
});
const schemaQuery = z.object({ processCode: text() });
const instanceQuery = z.object({ processInstanceId: text() });
const todoQuery = z.object({ userId: text() });

const startBody = z.object({
  processCode: text(),
  originatorUserId: text(),
  deptId: intField().optional(),
  microappAgentId: intField().optional(),
  formComponentValues: z.array(formValueInput).min(1, "至少填写一个表单控件"),
  approvers: z.array(z.object({ actionType: z.enum(["AND", "OR", "NONE"]), userIds: z.array(z.string()) })).optional(),
  ccList: z.array(z.string()).optional(),
  ccPosition: z.enum(["START", "FINISH", "START_FINISH"]).optional(),
});
const queryBody = z.object({
  processCode: text(),
  startTime: intField().pipe(z.number().min(0)),
  endTime: intField().pipe(z.number().min(0)).optional(),
  nextToken: offsetField().default(0),
  maxResults: pageSizeField(20).default(20),
  userIds: z.array(z.string()).max(10, "最多 10 个发起人").optional(),
  statuses: z.array(z.enum(["RUNNING", "TERMINATED", "COMPLETED"])).optional(),
});
const terminateBody = z.object({
  processInstanceId: text(),
  isSystem: boolField().default(false),
  remark: z.string().optional(),
  operatingUserId: z.string().optional(),
});
const commentBody = z.object({
  processInstanceId: text(),
  text: text(),
  commentUserId: text(),
  file: z.unknown().optional(),
});
const executeBody = z.object({
  processInstanceId: text(),
  taskId: intField(),
  actionerUserId: text(),
  result: z.enum(["agree", "refuse"]),
  remark: z.string().optional(),
  file: z.unknown().optional(),
});
const redirectBody = z.object({
  taskId: intField(),
  toUserId: text(),
  operateUserId: text(),
  remark: z.string().optional(),
  actionName: z.string().optional(),
});
const legacyGetBody = z.object({ process_instance_id: z.string().min(1) });
const eventsQuery = z.object({
  since: z.coerce.number().int().min(0).default(0),
  processInstanceId: z.string().optional(),
});

const queryOf = (ctx: RequestContext) => Object.fromEntries(ctx.query);
const done = () => reply.json({ success: true, result: true });


/** Approvals (OA 审批) on the new host, the old detail call, and `/__control/workflow/…`. */
export function workflowRoutes(): Route[] {
  return [
    {
      method: "GET", path: "/v1.0/workflow/processes/userVisibilities/templates", style: "api", auth: "app",
      handler: (ctx) => {
        const q = parseApi(templatesQuery, queryOf(ctx), { bodyRequired: false });
        const user = ctx.state.org.usersById.get(q.userId);
        if (!user) throw workflowErrors.userNotFound(q.userId);
        const all = visibleTemplates(ctx.state.org, user);
        const page = all.slice(q.nextToken, q.nextToken + q.maxResults);
        const next = q.nextToken + q.maxResults;
        return reply.json({
          result: {
            processList: page.map((t) => templateListItem(t, ctx.state.publicUrl)),
            ...(next < all.length ? { nextToken: next } : {}),
          },
        });
      },
    },
    {
      // Every template of the org, for an admin (GetManageProcessByStaffId).
      method: "GET", path: "/v1.0/workflow/processes/managements/templates", style: "api", auth: "app",
      handler: (ctx) => {
        const q = parseApi(managedQuery, queryOf(ctx), { bodyRequired: false });
        const user = ctx.state.org.usersById.get(q.userId);
        if (!user) throw workflowErrors.userNotFound(q.userId);
        if (!user.admin) throw workflowErrors.notAdmin(q.userId);
        return reply.json({ success: true, result: TEMPLATES.map((t) => managedTemplateItem(t, ctx.state.publicUrl)) });
      },
    },
    {
      method: "GET", path: "/v1.0/workflow/forms/schemas/processCodes", style: "api", auth: "app",
      handler: (ctx) => {
        const q = parseApi(schemaQuery, queryOf(ctx), { bodyRequired: false });
        const template = templateByCode(q.processCode);
        if (!template) throw workflowErrors.processNotFound(q.processCode);
        return reply.json({ result: schemaView(template) });
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/processInstances", style: "api", auth: "app",
      handler: (ctx) => {
        const body = parseApi(startBody, ctx.body);
        const instance = workflowEngine(ctx.state).start(body, ctx.state.clock.now());
        return reply.json({ instanceId: instance.processInstanceId });
      },
    },
    {
      method: "GET", path: "/v1.0/workflow/processInstances", style: "api", auth: "app",
      handler: (ctx) => {
        const q = parseApi(instanceQuery, queryOf(ctx), { bodyRequired: false });
        const instance = workflowEngine(ctx.state).get(q.processInstanceId);
        return reply.json({ success: true, result: instanceView(instance, ctx.state.credentials.corpId) });
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/processes/instanceIds/query", style: "api", auth: "app",
      handler: (ctx) => {
        const body = parseApi(queryBody, ctx.body);
        const endTime = body.endTime ?? ctx.state.clock.now();
        if (endTime < body.startTime) throw workflowErrors.invalid("endTime 不能早于 startTime");
        if (endTime - body.startTime > MAX_QUERY_SPAN_MS) throw workflowErrors.spanTooLong();
        if (!templateByCode(body.processCode)) throw workflowErrors.processNotFound(body.processCode);
        const ids = workflowEngine(ctx.state).query({ ...body, endTime });
        const next = body.nextToken + body.maxResults;
        return reply.json({
          success: true,
          result: { list: ids.slice(body.nextToken, next), ...(next < ids.length ? { nextToken: String(next) } : {}) },
        });
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/processInstances/terminate", style: "api", auth: "app",
      handler: (ctx) => {
        workflowEngine(ctx.state).terminate(parseApi(terminateBody, ctx.body), ctx.state.clock.now());
        return done();
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/processInstances/comments", style: "api", auth: "app",
      handler: (ctx) => {
        workflowEngine(ctx.state).comment(parseApi(commentBody, ctx.body), ctx.state.clock.now());
        return done();
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/processInstances/execute", style: "api", auth: "app",
      handler: (ctx) => {
        workflowEngine(ctx.state).execute(parseApi(executeBody, ctx.body), ctx.state.clock.now());
        return done();
      },
    },
    {
      method: "POST", path: "/v1.0/workflow/tasks/redirect", style: "api", auth: "app",
      handler: (ctx) => {
        workflowEngine(ctx.state).redirect(parseApi(redirectBody, ctx.body), ctx.state.clock.now());
        return done();
      },
    },
    {
      method: "GET", path: "/v1.0/workflow/processes/todoTasks/numbers", style: "api", auth: "app",
      handler: (ctx) => {
        const q = parseApi(todoQuery, queryOf(ctx), { bodyRequired: false });
        return reply.json({ result: workflowEngine(ctx.state).todoCount(q.userId) });
      },
    },
    {
      method: "POST", path: "/topapi/processinstance/get", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(legacyGetBody, ctx.body);
        let instance;
        try {
          instance = workflowEngine(ctx.state).get(body.process_instance_id);
        } catch (error) {
          if (error instanceof ApiError) throw new OapiError(820004, "流程不存在");
          throw error;
        }
        return reply.json({ success: true, process_instance: legacyInstanceView(instance, ctx.state.credentials.corpId) });
      },
    },
    {
      method: "GET", path: "/__control/workflow/events", style: "control", auth: "control",
      handler: (ctx) => {
        const q = parseControl(eventsQuery, queryOf(ctx));
        // A seq, not an index into the history: trimming the history must not skip events.
        const bus = eventBus(ctx.state);
        const events = bus
          .after(q.since)
          .filter((e) => e.eventType.startsWith("bpms_"))
          .filter((e) => !q.processInstanceId || e.data.processInstanceId === q.processInstanceId);
        return reply.json({ events, next: bus.lastSeq });
      },
    },
    {
      // Many past instances at once (benchmarks), across every template, announced to nobody.
      method: "POST", path: "/__control/workflow/seed", style: "control", auth: "control",
      handler: (ctx) => {
        const body = parseControl(seedBody, ctx.body);
        const engine = workflowEngine(ctx.state);
        const started = seedInstances(engine, ctx.state.org, { seed: ctx.state.options.seed, now: ctx.state.clock.now(), ...body });
        return reply.json({ started, total: engine.all().length });
      },
    },
    {
      method: "GET", path: "/__control/workflow/summary", style: "control", auth: "control",
      handler: (ctx) => {
        const all = workflowEngine(ctx.state).all();
        const byStatus: Record<string, number> = {};
        const byTemplate: Record<string, number> = {};
        const originators = new Set<string>();
        for (const i of all) {
          byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
          byTemplate[i.template.processCode] = (byTemplate[i.template.processCode] ?? 0) + 1;
          originators.add(i.originatorUserId);
        }
        return reply.json({
          total: all.length,
          byStatus,
          byTemplate,
          originators: originators.size,
          oldestCreateTime: all[0]?.createTime ?? null,
          newestCreateTime: all[all.length - 1]?.createTime ?? null,
        });
      },
    },
  ];
}
