import { z } from "zod";
import { checkIdList, checkPageSize, checkPositiveId, checkText, checkWholeNumber } from "./arguments";
import { DingTalkError } from "./errors";
import { eachItem, nextTokenPages } from "./pagination";
import type { Call } from "./transport";
import { wireFlag, wireOptionalNumber, wireOptionalText, wireText } from "./wire";

/** DingTalk refuses an instanceIds/query window longer than this. */
export const MAX_INSTANCE_QUERY_SPAN_MS = 120 * 86_400_000;

export type InstanceStatus = "NEW" | "RUNNING" | "COMPLETED" | "TERMINATED" | "CANCELED";
export type ApprovalActionType = "AND" | "OR" | "NONE";

/** A template a person may start (审批模板). */
export interface ProcessTemplate {
  processCode: string;
  name: string;
  iconUrl: string;
  url: string;
  dirId: string;
  dirName: string;
}

/** A template as an admin's list of every template of the org names it (GetManageProcessByStaffId). */
export interface ManagedTemplate {
  processCode: string;
  name: string;
  iconName: string;
  iconUrl: string;
  /** ms since the epoch, when DingTalk says. */
  modifiedTime?: number;
}

/** One control of a template's form; a table's columns are its children. */
export interface FormSchemaComponent {
  componentName: string;
  id: string;
  label: string;
  required: boolean;
  placeholder?: string;
  format?: string;
  unit?: string;
  options: { key: string; value: string }[];
  children: FormSchemaComponent[];
}

export interface FormSchema {
  name: string;
  title: string;
  items: FormSchemaComponent[];
}

/** A cell of a table row, or a plain form value. */
export interface FormValueCell {
  name: string;
  value: string;
  id?: string;
}

/** A value for `startInstance`: `value` for plain controls, `rows` for a table (明细). */
export interface FormValueInput {
  name: string;
  value?: string;
  id?: string;
  componentType?: string;
  extValue?: string;
  rows?: FormValueCell[][];
}

export interface StartInstanceInput {
  processCode: string;
  originatorUserId: string;
  deptId?: number;
  formComponentValues: FormValueInput[];
  /** Named approvers, one entry per step, in order; without them the template's chain applies. */
  approvers?: { actionType: ApprovalActionType; userIds: string[] }[];
  ccList?: string[];
  ccPosition?: "START" | "FINISH" | "START_FINISH";
}

export interface InstanceTask {
  taskId: number;
  userId: string;
  status: string;
  result: string;
  activityId: string;
  /** ms since the epoch. */
  createTime?: number;
  finishTime?: number;
  pcUrl?: string;
  mobileUrl?: string;
}

export interface OperationRecord {
  userId: string;
  /** ms since the epoch. */
  date?: number;
  type: string;
  result: string;
  remark?: string;
  showName?: string;
  activityId?: string;
}

/** An approval instance (审批实例), the same shape from the new and the old host. */
export interface ProcessInstance {
  processInstanceId: string;
  title: string;
  status: InstanceStatus;
  /** "agree" | "refuse", or "" while undecided or when revoked. */
  result: string;
  businessId: string;
  originatorUserId: string;
  originatorDeptId: string;
  originatorDeptName: string;
  createTime?: number;
  finishTime?: number;
  formComponentValues: { id?: string; name: string; value: string; componentType?: string }[];
  approverUserIds: string[];
  ccUserIds: string[];
  operationRecords: OperationRecord[];
  tasks: InstanceTask[];
}

export interface InstanceIdQuery {
  processCode: string;
  /** ms since the epoch; DingTalk allows at most 120 days between start and end. */
  startTime: number;
  endTime?: number;
  /** Originators. */
  userIds?: string[];
  statuses?: ("RUNNING" | "TERMINATED" | "COMPLETED")[];
}

export interface InstanceIdPage {
  ids: string[];
  nextToken?: number;
}

