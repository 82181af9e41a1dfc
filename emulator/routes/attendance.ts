import { z } from "zod";
import { LEAVE_TYPES } from "../attendance/punches";
import { attendanceBook } from "../attendance/service";
import { daysBetween, shanghaiDate } from "../attendance/workdays";
import { oapiErrors } from "../http/errors";
import { reply, type Route } from "../http/router";
import { intField, offsetField, parseOapi } from "../http/validate";

/** DingTalk's attendance limits (see shared/dingtalk-api.md). */
export const ATTENDANCE_LIMITS = {
  /** Dates in one `/attendance/list` or `/attendance/listRecord` call, first and last included. */
  spanDays: 7,
  users: 50,
  pageSize: 50,
  leaveUsers: 100,
  leaveSpanDays: 180,
  leavePageSize: 20,
  groupPageSize: 10,
} as const;

const DAY_MS = 86_400_000;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2}) \d{2}:\d{2}:\d{2}$/;

const dateTimeField = () =>
  z.string().regex(DATE_TIME, "格式应为 yyyy-MM-dd HH:mm:ss").refine((v) => !Number.isNaN(Date.parse(v.slice(0, 10))), "不是有效的日期");

const userIdArray = () => z.array(z.string().min(1)).min(1, "不能为空");

const listBody = z.object({
  workDateFrom: dateTimeField(),
  workDateTo: dateTimeField(),
  userIdList: userIdArray(),
  offset: offsetField(),
  limit: intField(),
  isI18n: z.union([z.boolean(), z.string()]).optional(),
});

const listRecordBody = z.object({
  userIds: userIdArray(),
  checkDateFrom: dateTimeField(),
  checkDateTo: dateTimeField(),
  isI18n: z.union([z.boolean(), z.string()]).optional(),
});

const leaveBody = z.object({
  // The SDK sends a comma-separated string; some callers send an array.
  userid_list: z.union([z.string().min(1), userIdArray()]),
  start_time: intField(),
  end_time: intField(),
  offset: offsetField(),
  size: intField(),
});

const vacationTypesBody = z.object({
  op_userid: z.string().min(1, "不能为空"),
  vacation_source: z.enum(["all", "leave", "lieu_leave"]).optional(),
});

const groupsBody = z.object({ offset: offsetField().optional(), size: intField().optional() });

/** The dates of a window, checked against DingTalk's span limit. */
function window(fromField: string, from: string, toField: string, to: string): { from: string; to: string } {
  const fromDate = from.slice(0, 10);
  const toDate = to.slice(0, 10);
  const days = daysBetween(fromDate, toDate);
  if (days < 0) throw oapiErrors.invalidParam(`${toField} 不能早于 ${fromField}`);
  if (days + 1 > ATTENDANCE_LIMITS.spanDays) {
    throw oapiErrors.invalidParam(`${fromField} 与 ${toField} 的跨度不能超过 ${ATTENDANCE_LIMITS.spanDays} 天（首尾两天都算），本次为 ${days + 1} 天`);
  }
  return { from: fromDate, to: toDate };
}

function checkUserCount(field: string, count: number, max: number): void {
  if (count > max) throw oapiErrors.invalidParam(`${field} 最多 ${max} 个用户，本次为 ${count} 个`);
}

function checkPageSize(field: string, size: number, max: number): void {
  if (size < 1 || size > max) throw oapiErrors.invalidParam(`${field} 应在 1 到 ${max} 之间，本次为 ${size}`);
}

