import type { Db } from "@/lib/db/client";
import type { LeaveType } from "@/lib/dingtalk";
import { CSV_BOM, csvLine } from "@/lib/csv";
import type { XlsxCell } from "@/lib/directory/xlsx";
import { daysOf } from "./fetch";
import { readPersonDays } from "./report";
import { addDay, earlyMinutes, emptySummary, lateMinutes, leaveAmount, leaveColumnName, SUMMARY_COLUMNS, totalOf, type DayRow, type PersonSummary } from "./summary";
import { streamXlsx } from "./xlsx-stream";

// The report as files payroll reads: DingTalk's monthly summary (月度汇总) and daily sheet (每日统计)
// with the Chinese column names of DingTalk's own export (they are a file format, not page text),
// one row per person, streamed from the database a page of people at a time.

export interface AttendanceExportScope {
  userIds: readonly string[];
  from: string;
  to: string;
  leaveTypes: readonly LeaveType[];
}

const PERSON_COLUMNS = ["姓名", "工号", "部门", "UserId"] as const;
/**
 * People read at a time: a page of a month's days (200 × 31 rows) is a few MB whatever the export's
 * size, small enough to be collected young (pages of 500 doubled the peak heap for no gain in time).
 */
const PAGE_SIZE = 200;

interface PersonInfo {
  name: string;
  jobNumber: string | null;
  department: string;
}

/** One person of an export with what its sheets show of them. */
export interface ExportPerson {
  userId: string;
  info: PersonInfo | undefined;
  days: DayRow[];
}

/**
 * Where an export's rows come from: called once per sheet, it yields the people a page at a time,
 * each page read only when the writer asks for the next, so memory holds one page of people
 * however many the export has.
 */
export type PersonPages = () => AsyncIterable<readonly ExportPerson[]>;

async function personInfo(db: Db, userIds: readonly string[]): Promise<Map<string, PersonInfo>> {
  const [users, memberships] = await Promise.all([
    db.directoryUser.findMany({ where: { userId: { in: [...userIds] } }, select: { userId: true, name: true, jobNumber: true } }),
    db.directoryMembership.findMany({ where: { userId: { in: [...userIds] } }, select: { userId: true, deptId: true }, orderBy: { deptId: "asc" } }),
  ]);
  const depts = await db.directoryDepartment.findMany({ where: { deptId: { in: [...new Set(memberships.map((m) => m.deptId))] } }, select: { deptId: true, name: true } });
  const deptName = new Map(depts.map((d) => [d.deptId, d.name]));
  const deptsOf = new Map<string, string[]>();
  for (const m of memberships) deptsOf.set(m.userId, [...(deptsOf.get(m.userId) ?? []), deptName.get(m.deptId) ?? String(m.deptId)]);
  return new Map(users.map((u) => [u.userId, { name: u.name, jobNumber: u.jobNumber, department: (deptsOf.get(u.userId) ?? []).join("、") }]));
}

/** The scope's people from the database, `pageSize` at a time: their directory entries and stored days. */
export function databasePages(db: Db, scope: AttendanceExportScope, pageSize = PAGE_SIZE): PersonPages {
  return async function* () {
    for (let i = 0; i < scope.userIds.length; i += pageSize) {
      const ids = scope.userIds.slice(i, i + pageSize);
      const info = await personInfo(db, ids);
      const page: ExportPerson[] = [];
      for await (const p of readPersonDays(db, ids, scope.from, scope.to, pageSize)) page.push({ ...p, info: info.get(p.userId) });
      yield page;
    }
  };
}

const personCells = (userId: string, info: PersonInfo | undefined): XlsxCell[] => [info?.name ?? userId, info?.jobNumber ?? "", info?.department ?? "", userId];

export function summaryHeader(types: readonly LeaveType[]): string[] {
  return [...PERSON_COLUMNS, ...SUMMARY_COLUMNS.map(([, name]) => name), ...types.map(leaveColumnName)];
}

const summaryCells = (s: PersonSummary, types: readonly LeaveType[]): XlsxCell[] => [...SUMMARY_COLUMNS.map(([key]) => s[key]), ...types.map((t) => s.leave[t.leaveCode] ?? 0)];

