import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { TableHead } from "@/components/ui/table-head";
import { estimateBackfill } from "@/lib/approvals/backfill";
import { getBackfillProgress } from "@/lib/approvals/progress";
import { requirePermission } from "@/lib/auth/current";
import { requireArea } from "@/lib/authz/require-area";
import { budgetConfig } from "@/lib/budget/config";
import { jobEstimate } from "@/lib/budget/estimate";
import { quotaState } from "@/lib/budget/quota-state";
import { monthUsage } from "@/lib/budget/usage";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { ApprovalsNav } from "../parts";
import { BackfillPanel } from "./backfill-panel";
import { SlaForm } from "./sla-form";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.sync.title");

/** The index's administration (admins): the backfill, its cost first and its progress, and each template's time limit. */
export default async function ApprovalsSyncPage() {
  await requireArea("approvals");
  const actor = await requirePermission("approvals.manage");
  const [t, format] = await Promise.all([getTranslations("approvals"), getFormatter()]);
  const db = getDb();
  const [estimate, progress, usage, quota, templates, counts] = await Promise.all([
    estimateBackfill(db),
    getBackfillProgress(db),
    monthUsage(db, budgetConfig()),
    quotaState(db),
    db.approvalTemplate.findMany({ orderBy: { name: "asc" } }),
    db.approvalInstance.groupBy({ by: ["processCode"], _count: { _all: true } }),
  ]);
  const job = jobEstimate(usage, estimate.calls, quota.blocked);
  const held = new Map(counts.map((c) => [c.processCode, c._count._all]));
  return (
    <>
      <PageTitle sub={t("sync.sub")}>{t("sync.title")}</PageTitle>
      <ApprovalsNav actor={actor} current="sync" />
      <Card title={t("sync.backfill")}>
        <BackfillPanel initial={progress} estimate={{ ...job, lowerBound: estimate.lowerBound, pages: estimate.pages, details: estimate.details }} />
      </Card>
      <Card title={t("sync.templates")} className="mt-6">
        {templates.length === 0 ? (
          <p className="text-sm text-slate-500">{t("sync.noTemplates")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="sla-table">
            <TableHead columns={[t("sync.template"), { label: t("sync.instances"), align: "right" }, t("sync.syncedAt"), t("sync.sla")]} />
            <tbody>
              {templates.map((tpl) => (
                <tr key={tpl.processCode} className="border-t border-slate-100" data-code={tpl.processCode}>
                  <td className="py-2 pr-3">
                    {tpl.name}
                    <span className="block font-mono text-xs text-slate-400">{tpl.processCode}</span>
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{held.get(tpl.processCode) ?? 0}</td>
                  <td className="py-2 pr-3 tabular-nums text-slate-600">{format.dateTime(tpl.syncedAt, "full")}</td>
                  <td className="py-2">
                    <SlaForm processCode={tpl.processCode} slaHours={tpl.slaHours} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
