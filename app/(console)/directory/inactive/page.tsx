import Link from "next/link";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
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
import { TableHead } from "@/components/ui/table-head";
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
          <table className="w-full text-sm" data-testid="inactive-table">
            <TableHead columns={[t("col.name"), t("dir.departments"), t("col.title")]} />
            <tbody>
              {found.ids.map((id) => {
                const p = people.get(id);
                return (
                  <tr key={id} className="border-t border-slate-100" data-userid={id}>
                    <td className="py-2 pr-3">
                      <Link href={`/directory/${encodeURIComponent(id)}`} className="text-brand-600 hover:underline">
                        {p?.name ?? id}
                      </Link>
                    </td>
                    <td className="py-2 pr-3 text-slate-600">{p?.departments.map((d) => d.name).join("、")}</td>
                    <td className="py-2 text-slate-600">{p?.title}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      );
    }
  }

  return (
    <>
      <PageTitle>{t("lists.inactive")}</PageTitle>
      <Card>
        <DateFilterForm fields={[{ name: "date", label: t("lists.date"), value: day ?? raw, max: today }]} submit={t("lists.show")} />
        {body}
      </Card>
    </>
  );
}