/** Summary rows a page at a time, the totals row (合计) last. */
export async function* summaryRows(pages: PersonPages, scope: Pick<AttendanceExportScope, "leaveTypes">): AsyncGenerator<XlsxCell[][]> {
  const types = new Map(scope.leaveTypes.map((t) => [t.leaveCode, t]));
  let total = emptySummary("");
  for await (const batch of pages()) {
    const rows: XlsxCell[][] = [];
    const summaries: PersonSummary[] = [];
    for (const p of batch) {
      const s = emptySummary(p.userId);
      for (const d of p.days) addDay(s, d, types);
      summaries.push(s);
      rows.push([...personCells(p.userId, p.info), ...summaryCells(s, scope.leaveTypes)]);
    }
    total = totalOf([total, ...summaries]);
    yield rows;
  }
  yield [["合计", "", "", "", ...summaryCells(total, scope.leaveTypes)]];
}

/** One day of one person as DingTalk's daily sheet writes it: 正常, 休息, 迟到12分钟，下班缺卡, 年假0.5天 … */
export function dayText(d: DayRow | undefined, types: ReadonlyMap<string, LeaveType>): string {
  if (!d) return "";
  const parts: string[] = [];
  for (const l of d.leave) {
    const type = types.get(l.code);
    parts.push(`${type?.name ?? "请假"}${leaveAmount(l, type)}${type?.unit === "hour" ? "小时" : "天"}`);
  }
  if (d.planned === 0) return parts.length > 0 ? parts.join("，") : "休息";
  if (d.onDutyResult === "NotSigned" && d.offDutyResult === "NotSigned" && d.leave.length === 0) return "旷工";
  if (d.onDutyResult === "Late") parts.push(`迟到${lateMinutes(d.onDutyPlannedAt, d.onDutyAt)}分钟`);
  if (d.onDutyResult === "SeriousLate") parts.push(`严重迟到${lateMinutes(d.onDutyPlannedAt, d.onDutyAt)}分钟`);
  if (d.onDutyResult === "Absenteeism") parts.push("旷工迟到");
  if (d.onDutyResult === "NotSigned") parts.push("上班缺卡");
  if (d.offDutyResult === "Early") parts.push(`早退${earlyMinutes(d.offDutyPlannedAt, d.offDutyAt)}分钟`);
  if (d.offDutyResult === "NotSigned") parts.push("下班缺卡");
  if (d.outside > 0) parts.push("外勤");
  return parts.length > 0 ? parts.join("，") : "正常";
}

export const dailyHeader = (scope: Pick<AttendanceExportScope, "from" | "to">): string[] => [...PERSON_COLUMNS, ...daysOf(scope.from, scope.to)];

/** Daily rows a page at a time: one row per person, one column per day. */
export async function* dailyRows(pages: PersonPages, scope: Omit<AttendanceExportScope, "userIds">): AsyncGenerator<XlsxCell[][]> {
  const types = new Map(scope.leaveTypes.map((t) => [t.leaveCode, t]));
  const days = daysOf(scope.from, scope.to);
  for await (const batch of pages()) {
    yield batch.map((p) => {
      const byDay = new Map(p.days.map((d) => [d.day, d]));
      return [...personCells(p.userId, p.info), ...days.map((day) => dayText(byDay.get(day), types))];
    });
  }
}

/**
 * The workbook: 月度汇总 then 每日统计, both with frozen headers. Each sheet reads the people again,
 * page by page, rather than keeping one sheet's rows while the other is written.
 */
export function attendanceXlsx(db: Db, scope: AttendanceExportScope, pages: PersonPages = databasePages(db, scope)): AsyncGenerator<Uint8Array> {
  return streamXlsx([
    { name: "月度汇总", header: summaryHeader(scope.leaveTypes), rows: summaryRows(pages, scope) },
    { name: "每日统计", header: dailyHeader(scope), rows: dailyRows(pages, scope) },
  ]);
}

/** One sheet as CSV (UTF-8 with a byte-order mark for Excel), a page of lines at a time. */
export async function* attendanceCsv(db: Db, scope: AttendanceExportScope, sheet: "summary" | "daily", pages: PersonPages = databasePages(db, scope)): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(sheet === "summary" ? summaryHeader(scope.leaveTypes) : dailyHeader(scope));
  for await (const batch of sheet === "summary" ? summaryRows(pages, scope) : dailyRows(pages, scope)) yield batch.map((r) => csvLine(r)).join("");
}
