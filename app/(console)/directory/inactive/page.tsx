import { DataTable } from "@/components/data-table/data-table";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { Field } from "@/components/forms/field";
import { PersonLink } from "@/components/person-link";
import { DatePicker } from "@/components/pickers/date-range-picker";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requirePermission } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { collect } from "@/lib/dingtalk";
import { listInactiveUsers } from "@/lib/dingtalk/directory-extras";
import { peopleByIds } from "@/lib/directory/search/search";
import { getLocale, getTranslations } from "next-intl/server";
import { parseDay, shanghaiDay } from "@/lib/time";
import { getDingTalk } from "@/lib/server/dingtalk";
import { DateFilterForm } from "../date-filter-form";
import { inactiveState } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("lists.inactive");

/** 未登录: who did not sign in to DingTalk on a day, asked of DingTalk and named from the synced directory. */
export default async function InactivePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requirePermission("directory.lookup");
  const t = await getTranslations();
  const locale = await getLocale();
  const raw = inactiveState.parse(await searchParams).date;
  const today = shanghaiDay(new Date());
  const day = raw === undefined ? shanghaiDay(new Date(), -1) : parseDay(raw);
  const valid = day !== null && day <= today;

  let body: React.ReactNode = <Notice tone="error">{t("lists.badDate")}</Notice>;
  if (valid) {
    const found = await collect(listInactiveUsers(getDingTalk(), { date: day })).then(
      (ids) => ({ ok: true as const, ids }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    if (!found.ok) body = <DingTalkErrorPanel error={found.error} t={t} locale={locale} />;
    else {
      const people = new Map((await peopleByIds(getDb(), found.ids)).map((p) => [p.userId, p]));
      body = (
        <>
          <p className="mb-3 text-sm text-slate-600" data-testid="inactive-count">
            {t("lists.count", { count: found.ids.length })} {people.size === 0 && found.ids.length > 0 ? t("lists.notSynced") : ""}
          </p>
          <DataTable
            columns={[
              { id: "name", header: t("col.name"), cell: (id) => <PersonLink userId={id} name={people.get(id)?.name} /> },
              { id: "departments", header: t("dir.departments"), className: "text-slate-600", cell: (id) => people.get(id)?.departments.map((d) => d.name).join(t("common.listSeparator")) },
              { id: "title", header: t("col.title"), className: "text-slate-600", cell: (id) => people.get(id)?.title },
            ]}
            rows={found.ids}
            rowKey={(id) => id}
            rowAttributes={(id) => ({ "data-userid": id })}
            testId="inactive-table"
            empty={t("lists.count", { count: 0 })}
          />
        </>
      );
    }
  }

  return (
    <>
      <PageTitle>{t("lists.inactive")}</PageTitle>
      <Card>
        <DateFilterForm submit={t("lists.show")}>
          <Field label={t("lists.date")}>{(control) => <DatePicker name="date" initial={day ?? raw} max={today} {...control} />}</Field>
        </DateFilterForm>
        {body}
      </Card>
    </>
  );
}
