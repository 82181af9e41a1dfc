import { ExternalLink } from "lucide-react";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { todoOf } from "@/lib/approvals/todo";
import { requirePermission } from "@/lib/auth/current";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { withCallArea } from "@/lib/dingtalk/meter";
import { env } from "@/lib/env";
import { pageTitle } from "@/lib/i18n/metadata";
import { getDingTalk } from "@/lib/server/dingtalk";
import { ApprovalsNav, durationText } from "../parts";
import { TodoForm } from "./todo-form";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.todo.title");

/** DingTalk's count of the person's todo, beside the index's list; one call, and the page stands without it. */
async function dingTalkCount(userId: string): Promise<number | null> {
  try {
    return await withCallArea("approvals.act", () => getDingTalk().workflow.todoCount(userId));
  } catch {
    return null;
  }
}

export default async function TodoPage() {
  await requireArea("approvals");
  const actor = await requirePermission("approvals.act");
  const [t, format] = await Promise.all([getTranslations("approvals"), getFormatter()]);
  const now = new Date();
  const [items, count] = await Promise.all([todoOf(getDb(), actor.userId), dingTalkCount(actor.userId)]);
  const corpId = env().DINGTALK_CORP_ID;
  const inbox = `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?corpid=${encodeURIComponent(corpId ?? "")}#/upcoming`;
  return (
    <>
      <PageTitle>{t("todo.title")}</PageTitle>
      <ApprovalsNav actor={actor} current="todo" />
      <Card
        title={t("todo.indexed", { count: items.length })}
        actions={
          <span className="flex items-center gap-3 text-sm text-slate-600">
            <span data-testid="dingtalk-todo-count" data-count={count ?? ""}>
              {count === null ? t("todo.countUnavailable") : t("todo.dingtalkCount", { count })}
            </span>
            <a href={inbox} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-brand-600 hover:underline">
              {t("todo.openInDingTalk")} <ExternalLink className="size-3.5" aria-hidden />
            </a>
          </span>
        }
      >
        {items.length === 0 ? (
          <p className="text-sm text-slate-500">{t("todo.empty")}</p>
        ) : (
          <TodoForm
            rows={items.map((i) => ({
              processInstanceId: i.processInstanceId,
              title: i.title,
              templateName: i.templateName,
              originatorUserId: i.originatorUserId,
              originatorName: i.originatorName,
              created: format.dateTime(i.createTime, "full"),
              waited: durationText(t, i.waitingSince ? Math.round((now.getTime() - i.waitingSince.getTime()) / 1000) : null),
            }))}
          />
        )}
      </Card>
    </>
  );
}
