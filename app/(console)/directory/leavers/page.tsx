import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { collect } from "@/lib/dingtalk";
import { listLeavers } from "@/lib/dingtalk/directory-extras";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { dayRange, dayStart, daysBetween, parseDay, shanghaiDay } from "@/lib/time";
import { maskMobile } from "@/lib/privacy";
import { getDingTalk } from "@/lib/server/dingtalk";
import { TableHead } from "@/components/ui/table-head";
import { DateFilterForm } from "../date-filter-form";
import { leaversState } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("lists.leavers");

const MAX_SPAN_DAYS = 365;

/** 离职记录: who left the org between two days (both included), asked of DingTalk. */
export default async function LeaversPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePermission("directory.lookup");
  const t = await getTranslations();
  const locale = await getLocale();
  const format = await getFormatter();
  const params = leaversState.parse(await searchParams);
  const now = new Date();
  const from = params.from === undefined ? shanghaiDay(now, -30) : parseDay(params.from);
  const to = params.to === undefined ? shanghaiDay(now) : parseDay(params.to);
  const span = from && to ? daysBetween(from, to) : -1;
  const valid = from !== null && to !== null && span >= 0 && span <= MAX_SPAN_DAYS;
  const contacts = can(actor.roles, "people.contact.read");

  let body: React.ReactNode = <Notice tone="error">{t("lists.badRange")}</Notice>;
  if (valid) {
    const end = new Date(Math.min(dayRange(to).end.getTime() - 1, now.getTime()));
    const found = await collect(listLeavers(getDingTalk(), { from: dayStart(from), to: end })).then(
      (records) => ({ ok: true as const, records }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    body = !found.ok ? (
      <DingTalkErrorPanel error={found.error} t={t} locale={locale} />
    ) : (
      <>
        <p className="mb-3 text-sm text-slate-600" data-testid="leavers-count">
          {t("lists.count", { count: found.records.length })}
        </p>
        <table className="w-full text-sm" data-testid="leavers-table">
          <TableHead columns={[t("col.name"), t("lists.leaveTime"), t("col.mobile"), t("lists.reason")]} />
          <tbody>
            {found.records.map((r) => (
              <tr key={`${r.userId}:${r.leaveTime}`} className="border-t border-slate-100" data-userid={r.userId}>
                <td className="py-2 pr-3">{r.name}</td>
                <td className="py-2 pr-3 tabular-nums text-slate-600">{format.dateTime(new Date(r.leaveTime), "full")}</td>
                <td className="py-2 pr-3 tabular-nums text-slate-600">{contacts ? r.mobile : maskMobile(r.mobile)}</td>
                <td className="py-2 text-slate-600">{r.leaveReason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("lists.leavers")}</PageTitle>
      <Card>
        <DateFilterForm
          fields={[
            { name: "from", label: t("lists.from"), value: from ?? params.from },
            { name: "to", label: t("lists.to"), value: to ?? params.to },
          ]}
          submit={t("lists.show")}
        />
        {body}
      </Card>
    </>
  );
}
