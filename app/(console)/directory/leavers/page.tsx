import { DataTable } from "@/components/data-table/data-table";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { DateRangePicker } from "@/components/pickers/date-range-picker";
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
        <DataTable
          columns={[
            { id: "name", header: t("col.name"), cell: (r) => r.name },
            { id: "leaveTime", header: t("lists.leaveTime"), className: "tabular-nums text-slate-600", cell: (r) => format.dateTime(new Date(r.leaveTime), "full") },
            { id: "mobile", header: t("col.mobile"), className: "tabular-nums text-slate-600", cell: (r) => (contacts ? r.mobile : maskMobile(r.mobile)) },
            { id: "reason", header: t("lists.reason"), className: "text-slate-600", cell: (r) => r.leaveReason },
          ]}
          rows={found.records}
          rowKey={(r) => `${r.userId}:${r.leaveTime}`}
          rowAttributes={(r) => ({ "data-userid": r.userId })}
          testId="leavers-table"
          empty={t("lists.count", { count: 0 })}
        />
      </>
    );
  }

  return (
    <>
      <PageTitle>{t("lists.leavers")}</PageTitle>
      <Card>
        <DateFilterForm submit={t("lists.show")}>
          <DateRangePicker
            fromName="from"
            toName="to"
            initial={{ from: from ?? params.from, to: to ?? params.to }}
            max={shanghaiDay(now)}
            presets={["last7Days", "last30Days", "thisMonth", "lastMonth"]}
            labels={{ from: t("lists.from"), to: t("lists.to") }}
          />
        </DateFilterForm>
        {body}
      </Card>
    </>
  );
}
