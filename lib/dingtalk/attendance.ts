import { z } from "zod";
import { checkIdList, checkOffset, checkPageSize } from "./arguments";
import { eachItem, offsetPages } from "./pagination";
import { oapiResult, type Call } from "./transport";
import { wireFlag, wireOptionalNumber, wireOptionalText, wireText } from "./wire";

/** DingTalk's attendance limits; calls beyond them are refused before they are sent. */
export const ATTENDANCE_LIMITS = {
  /** Dates in one results or records call, first and last included. */
  spanDays: 7,
  users: 50,
  pageSize: 50,
  leaveUsers: 100,
  leaveSpanDays: 180,
  leavePageSize: 20,
  groupPageSize: 10,
} as const;

export type CheckType = "OnDuty" | "OffDuty";
export type TimeResult = "Normal" | "Early" | "Late" | "SeriousLate" | "Absenteeism" | "NotSigned";
export type LocationResult = "Normal" | "Outside" | "NotSigned";

/** One scheduled check and how it went (打卡结果). Times are ms since the epoch. */
export interface AttendanceResult {
  id: number;
  userId: string;
  workDate: number;
  checkType: CheckType;
  timeResult: TimeResult;
  locationResult: LocationResult;
  baseCheckTime: number;
  userCheckTime: number;
  groupId?: number;
  planId?: number;
  recordId?: number;
  sourceType: string;
  procInstId?: string;
  approveId?: number;
}

/** One punch as made (原始打卡), duplicates included. */
export interface AttendanceRecord {
  id: number;
  userId: string;
  workDate?: number;
  checkType: CheckType;
  timeResult?: TimeResult;
  locationResult: LocationResult;
  baseCheckTime?: number;
  userCheckTime: number;
  groupId?: number;
  sourceType: string;
  locationMethod?: string;
  userAddress: string;
  outsideRemark?: string;
  isLegal?: string;
  invalidRecordMsg?: string;
}

/** A leave overlapping the asked period (请假状态). */
export interface LeaveStatus {
  userId: string;
  startTime: number;
  endTime: number;
  /** Days × 100 when `durationUnit` is percent_day, hours × 100 when percent_hour. */
  durationPercent: number;
  durationUnit: "percent_day" | "percent_hour";
  leaveCode?: string;
}

/** A leave type (假期类型): its name and the unit leave of it is counted in. */
export interface LeaveType {
  leaveCode: string;
  name: string;
  unit: "day" | "halfDay" | "hour";
  bizType: string;
  /** Hours in one day of this type (DingTalk sends hours × 100). */
  hoursPerDay: number;
}

export interface AttendanceGroupSummary {
  groupId: number;
  name: string;
  memberCount: number;
  /** FIXED 固定班制, TURN 排班制, NONE 自由工时. */
  type: string;
}

/** Dates are "yyyy-MM-dd" (Asia/Shanghai work dates), both ends included. */
export interface AttendanceWindow {
  userIds: string[];
  from: string;
  to: string;
}

export interface Attendance {
  listResults(query: AttendanceWindow & { offset: number; limit: number }): Promise<{ results: AttendanceResult[]; hasMore: boolean }>;
  iterateResults(query: AttendanceWindow, options?: { pageSize?: number }): AsyncIterable<AttendanceResult>;
  listRecords(query: AttendanceWindow): Promise<AttendanceRecord[]>;
  getLeaveStatus(query: { userIds: string[]; startTime: number; endTime: number; offset: number; size: number }): Promise<{ leaves: LeaveStatus[]; hasMore: boolean }>;
  iterateLeaveStatus(query: { userIds: string[]; startTime: number; endTime: number }, options?: { pageSize?: number }): AsyncIterable<LeaveStatus>;
  /** The org's leave types, asked as `opUserId` (an admin). */
  listLeaveTypes(opUserId: string): Promise<LeaveType[]>;
  listGroups(page: { offset: number; size: number }): Promise<{ groups: AttendanceGroupSummary[]; hasMore: boolean }>;
  iterateGroups(options?: { pageSize?: number }): AsyncIterable<AttendanceGroupSummary>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MS = 86_400_000;

function dateMs(date: string, what: string): number {
  const ms = DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`${what} must be a date written yyyy-MM-dd, got "${date}"`);
  return ms;
}

function dateOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included; refuses a reversed window. */
function spanDays(from: string, to: string): number {
  const days = (dateMs(to, "to") - dateMs(from, "from")) / DAY_MS + 1;
  if (days < 1) throw new RangeError(`the window ends (${to}) before it starts (${from})`);
  return days;
}

