import type { AttendanceResult, LeaveStatus, LeaveType } from "@/lib/dingtalk";
import { shanghaiDay } from "@/lib/time";

// From DingTalk's results and leave to one row per person and day, and from days to the monthly
// summary (月度汇总). Pure: the fetch writes the days, the report and the exports read them.

const MINUTE = 60_000;

/** A leave as DingTalk reports it, attributed to the day it starts. */
export interface DayLeave {
  code: string;
  /** Days × 100 for percent_day, hours × 100 for percent_hour. */
  percent: number;
  unit: "percent_day" | "percent_hour";
}

/** One person's day (每日统计), as stored in AttendanceDay. */
export interface DayRow {
  userId: string;
  day: string;
  groupId: string | null;
  planned: number;
  onDutyResult: string | null;
  onDutySource: string | null;
  onDutyPlannedAt: Date | null;
  onDutyAt: Date | null;
  offDutyResult: string | null;
  offDutySource: string | null;
  offDutyPlannedAt: Date | null;
  offDutyAt: Date | null;
  outside: number;
  leave: DayLeave[];
}

/** A day with no checks, punches or leave. */
export function emptyDay(userId: string, day: string): DayRow {
  return {
    userId, day, groupId: null, planned: 0,
    onDutyResult: null, onDutySource: null, onDutyPlannedAt: null, onDutyAt: null,
    offDutyResult: null, offDutySource: null, offDutyPlannedAt: null, offDutyAt: null,
    outside: 0, leave: [],
  };
}

/** Day rows for every person and day of a window, rest days included, from the window's results. */
export function dayRows(userIds: readonly string[], days: readonly string[], results: readonly AttendanceResult[]): DayRow[] {
  const rows = new Map<string, DayRow>();
  for (const userId of userIds) {
    for (const day of days) rows.set(`${userId}|${day}`, emptyDay(userId, day));
  }
  for (const r of results) {
    const row = rows.get(`${r.userId}|${shanghaiDay(r.workDate)}`);
    if (!row) continue;
    row.planned++;
    if (r.groupId !== undefined) row.groupId = String(r.groupId);
    if (r.locationResult === "Outside") row.outside++;
    // A person who did not punch has DingTalk's base time as userCheckTime; only a punch has a time of its own.
    const at = r.sourceType === "USER" ? new Date(r.userCheckTime) : null;
    if (r.checkType === "OnDuty") {
      Object.assign(row, { onDutyResult: r.timeResult, onDutySource: r.sourceType, onDutyPlannedAt: new Date(r.baseCheckTime), onDutyAt: at });
    } else {
      Object.assign(row, { offDutyResult: r.timeResult, offDutySource: r.sourceType, offDutyPlannedAt: new Date(r.baseCheckTime), offDutyAt: at });
    }
  }
  return [...rows.values()];
}

/** Leave by "userId|day" of its start, for the people and days asked. */
export function leaveByDay(leaves: readonly LeaveStatus[]): Map<string, DayLeave[]> {
  const out = new Map<string, DayLeave[]>();
  for (const l of leaves) {
    const key = `${l.userId}|${shanghaiDay(l.startTime)}`;
    const list = out.get(key) ?? [];
    list.push({ code: l.leaveCode ?? "", percent: l.durationPercent, unit: l.durationUnit });
    out.set(key, list);
  }
  return out;
}

/** Minutes late: a started minute counts, as DingTalk's own report counts it. */
export function lateMinutes(planned: Date | null, at: Date | null): number {
  return planned && at ? Math.max(0, Math.floor((at.getTime() - planned.getTime()) / MINUTE)) : 0;
}

/** Minutes left before the planned off-duty time. */
export function earlyMinutes(planned: Date | null, at: Date | null): number {
  return planned && at ? Math.max(0, Math.ceil((planned.getTime() - at.getTime()) / MINUTE)) : 0;
}

/** The monthly summary of one person (月度汇总), in DingTalk's columns. */
export interface PersonSummary {
  userId: string;
  /** 应出勤天数: days with scheduled checks. */
  plannedDays: number;
  /** 出勤天数: scheduled days with at least one punch of the person's own. */
  attendedDays: number;
  /** 休息天数: days without scheduled checks. */
  restDays: number;
  lateCount: number;
  lateMinutes: number;
  seriousLateCount: number;
  seriousLateMinutes: number;
  /** 旷工迟到次数: on-duty punches so late DingTalk counts them as absence. */
  absentLateCount: number;
  earlyCount: number;
  earlyMinutes: number;
  /** 上班缺卡次数 / 下班缺卡次数. */
  missedOnDuty: number;
  missedOffDuty: number;
  /** 旷工天数: scheduled days with no punch and no leave at all. */
  absentDays: number;
  /** 外勤次数. */
  outsideCount: number;
  /** Leave per leave code, in the type's unit (days, or hours for hour types). */
  leave: Record<string, number>;
}

