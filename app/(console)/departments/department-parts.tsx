import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { DeptRef, MemberRow } from "@/lib/directory/queries";
import type { Translate } from "@/lib/i18n/catalog";
import { maskMobile } from "@/lib/privacy";
import { TableHead } from "@/components/ui/table-head";

// The pieces both department views draw: the synced one from the database and the live one
// from DingTalk before the first sync.

export function departmentHref(deptId: number, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams({ dept: String(deptId) });
  for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== "") params.set(k, String(v));
  return `/departments?${params.toString()}`;
}

/** Root first, then each ancestor as a link, the department itself last and plain. */
export function DepartmentPath({ ancestors, current }: { ancestors: readonly DeptRef[]; current: DeptRef }) {
  return (
    <nav aria-label="breadcrumb" className="mb-4 flex flex-wrap items-center gap-1 text-sm text-slate-500" data-testid="dept-path">
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
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t("dept.noMembers")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="members">
        <TableHead columns={[t("col.name"), t("col.title"), t("col.mobile"), t("col.jobNumber"), t("col.status")]} />
        <tbody>
          {rows.map((u) => (
            <tr key={u.userId} className="border-t border-slate-100" data-userid={u.userId}>
              <td className="py-2 pr-3 font-medium">
                {linkToPerson ? (
                  <Link href={`/directory/${encodeURIComponent(u.userId)}`} className="text-brand-600 hover:underline">
                    {u.name}
                  </Link>
                ) : (
                  u.name
                )}
              </td>
              <td className="py-2 pr-3 text-slate-600">{u.title}</td>
              <td className="py-2 pr-3 tabular-nums text-slate-600" data-testid="member-mobile">
                {showContacts ? u.mobile : maskMobile(u.mobile)}
              </td>
              <td className="py-2 pr-3 text-slate-600">{u.jobNumber}</td>
              <td className="py-2">{u.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
