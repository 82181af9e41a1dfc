import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { PersonLink } from "@/components/person-link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import type { Db } from "@/lib/db/client";
import { getDepartment } from "@/lib/directory/queries";
import type { Translate } from "@/lib/i18n/catalog";
import { DepartmentPath, MembersTable, SubDepartmentList, departmentHref } from "./department-parts";

export const MEMBERS_PAGE_SIZE = 50;

/** One department from the synced directory: path, managers, sub-departments and a page of members. */
export async function SyncedDepartment({ db, deptId, page, showContacts, t }: { db: Db; deptId: number; page: number; showContacts: boolean; t: Translate }) {
  const detail = await getDepartment(db, deptId, { page, pageSize: MEMBERS_PAGE_SIZE });
  if (!detail) return <Notice tone="warn">{t("dept.notFound", { id: deptId })}</Notice>;
  const { department, parentPath, managers, subDepartments, members, headcount } = detail;
  const pages = pageCount(members.total, MEMBERS_PAGE_SIZE);

  return (
    <>
      <DepartmentPath ancestors={parentPath} current={department} />
      {department.removedAt ? (
        <div className="mb-4">
          <Notice tone="warn">{t("dept.removed")}</Notice>
        </div>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-[16rem_1fr]">
        <div className="flex flex-col gap-6">
          <Card title={t("dept.managers")}>
            {managers.length === 0 ? (
              <p className="text-sm text-slate-500">{t("dept.noManagers")}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm" data-testid="dept-managers">
                {managers.map((m) => (
                  <li key={m.userId}>
                    <PersonLink userId={m.userId} name={m.name} />
                    {m.title ? <span className="text-xs text-slate-400"> · {m.title}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title={t("dept.subDepartments")}>
            <SubDepartmentList items={subDepartments} t={t} />
          </Card>
        </div>
        <Card
          title={
            <span>
              {t("dept.members")} · {department.name}
            </span>
          }
          actions={
            <span className="flex gap-2">
              <Badge tone="blue">
                <span data-testid="dept-headcount">{t("dept.headcount", { count: headcount })}</span>
              </Badge>
              <Badge>{t("dept.directMembers", { count: members.total })}</Badge>
            </span>
          }
        >
          <MembersTable rows={members.rows} showContacts={showContacts} linkToPerson t={t} />
          <Pager page={page} pages={pages} total={members.total} href={(p) => departmentHref(deptId, { page: p })} always={false} />
        </Card>
      </div>
    </>
  );
}