export interface Workflow {
  listVisibleTemplates(query: { userId: string; maxResults?: number; nextToken?: number }): Promise<{ templates: ProcessTemplate[]; nextToken?: number }>;
  iterateVisibleTemplates(userId: string, options?: { pageSize?: number }): AsyncIterable<ProcessTemplate>;
  /** Every template of the org (managements/templates); `adminUserId` must be an admin. */
  listManagedTemplates(adminUserId: string): Promise<ManagedTemplate[]>;
  getFormSchema(processCode: string): Promise<FormSchema>;
  /** Starts an approval; never repeated on failure (a lost reply leaves `outcome: "unknown"`). Returns the instance id. */
  startInstance(input: StartInstanceInput): Promise<string>;
  getInstance(processInstanceId: string): Promise<ProcessInstance>;
  /** The same instance through the old host's `/topapi/processinstance/get`. */
  getInstanceLegacy(processInstanceId: string): Promise<ProcessInstance>;
  queryInstanceIds(query: InstanceIdQuery & { maxResults?: number; nextToken?: number }): Promise<InstanceIdPage>;
  /** Every id in one window (≤ 120 days), page after page. */
  iterateInstanceIds(query: InstanceIdQuery, options?: { pageSize?: number }): AsyncIterable<string>;
  /** Every id over any range, asked for in consecutive windows of at most 120 days. */
  iterateInstanceIdsOverRange(query: InstanceIdQuery & { endTime: number }, options?: { pageSize?: number }): AsyncIterable<string>;
  terminate(input: { processInstanceId: string; operatingUserId?: string; isSystem?: boolean; remark?: string }): Promise<void>;
  comment(input: { processInstanceId: string; commentUserId: string; text: string }): Promise<void>;
  execute(input: { processInstanceId: string; taskId: number; actionerUserId: string; result: "agree" | "refuse"; remark?: string }): Promise<void>;
  redirect(input: { taskId: number; operateUserId: string; toUserId: string; remark?: string; actionName?: string }): Promise<void>;
  /** Approvals waiting for the person (待办数). */
  todoCount(userId: string): Promise<number>;
}

/**
 * Consecutive windows covering [startMs, endMs], none longer than `spanMs`. Windows do not
 * overlap (DingTalk's bounds are inclusive), so no id is returned twice.
 */
export function splitTimeRange(startMs: number, endMs: number, spanMs = MAX_INSTANCE_QUERY_SPAN_MS): { startTime: number; endTime: number }[] {
  if (!Number.isInteger(startMs) || !Number.isInteger(endMs)) throw new RangeError("start and end must be whole milliseconds");
  if (endMs < startMs) throw new RangeError(`end (${endMs}) must not be before start (${startMs})`);
  if (!Number.isInteger(spanMs) || spanMs < 1) throw new RangeError(`span must be a positive whole number of ms, got ${spanMs}`);
  const windows: { startTime: number; endTime: number }[] = [];
  for (let from = startMs; from <= endMs; from += spanMs + 1) {
    windows.push({ startTime: from, endTime: Math.min(from + spanMs, endMs) });
  }
  return windows;
}

// Approval replies give times as "2022-08-31T11:52Z" (api) or "2022-08-31 19:52:00" in Beijing time (oapi).
const apiTime = z.string().nullish().transform((v) => {
  if (!v) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : ms;
});
const oapiTime = z.string().nullish().transform((v) => {
  if (!v) return undefined;
  const ms = Date.parse(`${v.replace(" ", "T")}+08:00`);
  return Number.isNaN(ms) ? undefined : ms;
});

const wireTemplate = z.object({
  processCode: z.string(),
  name: wireText,
  iconUrl: wireText,
  url: wireText,
  dirId: wireText,
  dirName: wireText,
});

const templatesReply = z
  .object({ result: z.object({ processList: z.array(wireTemplate).nullish(), nextToken: wireOptionalNumber }) })
  .transform((r) => ({ templates: r.result.processList ?? [], nextToken: r.result.nextToken }));

const managedTemplatesReply = z
  .object({
    result: z
      .array(z.object({ processCode: z.string().min(1), flowTitle: wireText, iconName: wireText, iconUrl: wireText, gmtModified: apiTime }))
      .nullish(),
  })
  .transform((r): ManagedTemplate[] =>
    (r.result ?? []).map((t) => ({ processCode: t.processCode, name: t.flowTitle, iconName: t.iconName, iconUrl: t.iconUrl, modifiedTime: t.gmtModified })));

interface WireComponent {
  componentName?: string | null;
  props?: {
    id?: string | null; label?: string | null; required?: boolean | null; placeholder?: string | null;
    format?: string | null; unit?: string | null; options?: unknown[] | null;
  } | null;
  children?: WireComponent[] | null;
}
const wireComponent: z.ZodType<WireComponent> = z.lazy(() =>
  z.object({
    componentName: z.string().nullish(),
    props: z
      .object({
        id: z.string().nullish(), label: z.string().nullish(), required: z.boolean().nullish(), placeholder: z.string().nullish(),
        format: z.string().nullish(), unit: z.string().nullish(), options: z.array(z.unknown()).nullish(),
      })
      .loose()
      .nullish(),
    children: z.array(wireComponent).nullish(),
  }),
);

