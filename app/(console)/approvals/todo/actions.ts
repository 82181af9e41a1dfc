"use server";

import { z } from "zod";
import { agreeMany } from "@/lib/approvals/act";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { formField, serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

/** Agrees to the chosen pending tasks of the person under one remark; each is its own DingTalk write. */
export const agreeManyAction = serverAction({
  permission: "approvals.act",
  input: z.object({
    processInstanceId: formField.list(z.string().trim().min(1).max(64)).pipe(z.array(z.string()).min(1).max(50)),
    remark: z.string().trim().max(500).optional().transform((v) => (v ? v : undefined)),
  }),
  audit: {
    action: "approvals.agreeBatch",
    target: (i) => ({ type: "approvalInstance", id: i.processInstanceId.join(",").slice(0, 200) }),
  },
  run: ({ processInstanceId, remark }, ctx) =>
    agreeMany({ db: ctx.db, client: getDingTalk() }, ctx.actor, { processInstanceIds: processInstanceId, remark }, (error) => {
      if (isDingTalkError(error)) return describeDingTalkError(error, ctx.locale);
      const code = (error as { code?: unknown } | null)?.code;
      const key = `actions.errors.${String(code)}`;
      return typeof code === "string" && (ctx.t as unknown as { has(k: string): boolean }).has(key) ? (ctx.t as unknown as (k: string) => string)(key) : ctx.t("actions.unknownError");
    }),
  revalidate: ["/approvals/todo", "/approvals", "/approvals/list"],
  message: (r, { t }) =>
    r.failed.length === 0
      ? t("approvals.todo.agreed", { count: r.agreed.length })
      : t("approvals.todo.partly", { agreed: r.agreed.length, failed: r.failed.length, first: r.failed[0].message }),
});