function checkWindow(query: AttendanceWindow): { from: string; to: string } {
  const days = spanDays(query.from, query.to);
  if (days > ATTENDANCE_LIMITS.spanDays) {
    throw new RangeError(`DingTalk takes at most ${ATTENDANCE_LIMITS.spanDays} days per call, got ${days} (${query.from} to ${query.to}); split the period (planAttendanceQueries does)`);
  }
  checkIdList(query.userIds, "userIds", ATTENDANCE_LIMITS.users);
  return { from: `${query.from} 00:00:00`, to: `${query.to} 00:00:00` };
}

/**
 * The fewest `/attendance/list` windows that cover N people over D days: people in groups of 50,
 * days in runs of 7, every group with every run, so `ceil(N/50) × ceil(D/7)` windows (each may
 * still need several pages). Dates are "yyyy-MM-dd", both ends included.
 */
export function planAttendanceQueries(userIds: readonly string[], from: string, to: string): AttendanceWindow[] {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return [];
  const days = spanDays(from, to);
  const start = dateMs(from, "from");
  const windows: AttendanceWindow[] = [];
  for (let d = 0; d < days; d += ATTENDANCE_LIMITS.spanDays) {
    const first = dateOf(start + d * DAY_MS);
    const last = dateOf(start + Math.min(d + ATTENDANCE_LIMITS.spanDays, days) * DAY_MS - DAY_MS);
    for (let u = 0; u < unique.length; u += ATTENDANCE_LIMITS.users) {
      windows.push({ userIds: unique.slice(u, u + ATTENDANCE_LIMITS.users), from: first, to: last });
    }
  }
  return windows;
}

const ms = z.coerce.number();
const optionalId = wireOptionalNumber;

const wireResult = z.object({
  id: ms,
  userId: z.string(),
  workDate: ms,
  checkType: z.enum(["OnDuty", "OffDuty"]),
  timeResult: z.enum(["Normal", "Early", "Late", "SeriousLate", "Absenteeism", "NotSigned"]),
  locationResult: z.enum(["Normal", "Outside", "NotSigned"]).catch("NotSigned"),
  baseCheckTime: ms,
  userCheckTime: ms,
  groupId: optionalId,
  planId: optionalId,
  recordId: optionalId,
  sourceType: wireText,
  procInstId: wireOptionalText,
  approveId: optionalId,
});

const wireRecord = z.object({
  id: ms,
  userId: z.string(),
  workDate: optionalId,
  checkType: z.enum(["OnDuty", "OffDuty"]),
  timeResult: z.enum(["Normal", "Early", "Late", "SeriousLate", "Absenteeism", "NotSigned"]).nullish().transform((v) => v ?? undefined),
  locationResult: z.enum(["Normal", "Outside", "NotSigned"]).catch("NotSigned"),
  baseCheckTime: optionalId,
  userCheckTime: ms,
  groupId: optionalId,
  sourceType: wireText,
  locationMethod: wireOptionalText,
  userAddress: wireText,
  outsideRemark: wireOptionalText,
  isLegal: wireOptionalText,
  invalidRecordMsg: wireOptionalText,
});

const wireResults = z.object({ recordresult: z.array(wireResult).nullish(), hasMore: wireFlag });
const wireRecords = z.object({ recordresult: z.array(wireRecord).nullish() });

const wireLeaves = oapiResult(
  z.object({
    has_more: wireFlag,
    leave_status: z
      .array(
        z.object({
          userid: z.string(),
          start_time: ms,
          end_time: ms,
          duration_percent: ms,
          duration_unit: z.enum(["percent_day", "percent_hour"]),
          leave_code: wireOptionalText,
        }),
      )
      .nullish(),
  }),
);

const wireLeaveTypes = oapiResult(
  z
    .array(
      z.object({
        leave_code: z.string().min(1),
        leave_name: wireText,
        leave_view_unit: z.enum(["day", "halfDay", "hour"]),
        biz_type: wireText,
        hours_in_per_day: z.coerce.number().nullish(),
      }),
    )
    .nullish(),
);

const wireGroups = oapiResult(
  z.object({
    has_more: wireFlag,
    groups: z.array(z.object({ group_id: ms, group_name: wireText, member_count: z.coerce.number().nullish(), type: wireText })).nullish(),
  }),
);