// Options come as {key, value} objects, or in some tenants as JSON strings of them.
const wireOption = z.union([
  z.object({ key: z.coerce.string(), value: z.coerce.string() }),
  z.string().transform((s, ctx) => {
    try {
      const o = JSON.parse(s) as { key?: unknown; value?: unknown };
      return { key: String(o.key ?? o.value ?? s), value: String(o.value ?? s) };
    } catch {
      ctx.addIssue({ code: "custom", message: "option is neither an object nor JSON" });
      return z.NEVER;
    }
  }),
]);

function toComponent(c: WireComponent): FormSchemaComponent {
  const props = c.props ?? {};
  return {
    componentName: c.componentName ?? "",
    id: props.id ?? "",
    label: props.label ?? "",
    required: props.required ?? false,
    placeholder: props.placeholder ?? undefined,
    format: props.format ?? undefined,
    unit: props.unit ?? undefined,
    options: (props.options ?? []).flatMap((o) => {
      const parsed = wireOption.safeParse(o);
      return parsed.success ? [parsed.data] : [];
    }),
    children: (c.children ?? []).map(toComponent),
  };
}

const schemaReply = z
  .object({
    result: z.object({
      name: wireText,
      schemaContent: z.object({ title: wireText, items: z.array(wireComponent).nullish() }).nullish(),
    }),
  })
  .transform((r): FormSchema => ({
    name: r.result.name,
    title: r.result.schemaContent?.title ?? r.result.name,
    items: (r.result.schemaContent?.items ?? []).map(toComponent),
  }));

const statusSchema = z.enum(["NEW", "RUNNING", "COMPLETED", "TERMINATED", "CANCELED"]);

const wireInstance = z.object({
  title: wireText,
  status: statusSchema,
  result: wireText,
  businessId: wireText,
  originatorUserId: wireText,
  originatorDeptId: wireText,
  originatorDeptName: wireText,
  createTime: apiTime,
  finishTime: apiTime,
  formComponentValues: z
    .array(z.object({ id: wireOptionalText, name: wireText, value: wireText, componentType: wireOptionalText }))
    .nullish(),
  approverUserIds: z.array(z.string()).nullish(),
  ccUserIds: z.array(z.string()).nullish(),
  operationRecords: z
    .array(z.object({
      userId: wireText, date: apiTime, type: wireText, result: wireText, remark: wireOptionalText,
      showName: wireOptionalText, activityId: wireOptionalText,
    }))
    .nullish(),
  tasks: z
    .array(z.object({
      taskId: z.coerce.number(), userId: wireText, status: wireText, result: wireText, activityId: wireText,
      createTime: apiTime, finishTime: apiTime, pcUrl: wireOptionalText, mobileUrl: wireOptionalText,
    }))
    .nullish(),
});

const instanceReply = (processInstanceId: string) =>
  z.object({ result: wireInstance }).transform(({ result: r }): ProcessInstance => ({
    processInstanceId,
    title: r.title,
    status: r.status,
    result: r.result,
    businessId: r.businessId,
    originatorUserId: r.originatorUserId,
    originatorDeptId: r.originatorDeptId,
    originatorDeptName: r.originatorDeptName,
    createTime: r.createTime,
    finishTime: r.finishTime,
    formComponentValues: r.formComponentValues ?? [],
    approverUserIds: r.approverUserIds ?? [],
    ccUserIds: r.ccUserIds ?? [],
    operationRecords: r.operationRecords ?? [],
    tasks: r.tasks ?? [],
  }));

const legacyInstanceReply = (processInstanceId: string) =>
  z
    .object({
      process_instance: z.object({
        title: wireText,
        status: statusSchema,
        result: wireText,
        business_id: wireText,
        originator_userid: wireText,
        originator_dept_id: z.coerce.string().nullish(),
        originator_dept_name: wireText,
        create_time: oapiTime,
        finish_time: oapiTime,
        form_component_values: z
          .array(z.object({ id: wireOptionalText, name: wireText, value: wireText, component_type: wireOptionalText }))
          .nullish(),
        approver_userids: z.array(z.string()).nullish(),
        cc_userids: z.array(z.string()).nullish(),
        operation_records: z
          .array(z.object({ userid: wireText, date: oapiTime, operation_type: wireText, operation_result: wireText, remark: wireOptionalText }))
          .nullish(),
        tasks: z
          .array(z.object({
            taskid: z.coerce.number(), userid: wireText, task_status: wireText, task_result: wireText,
            activity_id: wireText, create_time: oapiTime, finish_time: oapiTime, url: wireOptionalText,
          }))
          .nullish(),
      }),
    })
    .transform(({ process_instance: p }): ProcessInstance => ({
      processInstanceId,
      title: p.title,
      status: p.status,
      result: p.result,
      businessId: p.business_id,
      originatorUserId: p.originator_userid,
      originatorDeptId: p.originator_dept_id ?? "",
      originatorDeptName: p.originator_dept_name,
      createTime: p.create_time,
      finishTime: p.finish_time,
      formComponentValues: (p.form_component_values ?? []).map((v) => ({ id: v.id, name: v.name, value: v.value, componentType: v.component_type })),
      approverUserIds: p.approver_userids ?? [],
      ccUserIds: p.cc_userids ?? [],
      operationRecords: (p.operation_records ?? []).map((r) => ({ userId: r.userid, date: r.date, type: r.operation_type, result: r.operation_result, remark: r.remark })),
      tasks: (p.tasks ?? []).map((t) => ({
        taskId: t.taskid, userId: t.userid, status: t.task_status, result: t.task_result, activityId: t.activity_id,
        createTime: t.create_time, finishTime: t.finish_time, pcUrl: t.url, mobileUrl: t.url,
      })),
    }));

