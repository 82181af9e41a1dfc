import { ExternalLink } from "lucide-react";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { viewFormValue, type FormValueView } from "@/lib/approvals/form-values";
import { approvalDetail, approvalScopeOf, indexVersion } from "@/lib/approvals/queries";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { pageTitle } from "@/lib/i18n/metadata";
import { pathSegment } from "@/lib/url-state";
import { LiveRefresh } from "../live-refresh";
import { ApprovalsNav, durationText, StatusBadge } from "../parts";
import { InstanceActions } from "./instance-actions";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.detail.title");

/** Where DingTalk shows the instance (its own approval page). */
function dingTalkUrl(processInstanceId: string): string {
  const corpId = env().DINGTALK_CORP_ID;
  const query = new URLSearchParams({ ...(corpId ? { corpid: corpId } : {}), procInstId: processInstanceId });
  return `https://aflow.dingtalk.com/dingtalk/mobile/homepage.htm?${query.toString()}#approval`;
}

// i18n-keys: approvals.detail.opType.*
const OP_TYPES = ["START_PROCESS_INSTANCE", "EXECUTE_TASK_NORMAL", "EXECUTE_TASK_AGENT", "APPEND_TASK_BEFORE", "APPEND_TASK_AFTER", "REDIRECT_TASK", "REDIRECT_PROCESS", "PROCESS_CC", "ADD_REMARK", "FINISH_PROCESS_INSTANCE", "TERMINATE_PROCESS_INSTANCE"] as const;
// i18n-keys: approvals.detail.taskResult.*
const TASK_RESULTS = ["AGREE", "REFUSE", "REDIRECTED", "NONE"] as const;

