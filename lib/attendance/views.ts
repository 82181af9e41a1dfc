import type { Db } from "@/lib/db/client";
import type { AttendanceRecord, LeaveType } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { addDaysTo, shanghaiDay } from "@/lib/time";
import { ATTENDANCE_CALL_AREA, daysOf, type AttendanceDeps } from "./fetch";
import { readPersonDays, summarize, type AttendanceReport } from "./report";
import { SUMMARY_COLUMNS, totalOf, type DayRow, type PersonSummary } from "./summary";

// What the report's page shows, read in one pass over the stored days: the summary rows with
// names and departments, each person's day by day status (the heatmap), the departments'
// summaries and daily shares, and one person's month with their raw punches.

export type DayStatus = "normal" | "late" | "early" | "missing" | "absent" | "leave" | "rest" | "none";

/** The one word a heatmap cell says about a day: the worst thing that happened, leave before normal. */
export function dayStatus(d: DayRow | undefined): DayStatus {
  if (!d) return "none";
  const hasLeave = d.leave.length > 0;
  if (d.planned === 0) return hasLeave ? "leave" : "rest";
  if (d.onDutyResult === "NotSigned" && d.offDutyResult === "NotSigned" && !hasLeave) return "absent";
  if (d.onDutyResult === "Late" || d.onDutyResult === "SeriousLate" || d.onDutyResult === "Absenteeism") return "late";
  if (d.offDutyResult === "Early") return "early";
  if ((d.onDutyResult === "NotSigned" || d.offDutyResult === "NotSigned") && !hasLeave) return "missing";
  return hasLeave ? "leave" : "normal";
}

/** Statuses that are something to look at. */
export const ANOMALIES: ReadonlySet<DayStatus> = new Set(["late", "early", "missing", "absent"]);

export interface ReportPerson extends PersonSummary {
  name: string;
  departments: string[];
  /** The day's status by day of the range. */
  days: DayStatus[];
}

export interface DepartmentRow {
  deptId: number;
  name: string;
  people: number;
  summary: PersonSummary;
  /** Per day: people with an anomaly ÷ people scheduled to work (null when nobody was). */
  share: Array<number | null>;
}

export interface ReportViews extends Omit<AttendanceReport, "people" | "fetch" | "leaveTypes"> {
  days: string[];
  people: ReportPerson[];
  departments: DepartmentRow[];
}

/** The report's views from the database alone (no DingTalk call). */
export async function reportViews(db: Db, userIds: readonly string[], from: string, to: string, types: readonly LeaveType[], groupId?: string): Promise<ReportViews> {
  const days = daysOf(from, to);
  const statuses = new Map<string, DayStatus[]>();
  const report = await summarize(db, userIds, from, to, types, groupId, ({ userId, days: stored }) => {
    const byDay = new Map(stored.map((d) => [d.day, d]));
    statuses.set(userId, days.map((day) => dayStatus(byDay.get(day))));
  });
  const ids = report.people.map((p) => p.userId);
  const [users, memberships] = await Promise.all([
    db.directoryUser.findMany({ where: { userId: { in: ids } }, select: { userId: true, name: true } }),
    db.directoryMembership.findMany({ where: { userId: { in: ids } }, select: { userId: true, deptId: true } }),
  ]);
  const depts = await db.directoryDepartment.findMany({ where: { deptId: { in: [...new Set(memberships.map((m) => m.deptId))] } }, select: { deptId: true, name: true } });
  const deptName = new Map(depts.map((d) => [d.deptId, d.name]));
  const nameOf = new Map(users.map((u) => [u.userId, u.name]));
  const deptsOf = new Map<string, number[]>();
  for (const m of memberships) deptsOf.set(m.userId, [...(deptsOf.get(m.userId) ?? []), m.deptId]);

  const people: ReportPerson[] = report.people.map((s) => ({
    ...s,
    name: nameOf.get(s.userId) ?? s.userId,
    departments: (deptsOf.get(s.userId) ?? []).map((id) => deptName.get(id) ?? String(id)),
    days: statuses.get(s.userId) ?? days.map(() => "none"),
  }));

  // A person in two departments counts in each: a department's row is about its own people.
  const byDept = new Map<number, ReportPerson[]>();
  for (const p of people) for (const id of deptsOf.get(p.userId) ?? []) byDept.set(id, [...(byDept.get(id) ?? []), p]);
  const departments: DepartmentRow[] = [...byDept].map(([deptId, members]) => ({
    deptId,
    name: deptName.get(deptId) ?? String(deptId),
    people: members.length,
    summary: totalOf(members),
    share: days.map((_, i) => {
      const working = members.filter((m) => !["rest", "none"].includes(m.days[i]));
      return working.length === 0 ? null : working.filter((m) => ANOMALIES.has(m.days[i])).length / working.length;
    }),
  }));
  departments.sort((a, b) => a.name.localeCompare(b.name, "zh-CN") || a.deptId - b.deptId);
  return { ...report, days, people, departments };
}

export type SummaryKey = (typeof SUMMARY_COLUMNS)[number][0];
export const SUMMARY_KEYS = SUMMARY_COLUMNS.map(([key]) => key) as [SummaryKey, ...SummaryKey[]];

/** Rows whose `key` is more than `above` ("everyone late more than 3 times"), sorted; the totals are those of the rows kept. */
export function filterAndSort<T extends PersonSummary & { name: string }>(
  rows: readonly T[],
  o: { filter?: SummaryKey; above?: number; sort: SummaryKey | "name"; dir: "asc" | "desc" },
): { rows: T[]; total: PersonSummary } {
  const kept = o.filter !== undefined ? rows.filter((r) => r[o.filter!] > (o.above ?? 0)) : [...rows];
  const sign = o.dir === "asc" ? 1 : -1;
  kept.sort((a, b) => sign * (o.sort === "name" ? a.name.localeCompare(b.name, "zh-CN") : a[o.sort] - b[o.sort]) || a.userId.localeCompare(b.userId));
  return { rows: kept, total: totalOf(kept) };
}

export interface PersonDay {
  day: string;
  stored: (DayRow & { fetchedAt: Date }) | undefined;
  status: DayStatus;
  punches: AttendanceRecord[];
}

/**
 * One person's days with their raw punches (`listRecord`, a call per 7 days, made now: punches
 * are not cached, so the calendar shows what DingTalk holds at this moment).
 */
export async function personMonth(deps: AttendanceDeps, userId: string, from: string, to: string): Promise<{ days: PersonDay[]; recordsAt: Date; calls: number }> {
  const stored = new Map<string, DayRow & { fetchedAt: Date }>();
  for await (const p of readPersonDays(deps.db, [userId], from, to)) for (const d of p.days) stored.set(d.day, d);
  const records: AttendanceRecord[] = [];
  let calls = 0;
  await withCallArea(ATTENDANCE_CALL_AREA, async () => {
    for (let start = from; start <= to; start = addDaysTo(start, 7)) {
      const end = [addDaysTo(start, 6), to].sort()[0];
      records.push(...(await deps.client.attendance.listRecords({ userIds: [userId], from: start, to: end })));
      calls++;
    }
  });
  records.sort((a, b) => a.userCheckTime - b.userCheckTime);
  const days = daysOf(from, to).map((day) => {
    const d = stored.get(day);
    return { day, stored: d, status: dayStatus(d), punches: records.filter((r) => shanghaiDay(r.userCheckTime) === day) };
  });
  return { days, recordsAt: deps.now ? deps.now() : new Date(), calls };
}