const idsReply = z
  .object({ result: z.object({ list: z.array(z.string()).nullish(), nextToken: wireOptionalNumber }) })
  .transform((r): InstanceIdPage => ({ ids: r.result.list ?? [], nextToken: r.result.nextToken }));

const confirmedReply = z.object({ success: wireFlag, result: z.boolean().nullish() });
const todoReply = z.object({ result: z.coerce.number() }).transform((r) => r.result);
const startReply = z.object({ instanceId: z.string().min(1) }).transform((r) => r.instanceId);

/** The wire form of a start request's values: table rows become `details` rows of cells. */
function wireFormValues(values: readonly FormValueInput[]) {
  if (values.length === 0) throw new RangeError("formComponentValues must hold at least one value");
  return values.map((v, i) => {
    const name = checkText(v.name, `formComponentValues[${i}].name`);
    if (v.rows === undefined && v.value === undefined) throw new RangeError(`formComponentValues[${i}] (${name}) needs a value or rows`);
    return {
      name,
      id: v.id,
      componentType: v.componentType,
      extValue: v.extValue,
      ...(v.rows ? { details: v.rows.map((cells) => ({ details: cells.map((c) => ({ name: c.name, value: c.value, id: c.id })) })) } : { value: v.value }),
    };
  });
}

/** Approvals (OA 审批) on the api host, plus the old host's detail call. */
export function createWorkflow(call: Call): Workflow {
  // A write answered `result: false` did not happen; say so rather than return quietly.
  const write = async (path: string, body: Record<string, unknown>): Promise<void> => {
    const reply = await call({ host: "api", method: "POST", path, body, schema: confirmedReply, idempotent: false });
    if (reply.result === false) {
      throw new DingTalkError({ code: "NOT_CONFIRMED", message: `DingTalk answered ${path} with result false`, host: "api", retryable: false, path });
    }
  };

  const listVisibleTemplates: Workflow["listVisibleTemplates"] = async (query) =>
    call({
      host: "api",
      method: "GET",
      path: "/v1.0/workflow/processes/userVisibilities/templates",
      query: { userId: checkText(query.userId, "userId"), maxResults: checkPageSize(query.maxResults ?? 100), nextToken: query.nextToken },
      schema: templatesReply,
      idempotent: true,
    });

  const queryInstanceIds: Workflow["queryInstanceIds"] = async (query) => {
    const startTime = checkWholeNumber(query.startTime, "startTime (ms since the epoch)");
    const endTime = query.endTime === undefined ? undefined : checkWholeNumber(query.endTime, "endTime (ms since the epoch)");
    if (endTime !== undefined && endTime < startTime) throw new RangeError("endTime must not be before startTime");
    return call({
      host: "api",
      method: "POST",
      path: "/v1.0/workflow/processes/instanceIds/query",
      body: {
        processCode: checkText(query.processCode, "processCode"),
        startTime,
        endTime,
        maxResults: checkPageSize(query.maxResults ?? 20, 20),
        nextToken: query.nextToken ?? 0,
        userIds: query.userIds && query.userIds.length > 0 ? checkIdList(query.userIds, "userIds") : undefined,
        statuses: query.statuses && query.statuses.length > 0 ? query.statuses : undefined,
      },
      schema: idsReply,
      idempotent: true,
    });
  };

  const iterateInstanceIds: Workflow["iterateInstanceIds"] = (query, options = {}) => {
    const size = checkPageSize(options.pageSize ?? 20, 20);
    return eachItem(nextTokenPages(async (token: number | undefined, maxResults) => {
      const page = await queryInstanceIds({ ...query, maxResults, nextToken: token });
      return { items: page.ids, nextToken: page.nextToken };
    }, size));
  };

  return {
    listVisibleTemplates,

    iterateVisibleTemplates(userId, options = {}) {
      const size = checkPageSize(options.pageSize ?? 100);
      return eachItem(nextTokenPages(async (token: number | undefined, maxResults) => {
        const page = await listVisibleTemplates({ userId, maxResults, nextToken: token });
        return { items: page.templates, nextToken: page.nextToken };
      }, size));
    },

    async listManagedTemplates(adminUserId) {
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/workflow/processes/managements/templates",
        query: { userId: checkText(adminUserId, "adminUserId") },
        schema: managedTemplatesReply,
        idempotent: true,
      });
    },

    async getFormSchema(processCode) {
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/workflow/forms/schemas/processCodes",
        query: { processCode: checkText(processCode, "processCode") },
        schema: schemaReply,
        idempotent: true,
      });
    },

    async startInstance(input) {
      const approvers = input.approvers?.map((a, i) => {
        if (!["AND", "OR", "NONE"].includes(a.actionType)) throw new RangeError(`approvers[${i}].actionType must be AND, OR or NONE`);
        return { actionType: a.actionType, userIds: checkIdList(a.userIds, `approvers[${i}].userIds`) };
      });
      return call({
        host: "api",
        method: "POST",
        path: "/v1.0/workflow/processInstances",
        body: {
          processCode: checkText(input.processCode, "processCode"),
          originatorUserId: checkText(input.originatorUserId, "originatorUserId"),
          deptId: input.deptId,
          formComponentValues: wireFormValues(input.formComponentValues),
          approvers: approvers && approvers.length > 0 ? approvers : undefined,
          ccList: input.ccList && input.ccList.length > 0 ? checkIdList(input.ccList, "ccList") : undefined,
          ccPosition: input.ccPosition,
        },
        schema: startReply,
        idempotent: false,
      });
    },

    async getInstance(processInstanceId) {
      const id = checkText(processInstanceId, "processInstanceId");
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/workflow/processInstances",
        query: { processInstanceId: id },
        schema: instanceReply(id),
        idempotent: true,
      });
    },

    async getInstanceLegacy(processInstanceId) {
      const id = checkText(processInstanceId, "processInstanceId");
      return call({
        host: "oapi",
        method: "POST",
        path: "/topapi/processinstance/get",
        body: { process_instance_id: id },
        schema: legacyInstanceReply(id),
        idempotent: true,
      });
    },

    queryInstanceIds,
    iterateInstanceIds,

    async *iterateInstanceIdsOverRange(query, options = {}) {
      for (const window of splitTimeRange(query.startTime, query.endTime)) {
        yield* iterateInstanceIds({ ...query, ...window }, options);
      }
    },

    async terminate(input) {
      const isSystem = input.isSystem ?? false;
      if (!isSystem && !input.operatingUserId) throw new RangeError("operatingUserId is required unless isSystem is true");
      await write("/v1.0/workflow/processInstances/terminate", {
        processInstanceId: checkText(input.processInstanceId, "processInstanceId"),
        isSystem,
        remark: input.remark,
        operatingUserId: input.operatingUserId === undefined ? undefined : checkText(input.operatingUserId, "operatingUserId"),
      });
    },

    async comment(input) {
      await write("/v1.0/workflow/processInstances/comments", {
        processInstanceId: checkText(input.processInstanceId, "processInstanceId"),
        commentUserId: checkText(input.commentUserId, "commentUserId"),
        text: checkText(input.text, "text"),
      });
    },

    async execute(input) {
      if (input.result !== "agree" && input.result !== "refuse") throw new RangeError(`result must be "agree" or "refuse", got ${String(input.result)}`);
      await write("/v1.0/workflow/processInstances/execute", {
        processInstanceId: checkText(input.processInstanceId, "processInstanceId"),
        taskId: checkPositiveId(input.taskId, "taskId"),
        actionerUserId: checkText(input.actionerUserId, "actionerUserId"),
        result: input.result,
        remark: input.remark,
      });
    },

    async redirect(input) {
      await write("/v1.0/workflow/tasks/redirect", {
        taskId: checkPositiveId(input.taskId, "taskId"),
        operateUserId: checkText(input.operateUserId, "operateUserId"),
        toUserId: checkText(input.toUserId, "toUserId"),
        remark: input.remark,
        actionName: input.actionName,
      });
    },

    async todoCount(userId) {
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/workflow/processes/todoTasks/numbers",
        query: { userId: checkText(userId, "userId") },
        schema: todoReply,
        idempotent: true,
      });
    },
  };
}
