import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { BarChart } from "@/components/charts/bar-chart";
import { Heatmap, type HeatCell } from "@/components/charts/heatmap";
import { ListActions } from "@/components/data-table/list-actions";
import { DataTable, columnChoices, type DataColumn } from "@/components/data-table/data-table";
import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { SelectField, TextField } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { attendanceAccess, visiblePeople } from "@/lib/attendance/access";
import { fetchProgress } from "@/lib/attendance/fetch";
import { attendanceGroupChoices } from "@/lib/attendance/groups";
import { estimateBuild, unfetchedPersonDays } from "@/lib/attendance/report";
import { filterAndSort, reportViews, SUMMARY_KEYS, type DayStatus, type ReportPerson } from "@/lib/attendance/views";
import { can } from "@/lib/authz/permissions";
import { requireArea } from "@/lib/authz/require-area";
import { budgetConfig } from "@/lib/budget/config";
import { jobEstimate } from "@/lib/budget/estimate";
import { quotaState } from "@/lib/budget/quota-state";
import { monthUsage } from "@/lib/budget/usage";
import { getDb } from "@/lib/db/client";
import type { LeaveType } from "@/lib/dingtalk";
import { getDingTalk } from "@/lib/server/dingtalk";
import { pageTitle } from "@/lib/i18n/metadata";
import { shanghaiDay } from "@/lib/time";
import { FetchPanel } from "./fetch-panel";
import { hasScope, PAGE_SIZE, reportHref, reportState, scopeOf, type ReportQueryState } from "./query";
import { ReportBuilder } from "./report-builder";
import { SubscribeForm } from "./subscribe-form";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("attendance.title");

// i18n-keys: attendance.status.*
// i18n-keys: attendance.col.*

/** A status's colour in the people heatmap. */
const STATUS_FILL: Record<DayStatus, string> = {
  normal: "fill-emerald-300",
  late: "fill-amber-400",
  early: "fill-orange-400",
  missing: "fill-rose-300",
  absent: "fill-red-600",
  leave: "fill-sky-400",
  rest: "fill-slate-100",
  none: "fill-white stroke-slate-200",
};

/** A department's share of people with something to look at, in five steps. */
const shareFill = (share: number | null) =>
  share === null ? "fill-slate-100" : share === 0 ? "fill-emerald-200" : share < 0.1 ? "fill-amber-200" : share < 0.25 ? "fill-amber-400" : share < 0.5 ? "fill-orange-500" : "fill-red-600";