export function emptySummary(userId: string): PersonSummary {
  return {
    userId, plannedDays: 0, attendedDays: 0, restDays: 0, lateCount: 0, lateMinutes: 0, seriousLateCount: 0, seriousLateMinutes: 0,
    absentLateCount: 0, earlyCount: 0, earlyMinutes: 0, missedOnDuty: 0, missedOffDuty: 0, absentDays: 0, outsideCount: 0, leave: {},
  };
}

/** A leave's amount in its type's unit; unknown types count in days. */
export function leaveAmount(leave: DayLeave, type: Pick<LeaveType, "unit" | "hoursPerDay"> | undefined): number {
  const hoursPerDay = type?.hoursPerDay && type.hoursPerDay > 0 ? type.hoursPerDay : 8;
  const inHours = type?.unit === "hour";
  const value = leave.percent / 100;
  if (leave.unit === "percent_day") return inHours ? value * hoursPerDay : value;
  return inHours ? value : value / hoursPerDay;
}

/** Adds one day to a person's summary (days must be the person's). */
export function addDay(summary: PersonSummary, day: DayRow, types: ReadonlyMap<string, Pick<LeaveType, "unit" | "hoursPerDay">>): void {
  for (const l of day.leave) summary.leave[l.code] = round2((summary.leave[l.code] ?? 0) + leaveAmount(l, types.get(l.code)));
  if (day.planned === 0) {
    summary.restDays++;
    return;
  }
  summary.plannedDays++;
  if (day.onDutySource === "USER" || day.offDutySource === "USER") summary.attendedDays++;
  switch (day.onDutyResult) {
    case "Late":
      summary.lateCount++;
      summary.lateMinutes += lateMinutes(day.onDutyPlannedAt, day.onDutyAt);
      break;
    case "SeriousLate":
      summary.seriousLateCount++;
      summary.seriousLateMinutes += lateMinutes(day.onDutyPlannedAt, day.onDutyAt);
      break;
    case "Absenteeism":
      summary.absentLateCount++;
      break;
    case "NotSigned":
      summary.missedOnDuty++;
      break;
  }
  if (day.offDutyResult === "Early") {
    summary.earlyCount++;
    summary.earlyMinutes += earlyMinutes(day.offDutyPlannedAt, day.offDutyAt);
  } else if (day.offDutyResult === "NotSigned") {
    summary.missedOffDuty++;
  }
  const checks = [day.onDutyResult, day.offDutyResult].filter((r) => r !== null);
  if (checks.length > 0 && checks.every((r) => r === "NotSigned") && day.leave.length === 0) summary.absentDays++;
  summary.outsideCount += day.outside;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** The numeric columns of the summary, in DingTalk's order, with the names its own export uses. */
export const SUMMARY_COLUMNS = [
  ["plannedDays", "应出勤天数"],
  ["attendedDays", "出勤天数"],
  ["restDays", "休息天数"],
  ["lateCount", "迟到次数"],
  ["lateMinutes", "迟到时长(分钟)"],
  ["seriousLateCount", "严重迟到次数"],
  ["seriousLateMinutes", "严重迟到时长(分钟)"],
  ["absentLateCount", "旷工迟到次数"],
  ["earlyCount", "早退次数"],
  ["earlyMinutes", "早退时长(分钟)"],
  ["missedOnDuty", "上班缺卡次数"],
  ["missedOffDuty", "下班缺卡次数"],
  ["absentDays", "旷工天数"],
  ["outsideCount", "外勤次数"],
] as const satisfies ReadonlyArray<readonly [keyof Omit<PersonSummary, "userId" | "leave">, string]>;

/** Sums summaries column by column (the totals row). */
export function totalOf(rows: Iterable<PersonSummary>): PersonSummary {
  const total = emptySummary("");
  for (const row of rows) {
    for (const [key] of SUMMARY_COLUMNS) total[key] += row[key];
    for (const [code, amount] of Object.entries(row.leave)) total.leave[code] = round2((total.leave[code] ?? 0) + amount);
  }
  return total;
}

/** A leave column's heading: "年假(天)" / "事假(小时)", as DingTalk's export writes them. */
export function leaveColumnName(type: Pick<LeaveType, "name" | "unit">): string {
  return `${type.name}(${type.unit === "hour" ? "小时" : "天"})`;
}