/** Attendance (考勤) on the oapi host: results, raw punches, leave status and groups. */
export function createAttendance(call: Call): Attendance {
  const listResults: Attendance["listResults"] = async (query) => {
    const window = checkWindow(query);
    const r = await call({
      host: "oapi",
      method: "POST",
      path: "/attendance/list",
      body: {
        workDateFrom: window.from,
        workDateTo: window.to,
        userIdList: query.userIds,
        offset: checkOffset(query.offset),
        limit: checkPageSize(query.limit, ATTENDANCE_LIMITS.pageSize),
      },
      schema: wireResults,
      idempotent: true,
    });
    return { results: r.recordresult ?? [], hasMore: r.hasMore };
  };

  const getLeaveStatus: Attendance["getLeaveStatus"] = async (query) => {
    checkIdList(query.userIds, "userIds", ATTENDANCE_LIMITS.leaveUsers);
    if (!Number.isInteger(query.startTime) || !Number.isInteger(query.endTime) || query.endTime <= query.startTime) {
      throw new RangeError("leave status needs startTime and endTime in ms, with endTime after startTime");
    }
    if (query.endTime - query.startTime > ATTENDANCE_LIMITS.leaveSpanDays * DAY_MS) {
      throw new RangeError(`DingTalk reports leave over at most ${ATTENDANCE_LIMITS.leaveSpanDays} days per call`);
    }
    const r = await call({
      host: "oapi",
      method: "POST",
      path: "/topapi/attendance/getleavestatus",
      body: {
        userid_list: query.userIds.join(","),
        start_time: query.startTime,
        end_time: query.endTime,
        offset: checkOffset(query.offset),
        size: checkPageSize(query.size, ATTENDANCE_LIMITS.leavePageSize),
      },
      schema: wireLeaves,
      idempotent: true,
    });
    return {
      hasMore: r.has_more,
      leaves: (r.leave_status ?? []).map((l) => ({
        userId: l.userid, startTime: l.start_time, endTime: l.end_time, durationPercent: l.duration_percent, durationUnit: l.duration_unit, leaveCode: l.leave_code,
      })),
    };
  };

  const listGroups: Attendance["listGroups"] = async (page) => {
    const r = await call({
      host: "oapi",
      method: "POST",
      path: "/topapi/attendance/getsimplegroups",
      body: { offset: checkOffset(page.offset), size: checkPageSize(page.size, ATTENDANCE_LIMITS.groupPageSize) },
      schema: wireGroups,
      idempotent: true,
    });
    return {
      hasMore: r.has_more,
      groups: (r.groups ?? []).map((g) => ({ groupId: g.group_id, name: g.group_name, memberCount: g.member_count ?? 0, type: g.type })),
    };
  };

  return {
    listResults,

    iterateResults(query, options = {}) {
      checkWindow(query);
      const size = checkPageSize(options.pageSize ?? ATTENDANCE_LIMITS.pageSize, ATTENDANCE_LIMITS.pageSize);
      return eachItem(
        offsetPages(async (offset, limit) => {
          const page = await listResults({ ...query, offset, limit });
          return { items: page.results, hasMore: page.hasMore };
        }, size),
      );
    },

    async listRecords(query) {
      const window = checkWindow(query);
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/attendance/listRecord",
        body: { userIds: query.userIds, checkDateFrom: window.from, checkDateTo: window.to, isI18n: false },
        schema: wireRecords,
        idempotent: true,
      });
      return r.recordresult ?? [];
    },

    getLeaveStatus,

    iterateLeaveStatus(query, options = {}) {
      const size = checkPageSize(options.pageSize ?? ATTENDANCE_LIMITS.leavePageSize, ATTENDANCE_LIMITS.leavePageSize);
      return eachItem(
        offsetPages(async (offset, pageSize) => {
          const page = await getLeaveStatus({ ...query, offset, size: pageSize });
          return { items: page.leaves, hasMore: page.hasMore };
        }, size),
      );
    },

    async listLeaveTypes(opUserId) {
      if (!opUserId) throw new RangeError("listing leave types needs the userId of an admin (op_userid)");
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/attendance/vacation/type/list",
        body: { op_userid: opUserId, vacation_source: "all" },
        schema: wireLeaveTypes,
        idempotent: true,
      });
      return (r ?? []).map((t) => ({
        leaveCode: t.leave_code, name: t.leave_name, unit: t.leave_view_unit, bizType: t.biz_type,
        // DingTalk's default working day is 8 h when the type does not say.
        hoursPerDay: (t.hours_in_per_day ?? 800) / 100,
      }));
    },

    listGroups,

    iterateGroups(options = {}) {
      const size = checkPageSize(options.pageSize ?? ATTENDANCE_LIMITS.groupPageSize, ATTENDANCE_LIMITS.groupPageSize);
      return eachItem(
        offsetPages(async (offset, pageSize) => {
          const page = await listGroups({ offset, size: pageSize });
          return { items: page.groups, hasMore: page.hasMore };
        }, size),
      );
    },
  };
}