export default async function AttendancePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("attendance");
  const [t, format] = await Promise.all([getTranslations("attendance"), getFormatter()]);
  const q = reportState.parse(await searchParams);
  const db = getDb();
  const access = await attendanceAccess(db, actor);
  const today = shanghaiDay(new Date());

  // A manager opening the page starts from the departments they lead.
  const deptIds = q.depts.length > 0 || q.users.length > 0 || access.people === null ? q.depts : access.ledDeptIds;
  const [depts, people, groups] = await Promise.all([
    db.directoryDepartment.findMany({ where: { deptId: { in: deptIds } }, select: { deptId: true, name: true } }),
    db.directoryUser.findMany({ where: { userId: { in: q.users } }, select: { userId: true, name: true } }),
    attendanceGroupChoices(db),
  ]);
  const builder = (
    <ReportBuilder
      initial={{ depts: deptIds.flatMap((id) => depts.filter((d) => d.deptId === id)), sub: q.sub === "1", people: people.map((p) => ({ userId: p.userId, name: p.name })), group: q.group ?? "", from: q.from, to: q.to }}
      groups={groups}
      max={today}
    />
  );

  return (
    <>
      <PageTitle sub={access.people !== null ? t("scope.ownDepartments", { count: access.ledDeptIds.length }) : undefined}>{t("title")}</PageTitle>
      {can(actor.roles, "attendance.subscribe") ? (
        <nav className="-mt-4 mb-4 flex gap-4 text-sm">
          <Link href="/attendance/subscriptions" className="text-brand-600 hover:underline">
            {t("subscriptions.title")}
          </Link>
        </nav>
      ) : null}
      <Card title={t("build.title")}>{builder}</Card>
      {hasScope(q) ? <Report q={q} actor={actor} access={access} /> : null}
    </>
  );

  async function Report({ q, actor, access }: { q: ReportQueryState; actor: { roles: string[] }; access: Awaited<ReturnType<typeof attendanceAccess>> }) {
    const from = q.from!;
    const to = q.to!;
    if (from > to) return <Notice tone="warn">{t("errors.rangeReversed")}</Notice>;
    const scope = scopeOf(q);
    const { userIds, outside } = await visiblePeople(db, access, scope);
    if (userIds.length === 0) {
      return (
        <div className="mt-6">
          <Notice tone="warn">{outside > 0 ? t("scope.noneOfYours") : t("scope.empty")}</Notice>
        </div>
      );
    }
    const deps = { db, client: getDingTalk() };
    const config = budgetConfig();
    const [usage, quota, job, unfetched] = await Promise.all([monthUsage(db, config), quotaState(db), q.job ? fetchProgress(db, q.job) : null, unfetchedPersonDays(deps, userIds, from, to)]);
    const { personDays, estimate: raw } = await estimateBuild(deps, userIds, from, to, usage);
    const estimate = personDays > 0 ? jobEstimate(usage, raw.calls, quota.blocked) : null;
    const fields = { depts: scope.deptIds.join(","), sub: q.sub, users: scope.userIds.join(","), group: q.group ?? "", from, to };
    const hrefs = { withJob: reportHref(q, { job: "__JOB__" }) };
    const working = q.job !== undefined && job !== null && job.status !== "done";
    const shownJob = q.job !== undefined && job !== null ? { id: q.job, progress: job } : null;
    return (
      <>
        {outside > 0 ? (
          <div className="mt-6">
            <Notice tone="warn">{t("scope.narrowed", { outside })}</Notice>
          </div>
        ) : null}
        {estimate || shownJob ? (
          <Card className="mt-6" title={t(unfetched > 0 ? "fetch.title" : "fetch.refreshTitle")}>
            <FetchPanel estimate={working ? null : estimate} personDays={personDays} fields={fields} job={shownJob} hrefs={hrefs} />
          </Card>
        ) : null}
        {unfetched === 0 ? <Views q={q} userIds={userIds} from={from} to={to} canExport={can(actor.roles, "attendance.export")} canSubscribe={can(actor.roles, "attendance.subscribe")} /> : null}
      </>
    );
  }

  async function Views({ q, userIds, from, to, canExport, canSubscribe }: { q: ReportQueryState; userIds: string[]; from: string; to: string; canExport: boolean; canSubscribe: boolean }) {
    const types: LeaveType[] = (await db.attendanceLeaveType.findMany({ orderBy: { name: "asc" } })).map((l) => ({ leaveCode: l.leaveCode, name: l.name, unit: l.unit as LeaveType["unit"], bizType: "", hoursPerDay: l.hoursPerDay }));
    const typesAt = (await db.attendanceLeaveType.findFirst({ select: { fetchedAt: true } }))?.fetchedAt ?? null;
    const views = await reportViews(db, userIds, from, to, types, q.group);
    const { rows, total } = filterAndSort(views.people, { filter: q.f, above: q.gt, sort: q.sort, dir: q.dir });
    const pages = pageCount(rows.length, PAGE_SIZE);
    const shown = rows.slice((q.page - 1) * PAGE_SIZE, q.page * PAGE_SIZE);
    const href = (change: Partial<ReportQueryState>) => reportHref(q, change);
    const personHref = (userId: string) => `/attendance/person/${encodeURIComponent(userId)}?from=${from}&to=${to}`;
    const totalRow: ReportPerson = { ...total, name: t("summary.total"), departments: [], days: [] };
    const columns: DataColumn<ReportPerson, (typeof q)["sort"]>[] = [
      {
        id: "name",
        header: t("col.name"),
        sortField: "name",
        hideable: false,
        testId: "cell-name",
        cell: (p) => (p.userId ? <Link href={personHref(p.userId)} className="text-brand-600 hover:underline">{p.name}</Link> : p.name),
      },
      { id: "departments", header: t("col.departments"), className: "text-slate-600", cell: (p) => p.departments.join(t("listSeparator")) },
      ...SUMMARY_KEYS.map((key) => ({ id: key, header: t(`col.${key}`), sortField: key, sortFirst: "desc" as const, align: "right" as const, testId: `cell-${key}`, cell: (p: ReportPerson) => p[key] })),
      ...types.map((type) => ({
        id: `leave-${type.leaveCode}`,
        header: t(type.unit === "hour" ? "col.leaveHours" : "col.leaveDays", { name: type.name }),
        align: "right" as const,
        // Leave columns come and go with the org's leave types: always shown.
        hideable: false,
        testId: `cell-leave-${type.leaveCode}`,
        cell: (p: ReportPerson) => p.leave[type.leaveCode] ?? 0,
      })),
    ];
    const heatRows =
      q.heat === "people"
        ? shown.map((p) => ({
            label: p.name,
            href: personHref(p.userId),
            cells: p.days.map((s, i): HeatCell => ({ fill: STATUS_FILL[s], value: s, title: `${p.name} ${views.days[i]}: ${t(`status.${s}`)}` })),
          }))
        : views.departments.map((d) => ({
            label: d.name,
            cells: d.share.map((share, i): HeatCell => ({
              fill: shareFill(share),
              value: share === null ? "" : share.toFixed(2),
              title: `${d.name} ${views.days[i]}: ${share === null ? t("status.rest") : t("heatmap.share", { share: format.number(share, { style: "percent" }) })}`,
            })),
          }));
    const fresh = views.freshness;
    return (
      <>
        <p className="mt-6 text-xs text-slate-500" data-testid="report-freshness" data-source="database">
          {fresh.oldest && fresh.newest ? t("freshness.days", { oldest: format.dateTime(fresh.oldest, "full"), newest: format.dateTime(fresh.newest, "full") }) : t("freshness.none")}{" "}
          {typesAt ? t("freshness.leaveTypes", { at: format.dateTime(typesAt, "full") }) : t("freshness.noLeaveTypes")}
        </p>
        <Card
          className="mt-3"
          title={t("summary.title", { people: rows.length, from, to })}
          actions={
            <ListActions columns={columnChoices(columns, q, href)} exports={canExport ? { csv: reportHref(q, { job: undefined }, "/attendance/export/csv"), xlsx: reportHref(q, { job: undefined }, "/attendance/export/xlsx") } : undefined} />
          }
        >
          <form method="get" className="mb-4 flex flex-wrap items-end gap-2 text-sm" data-testid="summary-filter">
            {Object.entries({ depts: q.depts.join(","), sub: q.sub, users: q.users.join(","), group: q.group ?? "", from, to, sort: q.sort, dir: q.dir, heat: q.heat, bars: q.bars }).map(([name, value]) =>
              value ? <input key={name} type="hidden" name={name} value={value} /> : null,
            )}
            <SelectField label={t("summary.filter")} name="f" defaultValue={q.f ?? ""} options={[{ value: "", label: t("summary.everyone") }, ...SUMMARY_KEYS.map((k) => ({ value: k, label: t(`col.${k}`) }))]} />
            <TextField label={t("summary.moreThan")} name="gt" type="number" min={0} defaultValue={String(q.gt)} className="w-24" />
            <button type="submit" className={buttonClass("secondary", "sm")}>
              {t("summary.apply")}
            </button>
          </form>
          <DataTable columns={columns} rows={shown} rowKey={(p) => p.userId} rowAttributes={(p) => ({ "data-userid": p.userId })} state={q} href={href} testId="attendance-summary" empty={t("summary.empty")} footer={totalRow} />
          <Pager page={q.page} pages={pages} total={rows.length} href={(page) => href({ page })} />
        </Card>
        <Card
          className="mt-6"
          title={t("heatmap.title")}
          actions={
            <div className="flex gap-3 text-sm">
              {(["people", "departments"] as const).map((h) => (
                <Link key={h} href={href({ heat: h })} aria-current={q.heat === h ? "true" : undefined} className="text-brand-600 hover:underline aria-[current=true]:font-semibold aria-[current=true]:text-slate-900">
                  {t(`heatmap.${h}`)}
                </Link>
              ))}
            </div>
          }
        >
          <Heatmap rows={heatRows} columns={views.days.map((d) => d.slice(8))} title={t("heatmap.title")} />
          {q.heat === "people" ? (
            <ul className="mt-3 flex flex-wrap gap-3 text-xs text-slate-600">
              {(Object.keys(STATUS_FILL) as DayStatus[]).map((s) => (
                <li key={s} className="flex items-center gap-1">
                  <svg width="10" height="10" aria-hidden>
                    <rect width="10" height="10" rx="2" className={STATUS_FILL[s]} />
                  </svg>
                  {t(`status.${s}`)}
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
        <Card
          className="mt-6"
          title={t("bars.title", { column: t(`col.${q.bars}`) })}
          actions={
            <form method="get" className="flex items-end gap-2 text-sm">
              {Object.entries({ depts: q.depts.join(","), sub: q.sub, users: q.users.join(","), group: q.group ?? "", from, to, heat: q.heat }).map(([name, value]) =>
                value ? <input key={name} type="hidden" name={name} value={value} /> : null,
              )}
              <SelectField label={t("bars.column")} name="bars" defaultValue={q.bars} options={SUMMARY_KEYS.map((k) => ({ value: k, label: t(`col.${k}`) }))} />
              <button type="submit" className={buttonClass("secondary", "sm")}>
                {t("summary.apply")}
              </button>
            </form>
          }
        >
          <BarChart title={t("bars.title", { column: t(`col.${q.bars}`) })} bars={views.departments.map((d) => ({ label: d.name, value: d.summary[q.bars] }))} />
        </Card>
        {canSubscribe ? (
          <Card className="mt-6" title={t("subscriptions.deliver")}>
            <SubscribeForm fields={{ depts: q.depts.join(","), sub: q.sub, users: q.users.join(","), group: q.group ?? "" }} />
          </Card>
        ) : null}
      </>
    );
  }
}
