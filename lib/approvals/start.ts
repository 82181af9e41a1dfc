import { audited, type AuditContext } from "@/lib/audit";
import { can } from "@/lib/authz/permissions";
import { isDingTalkError, type FormSchema } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { ActionFailure } from "@/lib/server/action-errors";
import { refreshIndexed, type ActDeps, type Acting } from "./act";
import { startBackfill, type BackfillOptions, type BackfillStart } from "./backfill";
import type { ApprovalSyncDeps } from "./deps";
import { blockingComponents, fieldNamedBy, formErrors, formSchema, toFormComponentValues, type FormValues, type TranslateKey } from "./form-schema";

/**
 * Starts (or resumes) the approvals backfill for an admin or the schedule, audited as
 * `approvals.backfill` when the run ends, with every call it made; its calls count as
 * "approvals.backfill".
 */
export function requestBackfill(
  deps: ApprovalSyncDeps,
  ctx: AuditContext,
  options: Omit<BackfillOptions, "startedBy">,
  /** The estimate shown before it started. */
  estimatedCalls?: number,
): Promise<BackfillStart> {
  let runId: string | undefined;
  return withCallArea("approvals.backfill", () =>
    audited(
      deps.db,
      ctx,
      "approvals.backfill",
      { type: "approvals", id: "backfill" },
      { daysBack: options.daysBack ?? 365, ...(estimatedCalls !== undefined ? { estimatedCalls } : {}) },
      async () => {
        const start = await startBackfill(deps, { ...options, startedBy: ctx.actor.userId });
        runId = start.started ? start.runId : undefined;
        return start;
      },
      { requestIdOf: () => runId, settledBy: (start) => (start.started ? start.finished : undefined) },
    ),
  );
}

/** What the start form sends: the template, its values, and optionally another originator, approvers and cc. */
export interface StartApprovalInput {
  processCode: string;
  values: FormValues;
  /** Someone else as the originator (approvals.startOnBehalf); the person asking when absent. */
  originatorUserId?: string;
  /** Approvers named step by step instead of the template's chain. */
  approvers?: { actionType: "AND" | "OR" | "NONE"; userIds: string[] }[];
  ccList?: string[];
}

// DingTalk's refusals of what was filled in (as opposed to who may start it).
const FORM_REFUSALS = new Set(["invalidParameter", "paramError"]);

/**
 * Starts an approval from the console's form: the values checked against the template's schema
 * (the same check the browser made), refused per field; then DingTalk's own refusal, put on the
 * field it names. The new instance is read once into the index, so it is listed at once.
 */
export interface StartedApproval {
  processInstanceId: string;
  templateName: string;
  originatorUserId: string;
}

export async function startApproval(deps: ActDeps, actor: Acting, input: StartApprovalInput, t: TranslateKey): Promise<StartedApproval> {
  const originatorUserId = input.originatorUserId || actor.userId;
  if (originatorUserId !== actor.userId && !can(actor.roles, "approvals.startOnBehalf")) throw new ActionFailure("APPROVAL_ON_BEHALF_FORBIDDEN", "originator");
  return withCallArea("approvals.act", async () => {
    let schema: FormSchema;
    try {
      schema = await deps.client.workflow.getFormSchema(input.processCode);
    } catch (error) {
      if (isDingTalkError(error) && error.code === "aflowProcessNotExist") throw new ActionFailure("APPROVAL_TEMPLATE_NOT_FOUND", "processCode");
      throw error;
    }
    if (blockingComponents(schema.items).length > 0) throw new ActionFailure("APPROVAL_NEEDS_DINGTALK", "processCode");
    const checked = formSchema(schema.items).safeParse(input.values);
    if (!checked.success) throw new ActionFailure("APPROVAL_FORM_INVALID", undefined, undefined, formErrors(checked.error, t));
    let processInstanceId: string;
    try {
      processInstanceId = await deps.client.workflow.startInstance({
        processCode: input.processCode,
        originatorUserId,
        formComponentValues: toFormComponentValues(schema.items, checked.data as FormValues),
        approvers: input.approvers?.filter((a) => a.userIds.length > 0),
        ccList: input.ccList,
        ccPosition: input.ccList && input.ccList.length > 0 ? "START" : undefined,
      });
    } catch (error) {
      if (isDingTalkError(error) && error.code === "aflowProcessNotVisible") throw new ActionFailure("APPROVAL_TEMPLATE_NOT_FOUND", "processCode");
      if (isDingTalkError(error) && FORM_REFUSALS.has(error.code) && error.outcome !== "unknown") {
        const field = fieldNamedBy(schema.items, error.message) ?? "form";
        throw new ActionFailure("APPROVAL_FORM_REFUSED", field, { reason: error.message });
      }
      throw error;
    }
    const now = deps.now?.() ?? new Date();
    // The template is listed by name before the backfill has seen it.
    await deps.db.approvalTemplate.upsert({
      where: { processCode: input.processCode },
      create: { processCode: input.processCode, name: schema.name, iconUrl: "", syncedAt: now },
      update: {},
    });
    await refreshIndexed(deps, input.processCode, processInstanceId);
    return { processInstanceId, templateName: schema.name, originatorUserId };
  });
}
