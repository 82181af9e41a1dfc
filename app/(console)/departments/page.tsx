import Link from "next/link";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePermission } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { searchDepartments } from "@/lib/directory/department-search";
import { can } from "@/lib/authz/permissions";
import { getT } from "@/lib/i18n/server";
import { loadDepartmentView } from "@/lib/org/department-view";
import { maskMobile } from "@/lib/privacy";
import { getDingTalk } from "@/lib/server/dingtalk";

import { DepartmentTree } from "./department-tree";

export const dynamic = "force-dynamic";

function parseDeptId(raw: string | undefined): number {
  const n = Number(raw ?? "1");
  return Number.isInteger(n) && n > 0 ? n : 1;
}

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePermission("departments.read");
  const { t, locale } = await getT();
  const params = await searchParams;
  const deptId = parseDeptId(params.dept);
  const cursor = Number(params.cursor ?? "0") || 0;
  const showContacts = can(actor.roles, "people.contact.read");

  // The synced tree and department search, when the directory has been synced; the browse
  // below asks DingTalk itself, so it works before the first sync too.
  const db = getDb();
  const q = (params.q ?? "").trim().slice(0, 50);
  const [synced, current, hits] = await Promise.all([
    db.directoryDepartment.count({ take: 1 }),
    db.directoryDepartment.findUnique({ where: { deptId }, select: { path: true } }),
    q ? searchDepartments(db, q) : Promise.resolve([]),
  ]);
  const tree =
    synced > 0 ? (
      <Card title={t("dept.tree")} className="mb-6">
        <form method="get" className="mb-3 flex gap-2 text-sm">
          <input name="q" defaultValue={q} placeholder={t("dept.search")} className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5" />
          <input type="hidden" name="dept" value={deptId} />
          <button type="submit" className={buttonClass("secondary", "sm")}>
            {t("dir.search")}
          </button>
        </form>
        {q ? (
          <ul className="mb-3 flex flex-col gap-1 text-sm" data-testid="department-hits">
            {hits.length === 0 ? <li className="text-slate-500">{t("dept.noHits")}</li> : null}
            {hits.map((h) => (
              <li key={h.deptId}>
                <Link href={`/departments?dept=${h.deptId}`} className="text-brand-600 hover:underline">
                  {h.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        <DepartmentTree current={deptId} openPath={current ? current.path.split("/").filter(Boolean).map(Number) : []} />
      </Card>
    ) : null;

  let view;
  try {
    view = await loadDepartmentView(getDingTalk(), deptId, cursor);
  } catch (error) {
    return (
      <>
        <PageTitle>{t("dept.title")}</PageTitle>
        {tree}
        <DingTalkErrorPanel error={error} t={t} locale={locale} />
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("dept.title")}</PageTitle>
      {tree}
      <nav aria-label="breadcrumb" className="mb-4 flex flex-wrap items-center gap-1 text-sm text-slate-500" data-testid="dept-path">
        {view.path.map((d, i) => (
          <span key={d.deptId} className="flex items-center gap-1">
            {i > 0 ? <span aria-hidden>/</span> : null}
            {d.deptId === deptId ? (
              <span className="font-medium text-slate-900">{d.name}</span>
            ) : (
              <Link className="hover:text-brand-600" href={`/departments?dept=${d.deptId}`}>
                {d.name}
              </Link>
            )}
          </span>
        ))}
      </nav>
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Card title={t("dept.subDepartments")}>
          {view.children.length === 0 ? (
            <p className="text-sm text-slate-500">{t("dept.none")}</p>
          ) : (
            <ul className="flex flex-col gap-1" data-testid="sub-departments">
              {view.children.map((c) => (
                <li key={c.deptId}>
                  <Link href={`/departments?dept=${c.deptId}`} className="block rounded px-2 py-1.5 text-sm hover:bg-slate-100">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card
          title={
            <span>
              {t("dept.members")} · {view.department.name}
            </span>
          }
          actions={
            view.managers.length > 0 ? (
              <span className="text-xs text-slate-500">
                {t("dept.managers")}: {view.managers.join("、")}
              </span>
            ) : null
          }
        >
          {view.members.length === 0 ? (
            <p className="text-sm text-slate-500">{t("dept.noMembers")}</p>
          ) : (
            <table className="w-full text-sm" data-testid="members">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="py-2 font-medium">{t("col.name")}</th>
                  <th className="py-2 font-medium">{t("col.title")}</th>
                  <th className="py-2 font-medium">{t("col.mobile")}</th>
                  <th className="py-2 font-medium">{t("col.jobNumber")}</th>
                  <th className="py-2 font-medium">{t("col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {view.members.map((u) => (
                  <tr key={u.userId} className="border-t border-slate-100" data-userid={u.userId}>
                    <td className="py-2 font-medium">{u.name}</td>
                    <td className="py-2 text-slate-600">{u.title}</td>
                    <td className="py-2 tabular-nums text-slate-600" data-testid="member-mobile">
                      {showContacts ? u.mobile : maskMobile(u.mobile)}
                    </td>
                    <td className="py-2 text-slate-600">{u.jobNumber}</td>
                    <td className="py-2">{u.active ? <Badge tone="green">{t("status.active")}</Badge> : <Badge>{t("status.inactive")}</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {view.nextCursor !== undefined ? (
            <Link className={`${buttonClass("secondary", "sm")} mt-4`} href={`/departments?dept=${deptId}&cursor=${view.nextCursor}`}>
              {t("dept.more")}
            </Link>
          ) : null}
        </Card>
      </div>
    </>
  );
}
