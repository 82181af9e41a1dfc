import Link from "next/link";
import { useTranslations } from "next-intl";
import { DataTable, type DataColumn } from "@/components/data-table/data-table";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import type { DeptRef, MemberRow } from "@/lib/directory/queries";
import type { Translate } from "@/lib/i18n/catalog";
import { maskMobile } from "@/lib/privacy";

// The pieces both department views draw: the synced one from the database and the live one
// from DingTalk before the first sync.

export function departmentHref(deptId: number, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams({ dept: String(deptId) });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return `/departments?${params.toString()}`;
}

/** Root first, then each ancestor as a link, the department itself last and plain. */
export function DepartmentPath({ ancestors, current }: { ancestors: readonly DeptRef[]; current: DeptRef }) {
  const t = useTranslations("dept");
  return (
    <nav aria-label={t("path")} className="mb-4 flex flex-wrap items-center gap-1 text-sm text-slate-500" data-testid="dept-path">
      {ancestors.map((d) => (
        <span key={d.deptId} className="flex items-center gap-1">
          <Link className="hover:text-brand-600" href={departmentHref(d.deptId)}>
            {d.name}
          </Link>
          <span aria-hidden>/</span>
        </span>
      ))}
      <span className="font-medium text-slate-900">{current.name}</span>
    </nav>
  );
}

export function SubDepartmentList({ items, t }: { items: readonly (DeptRef & { headcount?: number })[]; t: Translate }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">{t("dept.none")}</p>;
  return (
    <ul className="flex flex-col gap-1" data-testid="sub-departments">
      {items.map((c) => (
        <li key={c.deptId} className="flex items-center gap-2">
          {/* The head count stays outside the link: the link's text is the department's name. */}
          <Link href={departmentHref(c.deptId)} className="flex-1 rounded px-2 py-1.5 text-sm hover:bg-slate-100">
            {c.name}
          </Link>
          {c.headcount !== undefined ? (
            <span className="text-xs tabular-nums text-slate-400" data-testid="sub-headcount">
              {c.headcount}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** Members of one department; mobiles masked unless the viewer may read contacts. */
export function MembersTable({ rows, showContacts, linkToPerson, t }: { rows: readonly MemberRow[]; showContacts: boolean; linkToPerson: boolean; t: Translate }) {
  const columns: DataColumn<MemberRow>[] = [
    { id: "name", header: t("col.name"), className: "font-medium", cell: (u) => (linkToPerson ? <PersonLink userId={u.userId} name={u.name} /> : u.name) },
    { id: "title", header: t("col.title"), className: "text-slate-600", cell: (u) => u.title },
    { id: "mobile", header: t("col.mobile"), testId: "member-mobile", className: "tabular-nums text-slate-600", cell: (u) => (showContacts ? u.mobile : maskMobile(u.mobile)) },
    { id: "jobNumber", header: t("col.jobNumber"), className: "text-slate-600", cell: (u) => u.jobNumber },
    { id: "status", header: t("col.status"), cell: (u) => (u.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>) },
  ];
  return <DataTable columns={columns} rows={rows} rowKey={(u) => u.userId} rowAttributes={(u) => ({ "data-userid": u.userId })} testId="members" empty={t("dept.noMembers")} />;
}