/** Attendance (考勤): results, raw punches, leave status and groups; all `POST oapi`. */
export function attendanceRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/attendance/list", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(listBody, ctx.body);
        checkUserCount("userIdList", body.userIdList.length, ATTENDANCE_LIMITS.users);
        checkPageSize("limit", body.limit, ATTENDANCE_LIMITS.pageSize);
        const span = window("workDateFrom", body.workDateFrom, "workDateTo", body.workDateTo);
        const all = attendanceBook(ctx.state).days(body.userIdList, span.from, span.to).flatMap((d) => d.results);
        const page = all.slice(body.offset, body.offset + body.limit);
        return reply.json({ recordresult: page, hasMore: body.offset + body.limit < all.length });
      },
    },
    {
      method: "POST", path: "/attendance/listRecord", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(listRecordBody, ctx.body);
        checkUserCount("userIds", body.userIds.length, ATTENDANCE_LIMITS.users);
        const span = window("checkDateFrom", body.checkDateFrom, "checkDateTo", body.checkDateTo);
        const punches = attendanceBook(ctx.state).days(body.userIds, span.from, span.to).flatMap((d) => d.punches);
        return reply.json({ recordresult: punches });
      },
    },
    {
      method: "POST", path: "/topapi/attendance/getleavestatus", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(leaveBody, ctx.body);
        const userIds = (Array.isArray(body.userid_list) ? body.userid_list : body.userid_list.split(",")).map((u) => u.trim()).filter(Boolean);
        if (userIds.length === 0) throw oapiErrors.missingParam("userid_list");
        checkUserCount("userid_list", userIds.length, ATTENDANCE_LIMITS.leaveUsers);
        checkPageSize("size", body.size, ATTENDANCE_LIMITS.leavePageSize);
        if (body.end_time <= body.start_time) throw oapiErrors.invalidParam("end_time 必须晚于 start_time");
        if (body.end_time - body.start_time > ATTENDANCE_LIMITS.leaveSpanDays * DAY_MS) {
          throw oapiErrors.invalidParam(`start_time 与 end_time 最多相隔 ${ATTENDANCE_LIMITS.leaveSpanDays} 天`);
        }
        const leaves = attendanceBook(ctx.state)
          .leaves(userIds, shanghaiDate(body.start_time), shanghaiDate(body.end_time))
          .filter((l) => l.endTime > body.start_time && l.startTime < body.end_time)
          .map((l) => ({
            userid: l.userId, start_time: l.startTime, end_time: l.endTime,
            duration_percent: l.durationPercent, duration_unit: l.durationUnit, leave_code: l.leaveCode,
          }));
        return reply.json({
          result: { has_more: body.offset + body.size < leaves.length, leave_status: leaves.slice(body.offset, body.offset + body.size) },
          success: true,
        });
      },
    },
    {
      method: "POST", path: "/topapi/attendance/vacation/type/list", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(vacationTypesBody, ctx.body);
        const operator = ctx.state.org.usersById.get(body.op_userid);
        if (!operator) throw oapiErrors.invalidParam(`op_userid ${body.op_userid} 不是本企业的成员`);
        if (!operator.admin) throw oapiErrors.invalidParam(`op_userid ${body.op_userid} 不是管理员`);
        const source = body.vacation_source ?? "all";
        const types = LEAVE_TYPES.filter((t) => source === "all" || (source === "lieu_leave") === (t.bizType === "lieu_leave"));
        return reply.json({
          result: types.map((t) => ({
            leave_code: t.leaveCode, leave_name: t.leaveName, leave_view_unit: t.leaveViewUnit, biz_type: t.bizType, hours_in_per_day: t.hoursInPerDay,
          })),
          success: true,
        });
      },
    },
    {
      method: "POST", path: "/topapi/attendance/getsimplegroups", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(groupsBody, ctx.body);
        const offset = body.offset ?? 0;
        const size = body.size ?? ATTENDANCE_LIMITS.groupPageSize;
        checkPageSize("size", size, ATTENDANCE_LIMITS.groupPageSize);
        const book = attendanceBook(ctx.state);
        const groups = book.groups.slice(offset, offset + size).map((g) => ({
          group_id: g.groupId,
          group_name: g.name,
          member_count: book.memberCount(g.groupId),
          type: g.type,
          default_class_id: g.classId,
          classes_list: [g.type === "FIXED" ? `周一、二、三、四、五 ${g.className}` : `${g.className} 按排班`],
          selected_class: [{ class_id: g.classId, class_name: g.className }],
          manager_list: [],
        }));
        return reply.json({ result: { has_more: offset + size < book.groups.length, groups }, success: true });
      },
    },
  ];
}
