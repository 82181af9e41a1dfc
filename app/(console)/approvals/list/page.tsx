import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ListActions } from "@/components/data-table/list-actions";
import { DataTable, columnChoices, type DataColumn } from "@/components/data-table/data-table";
import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { approvalScopeOf, indexVersion, LIST_PAGE_SIZE, listApprovals, type ApprovalRow, type ApprovalSortField } from "@/lib/approvals/queries";
import { can } from "@/lib/authz/permissions";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { LiveRefresh } from "../live-refresh";
import { ApprovalFilters, ApprovalsNav, durationText, StatusBadge } from "../parts";
import { approvalsListState, filterOf, listHref, toListInput, trackingHref, type ApprovalsListQuery } from "../query";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.list.title");

/** Every approval the index holds (within what the person may see), filtered, sorted and paged by the database. */
export default async function ApprovalsListPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("approvals");
  const scope = approvalScopeOf(actor)!;
  const [t, format] = await Promise.all([getTranslations("approvals"), getFormatter()]);
  const q = approvalsListState.parse(await searchParams);
  const db = getDb();
  const now = new Date();
  const [result, templates, version] = await Promise.all([
    listApprovals(db, scope, toListInput(q), now),
    db.approvalTemplate.findMany({ select: { processCode: true, name: true }, orderBy: { name: "asc" } }),
    indexVersion(db),
  ]);
  const href = (change: Partial<ApprovalsListQuery>) => listHref(q, change);
  const canExport = can(actor.roles, "approvals.export");
  const wait = (since: Date | null) => durationText(t, since ? Math.round((now.getTime() - since.getTime()) / 1000) : null);

  const columns: DataColumn<ApprovalRow, ApprovalSortField>[] = [
    {
      id: "title",
      header: t("list.col.title"),
      sortField: "title",
      hideable: false,
      cell: (r) => (
        <Link href={`/approvals/${encodeURIComponent(r.processInstanceId)}`} className="font-medium text-brand-600 hover:underline">
          {r.title}
        </Link>
      ),
    },
    { id: "template", header: t("list.col.template"), sortField: "processCode", className: "text-slate-600", cell: (r) => r.templateName },
    { id: "originator", header: t("list.col.originator"), cell: (r) => <PersonLink userId={r.originatorUserId} name={r.originatorName} /> },
    { id: "department", header: t("list.col.department"), className: "text-slate-600", cell: (r) => r.originatorDeptName },
    {
      id: "status",
      header: t("list.col.status"),
      sortField: "status",
      cell: (r) => (
        <span className="flex flex-wrap gap-1">
          <StatusBadge status={r.status} result={r.result} />
          {r.overdue ? <Badge tone="red">{t("list.overdue")}</Badge> : null}
        </span>
      ),
    },
    {
      id: "approvers",
      header: t("list.col.approvers"),
      cell: (r) => (
        <span className="flex flex-col">
          {r.approvers.map((a) => (
            <span key={a.userId} className="whitespace-nowrap">
              <PersonLink userId={a.userId} name={a.name} /> <span className="text-xs text-slate-400">{wait(a.since)}</span>
            </span>
          ))}
        </span>
      ),
    },
    { id: "createTime", header: t("list.col.createTime"), sortField: "createTime", sortFirst: "desc", className: "tabular-nums text-slate-600 whitespace-nowrap", cell: (r) => format.dateTime(r.createTime, "full") },
    { id: "finishTime", header: t("list.col.finishTime"), sortField: "finishTime", sortFirst: "desc", className: "tabular-nums text-slate-600 whitespace-nowrap", cell: (r) => (r.finishTime ? format.dateTime(r.finishTime, "full") : "") },
  ];

  const exportHref = (fmt: "csv" | "xlsx") => listHref(q, { page: 1 }, `/approvals/export/${fmt}`);
  return (
    <>
      <PageTitle sub={scope.all ? t("tracking.subAll") : t("tracking.subOwn")}>{t("list.title")}</PageTitle>
      <ApprovalsNav actor={actor} current="list" query={trackingHref(filterOf(q)).slice("/approvals".length)} />
      <LiveRefresh version={version} />
      <Card>
        <ApprovalFilters db={db} q={q} action="/approvals/list" templates={templates} keep={{ sort: q.sort, dir: q.dir, hide: q.hide.join(",") || undefined }} />
      </Card>
      <Card
        className="mt-6"
        title={t("list.found", { total: result.total })}
        actions={
          <ListActions columns={columnChoices(columns, q, href)} exports={canExport ? { csv: exportHref("csv"), xlsx: exportHref("xlsx") } : undefined} />
        }
      >
        <DataTable
          columns={columns}
          rows={result.rows}
          rowKey={(r) => r.processInstanceId}
          rowAttributes={(r) => ({ "data-id": r.processInstanceId, "data-code": r.processCode, "data-status": r.status, "data-result": r.result })}
          state={q}
          href={href}
          testId="approvals-table"
          empty={t("list.empty")}
        />
        <Pager page={q.page} pages={pageCount(result.total, LIST_PAGE_SIZE)} total={result.total} href={(page) => href({ page })} />
      </Card>
    </>
  );
}