/** One approval from the index: its form by control, its timeline, who must act now and for how long. */
export default async function ApprovalDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireArea("approvals");
  const scope = approvalScopeOf(actor)!;
  const id = pathSegment((await params).id);
  if (id === null) notFound();
  const db = getDb();
  const now = new Date();
  const [detail, version] = await Promise.all([approvalDetail(db, scope, id, now), indexVersion(db, id)]);
  if (!detail) notFound();
  const [t, format] = await Promise.all([getTranslations("approvals"), getFormatter()]);
  const { instance: i } = detail;
  const opType = (type: string) => ((OP_TYPES as readonly string[]).includes(type) ? t(`detail.opType.${type as (typeof OP_TYPES)[number]}`) : type);
  const taskResult = (result: string) => ((TASK_RESULTS as readonly string[]).includes(result) ? t(`detail.taskResult.${result as (typeof TASK_RESULTS)[number]}`) : result);
  const when = (d: Date | null) => (d ? format.dateTime(d, "full") : "—");
  const money = (amount: number) => format.number(amount, { style: "currency", currency: "CNY" });

  const renderValue = (v: FormValueView) => {
    switch (v.kind) {
      case "money":
        return <span className="tabular-nums">{v.amount !== null ? money(v.amount) : v.text}</span>;
      case "dateRange":
        return (
          <span className="tabular-nums">
            {t("detail.range", { from: v.from, to: v.to })}
            {v.extra ? <span className="ml-2 text-xs text-slate-500">{v.extra}</span> : null}
          </span>
        );
      case "list":
        return (
          <span className="flex flex-wrap gap-1">
            {v.items.map((item) => (
              <Badge key={item}>{item}</Badge>
            ))}
          </span>
        );
      case "files":
        return <span className="text-slate-600">{v.files.join(t("detail.listSeparator"))}</span>;
      case "table":
        return (
          <table className="w-full text-sm" data-testid="form-table">
            <TableHead columns={v.columns} />
            <tbody>
              {v.rows.map((row, r) => (
                <tr key={r} className="border-t border-slate-100">
                  {row.map((cell, c) => (
                    <td key={c} className="py-1 pr-3">
                      {renderValue(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      case "text":
        return <span className="whitespace-pre-wrap">{v.text}</span>;
    }
  };

  return (
    <>
      <PageTitle sub={`${i.templateName} · ${i.businessId || i.processInstanceId}`}>{i.title}</PageTitle>
      <ApprovalsNav actor={actor} current="list" />
      <LiveRefresh version={version} instanceId={i.processInstanceId} />
      <div className="grid gap-6 lg:grid-cols-3" data-testid="approval-detail" data-status={i.status} data-result={i.result}>
        <div className="flex flex-col gap-6 lg:col-span-2">
          <Card title={t("detail.form")}>
            {detail.formValues.length === 0 ? (
              <p className="text-sm text-slate-500">{t("detail.noForm")}</p>
            ) : (
              <dl className="grid gap-x-4 gap-y-3 text-sm sm:grid-cols-[10rem_1fr]" data-testid="form-values">
                {detail.formValues.map((raw, k) => {
                  const v = viewFormValue(raw);
                  return (
                    <div key={`${k}:${raw.name}`} className="contents" data-field={raw.name} data-kind={v.kind}>
                      <dt className="text-slate-500">{raw.name}</dt>
                      <dd className="min-w-0">{renderValue(v)}</dd>
                    </div>
                  );
                })}
              </dl>
            )}
          </Card>
          <Card title={t("detail.timeline")}>
            <ol className="flex flex-col gap-3 text-sm" data-testid="timeline">
              {detail.operations.map((o) => (
                <li key={o.seq} className="border-l-2 border-slate-200 pl-3" data-type={o.type} data-result={o.result}>
                  <div className="flex flex-wrap items-baseline gap-x-2">
                    <PersonLink userId={o.userId} name={o.name} className="font-medium" />
                    <span>{opType(o.type)}</span>
                    {o.result && o.result !== "NONE" ? <Badge tone={o.result === "REFUSE" ? "red" : "green"}>{taskResult(o.result)}</Badge> : null}
                    <span className="text-xs text-slate-500 tabular-nums">{when(o.date)}</span>
                    {o.waitedSeconds !== null ? <span className="text-xs text-slate-400">{t("detail.waited", { wait: durationText(t, o.waitedSeconds) })}</span> : null}
                  </div>
                  {o.remark ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{o.remark}</p> : null}
                </li>
              ))}
            </ol>
            <h3 className="mt-6 mb-2 text-xs font-semibold text-slate-500">{t("detail.tasks")}</h3>
            <table className="w-full text-sm" data-testid="tasks">
              <TableHead columns={[t("detail.approver"), t("detail.taskStatus"), t("detail.started"), t("detail.finished"), { label: t("detail.wait"), align: "right" }]} />
              <tbody>
                {detail.tasks.map((task) => (
                  <tr key={task.taskId} className="border-t border-slate-100" data-status={task.status} data-result={task.result}>
                    <td className="py-1.5 pr-3">
                      <PersonLink userId={task.userId} name={task.name} />
                    </td>
                    <td className="py-1.5 pr-3">{task.status === "RUNNING" ? <Badge tone="blue">{t("detail.waiting")}</Badge> : taskResult(task.result)}</td>
                    <td className="py-1.5 pr-3 tabular-nums text-slate-600">{when(task.createTime)}</td>
                    <td className="py-1.5 pr-3 tabular-nums text-slate-600">{when(task.finishTime)}</td>
                    <td className="py-1.5 text-right tabular-nums">{durationText(t, task.waitedSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </div>
        <div className="flex flex-col gap-6">
          <Card title={t("detail.summary")}>
            <dl className="grid grid-cols-[6rem_1fr] gap-x-3 gap-y-2 text-sm">
              <dt className="text-slate-500">{t("detail.status")}</dt>
              <dd className="flex flex-wrap gap-1">
                <StatusBadge status={i.status} result={i.result} />
                {i.overdue ? <Badge tone="red">{t("list.overdue")}</Badge> : null}
              </dd>
              <dt className="text-slate-500">{t("detail.originator")}</dt>
              <dd>
                <PersonLink userId={i.originatorUserId} name={i.originatorName} /> <span className="text-xs text-slate-500">{i.originatorDeptName}</span>
              </dd>
              <dt className="text-slate-500">{t("detail.created")}</dt>
              <dd className="tabular-nums">{when(i.createTime)}</dd>
              <dt className="text-slate-500">{t("detail.finishedAt")}</dt>
              <dd className="tabular-nums">{when(i.finishTime)}</dd>
              <dt className="text-slate-500">{t("detail.sla")}</dt>
              <dd>{i.slaHours ? t("tracking.slaHours", { hours: i.slaHours }) : t("detail.noSla")}</dd>
              {detail.ccNames.length > 0 ? (
                <>
                  <dt className="text-slate-500">{t("detail.cc")}</dt>
                  <dd className="flex flex-wrap gap-x-2">
                    {detail.ccNames.map((c) => (
                      <PersonLink key={c.userId} userId={c.userId} name={c.name} />
                    ))}
                  </dd>
                </>
              ) : null}
              <dt className="text-slate-500">{t("detail.synced")}</dt>
              <dd className="tabular-nums text-slate-600">{when(i.syncedAt)}</dd>
            </dl>
            <a href={dingTalkUrl(i.processInstanceId)} target="_blank" rel="noreferrer" className="mt-4 inline-flex items-center gap-1 text-sm text-brand-600 hover:underline" data-testid="open-in-dingtalk">
              {t("detail.openInDingTalk")} <ExternalLink className="size-3.5" aria-hidden />
            </a>
          </Card>
          <Card title={t("detail.current")}>
            {i.approvers.length === 0 ? (
              <p className="text-sm text-slate-500">{t("detail.noCurrent")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm" data-testid="current-approvers">
                {i.approvers.map((a) => (
                  <li key={a.userId} className="flex justify-between gap-2" data-userid={a.userId}>
                    <PersonLink userId={a.userId} name={a.name} />
                    <span className="tabular-nums text-slate-500">{durationText(t, a.since ? Math.round((now.getTime() - a.since.getTime()) / 1000) : null)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <InstanceActions actor={actor} instance={i} tasks={detail.tasks} />
        </div>
      </div>
    </>
  );
}
