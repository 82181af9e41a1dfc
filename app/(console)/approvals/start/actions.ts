"use server";

import { z } from "zod";
import { startApproval, type StartedApproval } from "@/lib/approvals/start";
import { serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

// Starting an approval from the generated form. The values are checked against the template's
// schema inside (lib/approvals/form-schema.ts, the same check the browser made); here only their shape.

const userId = z.string().trim().min(1).max(64);
const cell = z.union([z.string().max(4000), z.array(z.string().max(4000)).max(100)]);

export const startApprovalAction = serverAction({
  permission: "approvals.act",
  input: z.object({
    processCode: z.string().trim().min(1).max(100),
    values: z.record(z.string().max(200), z.union([cell, z.array(z.record(z.string().max(200), cell)).max(200)])),
    originator: userId.optional().or(z.literal("").transform(() => undefined)),
    approvers: z.array(z.object({ actionType: z.enum(["AND", "OR", "NONE"]), userIds: z.array(userId).max(20) })).max(10).optional(),
    cc: z.array(userId).max(20).optional(),
  }),
  audit: {
    action: "approvals.start",
    target: (i) => ({ type: "approvalTemplate", id: i.processCode }),
    requestIdOf: (r: StartedApproval) => r.processInstanceId,
  },
  run: (input, ctx) =>
    startApproval(
      { db: ctx.db, client: getDingTalk() },
      ctx.actor,
      { processCode: input.processCode, values: input.values, originatorUserId: input.originator, approvers: input.approvers, ccList: input.cc },
      ctx.t as (key: string, values?: Record<string, string | number>) => string,
    ),
  revalidate: ["/approvals", "/approvals/list", "/approvals/todo"],
  message: (r: StartedApproval, { t }) => t("approvals.start.started", { name: r.templateName }),
});
