"use server";

import { z } from "zod";
import { commentOn, decideTask, instanceFor, terminateInstance, transferTask } from "@/lib/approvals/act";
import { remindApprovers } from "@/lib/approvals/remind";
import { withCallArea } from "@/lib/dingtalk/meter";
import { env } from "@/lib/env";
import { serverAction, type ActionContext } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

// What a person does to one approval from its detail page. The wrapper checks approvals.act;
// lib/approvals/act.ts checks the rest (may they see it, is it theirs, is it still running) before
// DingTalk is asked, and refreshes the index after.

const id = z.string().trim().min(1).max(64);
const remark = z.string().trim().max(500).optional().transform((v) => (v ? v : undefined));
const target = (i: { processInstanceId: string }) => ({ type: "approvalInstance", id: i.processInstanceId });
const deps = (ctx: ActionContext) => ({ db: ctx.db, client: getDingTalk() });
/** Where the reminder's link points: the console when its address is configured, else DingTalk's own page. */
function linkBase(): { consoleUrl?: string; corpId?: string } {
  try {
    const e = env();
    return { consoleUrl: e.NEXTAUTH_URL, corpId: e.DINGTALK_CORP_ID };
  } catch {
    return {};
  }
}
const pages = (i: { processInstanceId: string }) => [`/approvals/${i.processInstanceId}`, "/approvals", "/approvals/list", "/approvals/todo"];

export const commentAction = serverAction({
  permission: "approvals.act",
  input: z.object({ processInstanceId: id, text: z.string().trim().min(1).max(1000) }),
  audit: { action: "approvals.comment", target },
  run: (input, ctx) => commentOn(deps(ctx), ctx.actor, input),
  revalidate: pages,
  message: (_r, { t }) => t("approvals.act.commented"),
});

/** 撤销: one's own running approval, or any with approvals.terminate.any. */
export const terminateAction = serverAction({
  permission: "approvals.act",
  input: z.object({ processInstanceId: id, remark }),
  audit: { action: "approvals.terminate", target },
  run: (input, ctx) => terminateInstance(deps(ctx), ctx.actor, input),
  revalidate: pages,
  message: (_r, { t }) => t("approvals.act.terminated"),
});

/** Agree or refuse: the person's own pending step, with an optional remark. */
const decide = (result: "agree" | "refuse") =>
  serverAction({
    permission: "approvals.act",
    input: z.object({ processInstanceId: id, remark }),
    audit: { action: result === "agree" ? "approvals.agree" : "approvals.refuse", target },
    run: (input, ctx) => decideTask(deps(ctx), ctx.actor, { ...input, result }),
    revalidate: pages,
    message: (_r, { t }) => (result === "agree" ? t("approvals.act.agreed") : t("approvals.act.refused")),
  });

export const agreeAction = decide("agree");
export const refuseAction = decide("refuse");

/** Hands the person's own pending step to someone else (the picker posts their userId). */
export const transferAction = serverAction({
  permission: "approvals.act",
  input: z.object({ processInstanceId: id, toUserId: z.string().trim().min(1).max(64), remark }),
  audit: { action: "approvals.transfer", target },
  run: (input, ctx) => transferTask(deps(ctx), ctx.actor, input),
  revalidate: pages,
  message: (_r, { t }) => t("approvals.act.transferred"),
});

/** 催办 by hand: the current approvers of an approval the person can see, once a day. */
export const remindAction = serverAction({
  permission: "approvals.act",
  input: z.object({ processInstanceId: id }),
  audit: { action: "approvals.remind", target },
  async run({ processInstanceId }, ctx) {
    await instanceFor(ctx.db, ctx.actor, processInstanceId);
    return withCallArea("approvals.act", () =>
      remindApprovers({ db: ctx.db, client: getDingTalk(), ...linkBase() }, processInstanceId, ctx.actor.userId),
    );
  },
  revalidate: pages,
  message: (r, { t }) => t("approvals.remind.reminded", { count: r.userIds.length }),
});
