import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { listAudit } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { formatDateTime } from "@/lib/i18n/format";
import { getLocale, getTranslations } from "next-intl/server";
import { PAGE_SIZE, auditFilters, auditHref, parseAuditQuery, type SortField } from "./query";
import { TableHead } from "@/components/ui/table-head";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "审计日志 / Audit log" };

const OUTCOME_TONE = { ok: "green", error: "red", unknown: "amber" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("audit.read");
  const t = await getTranslations();
  const locale = await getLocale();
  const q = parseAuditQuery(await searchParams);
  const { rows, total } = await listAudit(getDb(), { ...auditFilters(q), sort: { field: q.sort, dir: q.dir }, page: q.page, pageSize: PAGE_SIZE });
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));

  const sortLink = (field: SortField, label: string) => {
    const active = q.sort === field;
    const dir = active && q.dir === "desc" ? "asc" : "desc";
    return (
      <Link href={auditHref(q, { sort: field, dir, page: 1 })} className={`hover:text-slate-900 ${active ? "text-slate-900" : ""}`} aria-sort={active ? (q.dir === "asc" ? "ascending" : "descending") : undefined}>
        {label}
        {active ? (q.dir === "asc" ? " ↑" : " ↓") : ""}
      </Link>
    );
  };

  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <Card>
        <form method="get" className="grid gap-3 text-sm sm:grid-cols-6 sm:items-end" data-testid="audit-filters">
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("audit.actor")}</span>
            <input name="actor" defaultValue={q.actor} className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("audit.action")}</span>
            <input name="action" defaultValue={q.action} placeholder="role.grant" className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("audit.outcome.label")}</span>
            <select name="outcome" defaultValue={q.outcome ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
              <option value="">{t("audit.any")}</option>
              <option value="ok">{t("audit.outcome.ok")}</option>
              <option value="error">{t("audit.outcome.error")}</option>
              <option value="unknown">{t("audit.outcome.unknown")}</option>
            </select>
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("audit.from")}</span>
            <input type="datetime-local" name="from" defaultValue={q.from} className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("audit.to")}</span>
            <input type="datetime-local" name="to" defaultValue={q.to} className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary", "sm")}>
              {t("audit.filter")}
            </button>
            <Link href="/audit" className={buttonClass("secondary", "sm")}>
              {t("audit.reset")}
            </Link>
          </div>
        </form>
      </Card>
      <Card
        className="mt-6"
        title={t("common.page", { page: q.page, pages, total })}
        actions={
          <a href={auditHref(q, { page: 1 }, "/audit/export")} className={buttonClass("secondary", "sm")} data-testid="audit-export">
            {t("audit.exportCsv")}
          </a>
        }
      >
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("audit.empty")}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="audit-table">
              <TableHead columns={[sortLink("at", t("audit.at")), sortLink("actorId", t("audit.actor")), sortLink("action", t("audit.action")), t("audit.target"), sortLink("outcome", t("audit.outcome.label")), { label: sortLink("durationMs", t("audit.duration")), align: "right" }, t("audit.requestId")]} />
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100 align-top" data-action={r.action} data-outcome={r.outcome}>
                    <td className="whitespace-nowrap py-2 pr-3 tabular-nums text-slate-600">{formatDateTime(r.at, locale)}</td>
                    <td className="py-2 pr-3">
                      {r.actorName ?? r.actorId}
                      <span className="block text-xs text-slate-400">{r.actorId}</span>
                    </td>
                    <td className="py-2 pr-3 font-mono text-xs">{r.action}</td>
                    <td className="py-2 pr-3 text-xs text-slate-600">
                      {[r.targetType, r.targetId].filter(Boolean).join(":")}
                      {r.input ? <code className="mt-1 block max-w-xs truncate text-slate-400" title={r.input}>{r.input}</code> : null}
                    </td>
                    <td className="py-2 pr-3">
                      {r.outcome in OUTCOME_TONE ? <Badge tone={OUTCOME_TONE[r.outcome as keyof typeof OUTCOME_TONE]}>{t(`audit.outcome.${r.outcome as keyof typeof OUTCOME_TONE}`)}</Badge> : <Badge tone="gray">{r.outcome}</Badge>}
                      {r.errorMessage ? <span className="mt-1 block max-w-xs text-xs text-red-700">{r.errorCode ? `[${r.errorCode}] ` : ""}{r.errorMessage}</span> : null}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums text-slate-600">{r.durationMs} ms</td>
                    <td className="py-2 font-mono text-xs text-slate-400">{r.requestId ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="mt-4 flex justify-between text-sm">
          {q.page > 1 ? <Link href={auditHref(q, { page: q.page - 1 })} className={buttonClass("secondary", "sm")}>{t("common.prev")}</Link> : <span />}
          {q.page < pages ? <Link href={auditHref(q, { page: q.page + 1 })} className={buttonClass("secondary", "sm")}>{t("common.next")}</Link> : <span />}
        </div>
      </Card>
    </>
  );
}
