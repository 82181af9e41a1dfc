import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ColumnChooser } from "@/components/data-table/column-chooser";
import { DataTable, columnChoices, type DataColumn } from "@/components/data-table/data-table";
import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { SelectField, TextField } from "@/components/forms/field";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { SYSTEM_ACTOR, listAudit, type AuditRow } from "@/lib/audit";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { PAGE_SIZE, auditFilters, auditHref, auditState, type AuditQuery, type SortField } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("audit.title");

const OUTCOME_TONE = { ok: "green", error: "red", unknown: "amber" } as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("audit");
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const q = auditState.parse(await searchParams);
  const { rows, total } = await listAudit(getDb(), { ...auditFilters(q), sort: { field: q.sort, dir: q.dir }, page: q.page, pageSize: PAGE_SIZE });
  const pages = pageCount(total, PAGE_SIZE);
  const href = (change: Partial<AuditQuery>) => auditHref(q, change);

  const columns: DataColumn<AuditRow, SortField>[] = [
    { id: "at", header: t("audit.at"), sortField: "at", sortFirst: "desc", hideable: false, className: "whitespace-nowrap tabular-nums text-slate-600", cell: (r) => format.dateTime(r.at, "full") },
    {
      id: "actor",
      header: t("audit.actor"),
      sortField: "actorId",
      cell: (r) => (
        <>
          {r.actorId === SYSTEM_ACTOR.userId ? r.actorId : <PersonLink userId={r.actorId} name={r.actorName} />}
          <span className="block text-xs text-slate-400">{r.actorId}</span>
        </>
      ),
    },
    { id: "action", header: t("audit.action"), sortField: "action", className: "font-mono text-xs", cell: (r) => r.action },
    {
      id: "target",
      header: t("audit.target"),
      className: "text-xs text-slate-600",
      cell: (r) => (
        <>
          {[r.targetType, r.targetId].filter(Boolean).join(":")}
          {r.input ? (
            <code className="mt-1 block max-w-xs truncate text-slate-400" title={r.input}>
              {r.input}
            </code>
          ) : null}
        </>
      ),
    },
    {
      id: "outcome",
      header: t("audit.outcome.label"),
      sortField: "outcome",
      cell: (r) => (
        <>
          {r.outcome in OUTCOME_TONE ? <Badge tone={OUTCOME_TONE[r.outcome as keyof typeof OUTCOME_TONE]}>{t(`audit.outcome.${r.outcome as keyof typeof OUTCOME_TONE}`)}</Badge> : <Badge tone="gray">{r.outcome}</Badge>}
          {r.errorMessage ? (
            <span className="mt-1 block max-w-xs text-xs text-red-700">
              {r.errorCode ? `[${r.errorCode}] ` : ""}
              {r.errorMessage}
            </span>
          ) : null}
        </>
      ),
    },
    { id: "duration", header: t("audit.duration"), sortField: "durationMs", sortFirst: "desc", align: "right", className: "text-slate-600", cell: (r) => `${r.durationMs} ms` },
    // DingTalk calls the operation spent against the monthly quota; empty for entries older than the meter.
    { id: "calls", header: t("audit.calls"), sortField: "calls", sortFirst: "desc", align: "right", testId: "audit-calls", className: "tabular-nums text-slate-600", cell: (r) => (r.calls === null ? "" : format.number(r.calls)) },
    { id: "requestId", header: t("audit.requestId"), className: "font-mono text-xs text-slate-400", cell: (r) => r.requestId ?? "" },
  ];

  return (
    <>
      <PageTitle>{t("audit.title")}</PageTitle>
      <Card>
        <form method="get" className="grid gap-3 text-sm sm:grid-cols-6 sm:items-end" data-testid="audit-filters">
          <TextField label={t("audit.actor")} name="actor" defaultValue={q.actor} />
          <TextField label={t("audit.action")} name="action" defaultValue={q.action} placeholder="role.grant" />
          <SelectField
            label={t("audit.outcome.label")}
            name="outcome"
            defaultValue={q.outcome ?? ""}
            options={[
              { value: "", label: t("audit.any") },
              { value: "ok", label: t("audit.outcome.ok") },
              { value: "error", label: t("audit.outcome.error") },
              { value: "unknown", label: t("audit.outcome.unknown") },
            ]}
          />
          <TextField label={t("audit.from")} type="datetime-local" name="from" defaultValue={q.from} />
          <TextField label={t("audit.to")} type="datetime-local" name="to" defaultValue={q.to} />
          {q.hide.length > 0 ? <input type="hidden" name="hide" value={q.hide.join(",")} /> : null}
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
        title={t("audit.found", { total })}
        actions={
          <div className="flex gap-2">
            <ColumnChooser columns={columnChoices(columns, q, href)} />
            <a href={auditHref(q, { page: 1 }, "/audit/export")} className={buttonClass("secondary", "sm")} data-testid="audit-export">
              {t("audit.exportCsv")}
            </a>
          </div>
        }
      >
        <DataTable columns={columns} rows={rows} rowKey={(r) => String(r.id)} rowAttributes={(r) => ({ "data-action": r.action, "data-outcome": r.outcome })} state={q} href={href} testId="audit-table" empty={t("audit.empty")} />
        <Pager page={q.page} pages={pages} total={total} href={(page) => href({ page })} />
      </Card>
    </>
  );
}
