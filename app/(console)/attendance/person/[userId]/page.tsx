import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { attendanceAccess, maySee } from "@/lib/attendance/access";
import { leaveAmount } from "@/lib/attendance/summary";
import { personMonth, type PersonDay } from "@/lib/attendance/views";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { pageTitle } from "@/lib/i18n/metadata";
import { addDaysTo, dayStart, monthDays, shanghaiDay } from "@/lib/time";
import { getDingTalk } from "@/lib/server/dingtalk";
import { param, pathSegment, urlState } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("attendance.person.title");

const personState = urlState({ from: param.day(), to: param.day() });
/** listRecord is asked a week at a time: a month is five calls, and more than two months is not a calendar. */
const MAX_DAYS = 62;

/** Days of the week, Monday first, as the calendar's columns. */
const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export default async function AttendancePersonPage({ params, searchParams }: { params: Promise<{ userId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("attendance");
  const userId = pathSegment((await params).userId, 64);
  if (!userId) notFound();
  const [t, format, locale] = await Promise.all([getTranslations("attendance"), getFormatter(), getLocale()]);
  const db = getDb();
  const access = await attendanceAccess(db, actor);
  const person = await db.directoryUser.findUnique({ where: { userId }, select: { name: true } });
  // Someone outside the person's scope learns nothing, not even whether the person exists.
  if (!person || !maySee(access, userId)) notFound();
  const q = personState.parse(await searchParams);
  const month = monthDays(new Date());
  const from = q.from ?? month.from;
  const to = q.to && q.to >= from && q.to <= addDaysTo(from, MAX_DAYS - 1) ? q.to : [addDaysTo(from, MAX_DAYS - 1), month.to].sort()[0];
  const previous = monthDays(dayStart(from).getTime() - 1);
  const types = new Map((await db.attendanceLeaveType.findMany()).map((l) => [l.leaveCode, l]));

  let loaded: Awaited<ReturnType<typeof personMonth>> | null = null;
  let failure: string | null = null;
  try {
    loaded = await personMonth({ db, client: getDingTalk() }, userId, from, [to, shanghaiDay(new Date())].sort()[0]);
  } catch (error) {
    if (!isDingTalkError(error)) throw error;
    failure = describeDingTalkError(error, locale);
  }
  const days = loaded?.days ?? [];
  const time = (ms: number | Date) => format.dateTime(ms, "time");
  const cell = (d: PersonDay) => (
    <td key={d.day} className="h-28 w-[14%] border border-slate-100 p-1 align-top text-xs" data-day={d.day} data-status={d.status}>
      <div className="flex justify-between">
        <span className="font-medium text-slate-700">{Number(d.day.slice(8))}</span>
        <span className="text-slate-500">{t(`status.${d.status}`)}</span>
      </div>
      {d.stored && d.stored.planned > 0 ? (
        <p className="text-slate-500" data-testid="day-plan">
          {d.stored.onDutyPlannedAt ? time(d.stored.onDutyPlannedAt) : "—"}–{d.stored.offDutyPlannedAt ? time(d.stored.offDutyPlannedAt) : "—"}
        </p>
      ) : null}
      {(d.stored?.leave ?? []).map((l, i) => {
        const type = types.get(l.code);
        const amount = leaveAmount(l, type ? { unit: type.unit as "day" | "halfDay" | "hour", hoursPerDay: type.hoursPerDay } : undefined);
        return (
          <p key={i} className="text-sky-700">
            {t(type?.unit === "hour" ? "person.leaveHours" : "person.leaveDays", { name: type?.name ?? l.code, amount })}
          </p>
        );
      })}
      <ul data-testid="punches">
        {d.punches.map((p) => (
          <li key={p.id} className={p.invalidRecordMsg ? "text-slate-400 line-through" : p.timeResult && p.timeResult !== "Normal" ? "text-amber-700" : "text-slate-700"}>
            {time(p.userCheckTime)} {t(p.checkType === "OnDuty" ? "person.onDuty" : "person.offDuty")}
            {p.timeResult && p.timeResult !== "Normal" ? ` · ${t(`person.result.${p.timeResult}`)}` : ""}
            {p.locationResult === "Outside" ? ` · ${t("person.outside")}` : ""}
          </li>
        ))}
      </ul>
    </td>
  );
  const weeks: Array<Array<PersonDay | null>> = [];
  let week: Array<PersonDay | null> = Array.from({ length: days.length > 0 ? weekdayOf(days[0].day) : 0 }, () => null);
  for (const d of days) {
    week.push(d);
    if (week.length === 7) {
      weeks.push(week);
      week = [];
    }
  }
  if (week.length > 0) weeks.push([...week, ...Array.from({ length: 7 - week.length }, () => null)]);
  const stored = days.map((d) => d.stored?.fetchedAt).filter((d): d is Date => d !== undefined).sort((a, b) => a.getTime() - b.getTime());

  return (
    <>
      <PageTitle sub={t("person.range", { from, to })}>{t("person.heading", { name: person.name })}</PageTitle>
      <nav className="-mt-4 mb-4 flex gap-4 text-sm">
        <Link href={`/attendance/person/${encodeURIComponent(userId)}?from=${previous.from}&to=${previous.to}`} className="text-brand-600 hover:underline">
          {t("person.previous")}
        </Link>
        <Link href={`/directory/${encodeURIComponent(userId)}`} className="text-brand-600 hover:underline">
          {t("person.directory")}
        </Link>
      </nav>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      <p className="mb-3 text-xs text-slate-500" data-testid="person-freshness">
        {loaded ? t("person.recordsAt", { at: format.dateTime(loaded.recordsAt, "full"), calls: loaded.calls }) : null}{" "}
        {stored.length > 0 ? t("person.resultsAt", { oldest: format.dateTime(stored[0], "full"), newest: format.dateTime(stored.at(-1)!, "full") }) : t("person.noResults")}
      </p>
      <Card>
        <table className="w-full table-fixed border-collapse" data-testid="person-calendar">
          <thead>
            <tr className="text-xs text-slate-500">
              {[0, 1, 2, 3, 4, 5, 6].map((i) => (
                <th key={i} className="py-1 font-medium">
                  {format.dateTime(new Date(Date.UTC(2024, 0, 1 + i, 4)), { weekday: "short" })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((w, i) => (
              <tr key={i}>{w.map((d, j) => (d ? cell(d) : <td key={`empty-${j}`} className="border border-slate-100" />))}</tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
