import Link from "next/link";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/catalog";
import { loadDepartmentView } from "@/lib/org/department-view";
import { getDingTalk } from "@/lib/server/dingtalk";
import { DepartmentPath, MembersTable, SubDepartmentList, departmentHref } from "./department-parts";

/** One department asked of DingTalk itself: what the page shows until the directory has been synced. */
export async function LiveDepartment({ deptId, cursor, showContacts, t, locale }: { deptId: number; cursor: number; showContacts: boolean; t: Translate; locale: Locale }) {
  let view;
  try {
    view = await loadDepartmentView(getDingTalk(), deptId, cursor);
  } catch (error) {
    return <DingTalkErrorPanel error={error} t={t} locale={locale} />;
  }
  return (
    <>
      <DepartmentPath ancestors={view.path.slice(0, -1)} current={view.department} />
      <div className="grid gap-6 lg:grid-cols-[18rem_1fr]">
        <Card title={t("dept.subDepartments")}>
          <SubDepartmentList items={view.children} t={t} />
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
                {t("dept.managers")}: {view.managers.join(t("common.listSeparator"))}
              </span>
            ) : null
          }
        >
          {/* Person pages read the synced directory, which does not exist yet: no links. */}
          <MembersTable rows={view.members} showContacts={showContacts} linkToPerson={false} t={t} />
          {view.nextCursor !== undefined ? (
            <Link className={`${buttonClass("secondary", "sm")} mt-4`} href={departmentHref(deptId, { cursor: view.nextCursor })}>
              {t("dept.more")}
            </Link>
          ) : null}
        </Card>
      </div>
    </>
  );
}
