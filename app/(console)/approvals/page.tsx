import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { PersonLink } from "@/components/person-link";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { TableHead } from "@/components/ui/table-head";
import { approvalScopeOf, approvalTracking, indexVersion } from "@/lib/approvals/queries";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { LiveRefresh } from "./live-refresh";
import { ApprovalFilters, ApprovalsNav, durationText } from "./parts";
import { filterOf, listHref, toFilter, trackingHref, trackingState } from "./query";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.tracking.title");

const hours = (seconds: number) => Math.round((seconds / 3600) * 10) / 10;

/** Approval tracking: what is stuck, where and with whom, across every template, from the index. */
export default async function ApprovalsTrackingPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("approvals");
  const scope = approvalScopeOf(actor)!;
  const t = await getTranslations("approvals");
  const q = trackingState.parse(await searchParams);
  const db = getDb();
  const [data, templates, version] = await Promise.all([
    approvalTracking(db, scope, toFilter(q)),
    db.approvalTemplate.findMany({ select: { processCode: true, name: true }, orderBy: { name: "asc" } }),
    indexVersion(db),
  ]);
  const list = (change: Parameters<typeof listHref>[1]) => listHref(filterOf(q), change);
  const query = trackingHref(q).slice("/approvals".length);
  return (
    <>
      <PageTitle sub={scope.all ? t("tracking.subAll") : t("tracking.subOwn")}>{t("tracking.title")}</PageTitle>
      <ApprovalsNav actor={actor} current="tracking" query={query} />
      <LiveRefresh version={version} />
      {templates.length === 0 ? (
        <div className="mb-4">
          <Notice tone="warn">{t("tracking.empty")}</Notice>
        </div>
      ) : null}
      <Card>
        <ApprovalFilters db={db} q={q} action="/approvals" templates={templates} />
      </Card>
      <div className="mt-6 grid gap-6 lg:grid-cols-2" data-testid="approval-tracking" data-total={data.total} data-overdue={data.overdueTotal}>
        <Card title={t("tracking.byStatus", { total: data.total })}>
          <BarChart title={t("tracking.byStatus", { total: data.total })} bars={data.byStatus.map((s) => ({ label: t(`status.${s.status}`), value: s.count, href: list({ status: s.status }) }))} />
        </Card>
        <Card title={t("tracking.byResult")}>
          <BarChart title={t("tracking.byResult")} bars={data.byResult.map((r) => ({ label: t(`result.${r.result}`), value: r.count, href: list({ result: r.result }) }))} />
        </Card>
        <Card title={t("tracking.pendingByAge")}>
          <BarChart title={t("tracking.pendingByAge")} bars={data.pendingByAge.map((a) => ({ label: t(`tracking.age.${a.bucket}`), value: a.count }))} />
        </Card>
        <Card title={t("tracking.overdue", { total: data.overdueTotal })}>
          {data.overdue.length === 0 ? (
            <p className="text-sm text-slate-500">{t("tracking.noSla")}</p>
          ) : (
            <BarChart
              title={t("tracking.overdue", { total: data.overdueTotal })}
              bars={data.overdue.map((o) => ({ label: `${o.name} (${t("tracking.slaHours", { hours: o.slaHours })})`, value: o.overdue, href: list({ overdue: true, tpl: [o.processCode] }) }))}
            />
          )}
        </Card>
        <Card title={t("tracking.weekly")} className="lg:col-span-2">
          <div className="grid gap-4 md:grid-cols-2">
            <div>
              <h3 className="mb-1 text-xs text-slate-500">{t("tracking.started")}</h3>
              <LineChart title={t("tracking.started")} points={data.weekly.map((w) => ({ label: w.week, value: w.started }))} />
            </div>
            <div>
              <h3 className="mb-1 text-xs text-slate-500">{t("tracking.finished")}</h3>
              <LineChart title={t("tracking.finished")} points={data.weekly.map((w) => ({ label: w.week, value: w.finished }))} />
            </div>
          </div>
        </Card>
        <Card title={t("tracking.bottlenecks")}>
          {data.bottlenecks.length === 0 ? (
            <p className="text-sm text-slate-500">{t("tracking.noPending")}</p>
          ) : (
            <>
              <BarChart title={t("tracking.bottlenecks")} bars={data.bottlenecks.map((b) => ({ label: b.name ?? b.userId, value: b.pending, href: list({ approver: b.userId }) }))} />
              <table className="mt-4 w-full text-sm" data-testid="bottlenecks">
                <TableHead columns={[t("tracking.approver"), { label: t("tracking.pending"), align: "right" }, { label: t("tracking.oldestWait"), align: "right" }, { label: t("tracking.medianAct"), align: "right" }]} />
                <tbody>
                  {data.bottlenecks.map((b) => (
                    <tr key={b.userId} className="border-t border-slate-100" data-userid={b.userId}>
                      <td className="py-1.5 pr-3">
                        <PersonLink userId={b.userId} name={b.name} />
                      </td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">
                        <Link href={list({ approver: b.userId })} className="text-brand-600 hover:underline">
                          {b.pending}
                        </Link>
                      </td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{durationText(t, b.oldestWaitSeconds)}</td>
                      <td className="py-1.5 text-right tabular-nums">{b.acted > 0 ? durationText(t, b.medianActSeconds) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
        <Card title={t("tracking.cycleTime")}>
          {data.cycleTimes.length === 0 ? (
            <p className="text-sm text-slate-500">{t("tracking.noCompleted")}</p>
          ) : (
            <>
              <BarChart title={t("tracking.cycleTimeHours")} bars={data.cycleTimes.map((c) => ({ label: c.name, value: hours(c.p50Seconds), href: list({ tpl: [c.processCode], status: "COMPLETED" }) }))} />
              <table className="mt-4 w-full text-sm" data-testid="cycle-times">
                <TableHead columns={[t("tracking.template"), { label: t("tracking.completed"), align: "right" }, { label: "p50", align: "right" }, { label: "p90", align: "right" }]} />
                <tbody>
                  {data.cycleTimes.map((c) => (
                    <tr key={c.processCode} className="border-t border-slate-100" data-code={c.processCode}>
                      <td className="py-1.5 pr-3">{c.name}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{c.completed}</td>
                      <td className="py-1.5 pr-3 text-right tabular-nums">{durationText(t, c.p50Seconds)}</td>
                      <td className="py-1.5 text-right tabular-nums">{durationText(t, c.p90Seconds)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
