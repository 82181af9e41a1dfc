import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { Card, PageTitle } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { requireArea } from "@/lib/authz/require-area";
import { budgetConfig } from "@/lib/budget/config";
import { recentJobDecisions } from "@/lib/budget/plan";
import { monthUsage } from "@/lib/budget/usage";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { usageAreaLabel } from "./area-label";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("usage.title");

const DECISIONS = ["run", "shrink", "skip"] as const;

/** DingTalk calls this month against the org's quota: by day, by purpose, the busiest APIs, and what the budget decided. */
export default async function UsagePage() {
  await requireArea("settings");
  const t = await getTranslations("usage");
  const format = await getFormatter();
  const db = getDb();
  const config = budgetConfig();
  const [usage, decisions] = await Promise.all([monthUsage(db, config), recentJobDecisions(db, 20)]);
  const percent = (n: number) => format.number(n, { style: "percent", maximumFractionDigits: 1 });
  const share = (n: number) => (usage.quota === null ? null : percent(n / usage.quota));
  const areaLabel = await usageAreaLabel();

  return (
    <>
      <PageTitle sub={t("month", { month: usage.month })}>{t("title")}</PageTitle>
      <div className="mb-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="usage-summary">
        <Card>
          <div className="text-xs text-slate-500">{t("used")}</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="usage-used">
            {format.number(usage.used)}
          </div>
          {share(usage.used) ? <div className="text-xs text-slate-500">{t("ofQuota", { share: share(usage.used)! })}</div> : null}
        </Card>
        <Card>
          <div className="text-xs text-slate-500">{t("quota")}</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="usage-quota">
            {usage.quota === null ? t("unlimited") : format.number(usage.quota)}
          </div>
        </Card>
        <Card>
          <div className="text-xs text-slate-500">{t("projected")}</div>
          <div className="text-2xl font-semibold tabular-nums" data-testid="usage-projected">
            {format.number(usage.projected)}
          </div>
          {share(usage.projected) ? <div className="text-xs text-slate-500">{t("ofQuota", { share: share(usage.projected)! })}</div> : null}
        </Card>
        <Card>
          <div className="text-xs text-slate-500">{t("background")}</div>
          <div className="text-sm tabular-nums" data-testid="usage-background">
            {usage.backgroundBudget === null ? format.number(usage.background) : t("backgroundOf", { used: usage.background, budget: usage.backgroundBudget })}
          </div>
          <div className="mt-1 text-xs text-slate-500">
            {t("unmetered")}: <span className="tabular-nums">{format.number(usage.unmetered)}</span>
          </div>
        </Card>
      </div>
      <Card
        title={t("byDay")}
        actions={
          <Link href="/settings/usage/export" prefetch={false} className="text-sm text-brand-600 hover:underline" data-testid="usage-export">
            {t("export")}
          </Link>
        }
      >
        <LineChart title={t("byDay")} points={usage.byDay.map((d) => ({ label: d.day.slice(5), value: d.calls }))} />
      </Card>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <Card title={t("byArea")}>
          {usage.byArea.length === 0 ? (
            <p className="text-sm text-slate-500">{t("none")}</p>
          ) : (
            <div data-testid="usage-by-area">
              <BarChart title={t("byArea")} bars={usage.byArea.map((a) => ({ label: areaLabel(a.area), value: a.calls }))} />
            </div>
          )}
        </Card>
        <Card title={t("topApis")}>
          {usage.byApi.length === 0 ? (
            <p className="text-sm text-slate-500">{t("none")}</p>
          ) : (
            <table className="w-full text-sm" data-testid="usage-top-apis">
              <TableHead columns={[t("api"), { label: t("calls"), align: "right" }]} />
              <tbody>
                {usage.byApi.slice(0, 10).map((a) => (
                  <tr key={a.api} className="border-t border-slate-100" data-api={a.api}>
                    <td className="py-1.5 pr-3 font-mono text-xs">{a.api}</td>
                    <td className="py-1.5 text-right tabular-nums">{format.number(a.calls)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      </div>
      <Card title={t("decisions")} className="mt-4">
        {decisions.length === 0 ? (
          <p className="text-sm text-slate-500">{t("noDecisions")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="usage-decisions">
            <TableHead columns={[t("decisionAt"), t("job"), t("decisionLabel"), { label: t("estimate"), align: "right" }, { label: t("remaining"), align: "right" }]} />
            <tbody>
              {decisions.map((d) => (
                <tr key={d.id} className="border-t border-slate-100" data-decision={d.decision} data-job={d.job}>
                  <td className="py-1.5 pr-3 tabular-nums">{format.dateTime(d.at, "full")}</td>
                  <td className="py-1.5 pr-3">{areaLabel(d.job)}</td>
                  <td className="py-1.5 pr-3">{DECISIONS.includes(d.decision as (typeof DECISIONS)[number]) ? t(`decision.${d.decision as (typeof DECISIONS)[number]}`) : d.decision}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums">{format.number(d.estimatedCalls)}</td>
                  <td className="py-1.5 text-right tabular-nums">{d.remainingCalls === null ? t("unlimited") : format.number(d.remainingCalls)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
