"use server";

import { z } from "zod";
import { startBackfill, type BackfillOutcome } from "@/lib/approvals/backfill";
import { withCallArea } from "@/lib/dingtalk/meter";
import type { Db } from "@/lib/db/client";
import { ActionFailure } from "@/lib/server/action-errors";
import { serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

// The approvals index's administration: the backfill an admin starts (after seeing its cost)
// and each template's time limit (SLA), against which the tracking page counts overdue instances.

// The runs started here, until they end: the audit entry waits for its run, to record every call it made.
const running = new Map<string, Promise<BackfillOutcome>>();

interface BackfillStarted {
  started: boolean;
  runId?: string;
  resumed?: boolean;
}

/**
 * DingTalk lists every template only to an org admin: the person asking when the directory says
 * they are one, otherwise the first admin it knows.
 */
async function dingTalkAdmin(db: Db, userId: string): Promise<string> {
  const me = await db.directoryUser.findUnique({ where: { userId }, select: { admin: true } });
  if (me?.admin) return userId;
  const other = await db.directoryUser.findFirst({ where: { admin: true, leftAt: null }, select: { userId: true }, orderBy: { userId: "asc" } });
  if (!other) throw new ActionFailure("APPROVAL_NO_DINGTALK_ADMIN");
  return other.userId;
}

const optionalCount = z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).optional());

/** Starts (or resumes) the backfill; the page showed its estimate first, kept in the audit entry. */
export const startBackfillAction = serverAction({
  permission: "approvals.manage",
  input: z.strictObject({ estimatedCalls: optionalCount }),
  audit: {
    action: "approvals.backfill",
    target: () => ({ type: "approvals", id: "backfill" }),
    details: (input) => ({ trigger: "admin", ...(input.estimatedCalls !== undefined ? { estimatedCalls: input.estimatedCalls } : {}) }),
    requestIdOf: (d: BackfillStarted) => d.runId,
    settledBy: (d: BackfillStarted) => (d.runId ? running.get(d.runId) : undefined),
  },
  async run(_input, { db, actor }): Promise<BackfillStarted> {
    const adminUserId = await dingTalkAdmin(db, actor.userId);
    const start = await withCallArea("approvals.backfill", () => startBackfill({ db, client: getDingTalk() }, { startedBy: actor.userId, adminUserId }));
    if (!start.started) return { started: false };
    running.set(start.runId, start.finished);
    void start.finished.finally(() => running.delete(start.runId)).catch(() => undefined);
    return { started: true, runId: start.runId, resumed: start.resumed };
  },
  revalidate: ["/approvals/sync"],
});

/** Sets (or, left empty, removes) a template's time limit in hours. */
export const setSlaAction = serverAction({
  permission: "approvals.manage",
  input: z.strictObject({
    processCode: z.string().trim().min(1).max(80),
    slaHours: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1).max(8760).optional()),
  }),
  audit: { action: "approvals.sla.set", target: (input) => ({ type: "approvalTemplate", id: input.processCode }) },
  async run(input, { db }) {
    const found = await db.approvalTemplate.findUnique({ where: { processCode: input.processCode }, select: { processCode: true } });
    if (!found) throw new ActionFailure("APPROVAL_TEMPLATE_NOT_FOUND", "processCode");
    await db.approvalTemplate.update({ where: { processCode: input.processCode }, data: { slaHours: input.slaHours ?? null } });
    return { processCode: input.processCode, slaHours: input.slaHours ?? null };
  },
  revalidate: ["/approvals/sync", "/approvals"],
  message: (_data, { t }) => t("actions.saved"),
});
