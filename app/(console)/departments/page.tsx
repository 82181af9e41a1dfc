import Link from "next/link";
import { CONTROL_CLASS } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/authz/require-area";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { searchDepartments } from "@/lib/directory/department-search";
import { isDirectorySynced, pathIds } from "@/lib/directory/queries";
import { getLocale, getTranslations } from "next-intl/server";
import { departmentHref } from "./department-parts";
import { departmentsState } from "./query";
import { DepartmentTree } from "./department-tree";
import { LiveDepartment } from "./live-department";
import { SyncedDepartment } from "./synced-department";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("nav.departments");

export default async function DepartmentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("departments");
  const t = await getTranslations();
  const locale = await getLocale();
  const { dept: deptId, page, cursor, q } = departmentsState.parse(await searchParams);
  const showContacts = can(actor.roles, "people.contact.read");
  const db = getDb();

  if (!(await isDirectorySynced(db))) {
    return (
      <>
        <PageTitle>{t("dept.title")}</PageTitle>
        <div className="mb-4">
          <Notice tone="warn">{t("dir.notSynced")}</Notice>
        </div>
        <LiveDepartment deptId={deptId} cursor={cursor} showContacts={showContacts} t={t} locale={locale} />
      </>
    );
  }

  const [current, hits] = await Promise.all([
    db.directoryDepartment.findUnique({ where: { deptId }, select: { path: true } }),
    q ? searchDepartments(db, q) : Promise.resolve([]),
  ]);

  return (
    <>
      <PageTitle>{t("dept.title")}</PageTitle>
      <div className="grid gap-6 xl:grid-cols-[18rem_1fr]">
        <Card title={t("dept.tree")}>
          <form method="get" className="mb-3 flex gap-2 text-sm" data-testid="department-search">
            <input name="q" type="search" defaultValue={q} placeholder={t("dept.search")} aria-label={t("dept.search")} className={`min-w-0 flex-1 ${CONTROL_CLASS}`} />
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
                  <Link href={departmentHref(h.deptId)} className="text-brand-600 hover:underline">
                    {h.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <DepartmentTree current={deptId} openPath={current ? pathIds(current.path) : []} />
        </Card>
        <div className="min-w-0">
          <SyncedDepartment db={db} deptId={deptId} page={page} showContacts={showContacts} t={t} />
        </div>
      </div>
    </>
  );
}
