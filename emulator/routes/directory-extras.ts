import { z } from "zod";
import { leavers } from "../directory-extras/leavers";
import { shanghaiDay, signInList } from "../directory-extras/inactive";
import { apiErrors, oapiErrors } from "../http/errors";
import { reply, type Route } from "../http/router";
import { boolField, intField, offsetField, pageSizeField, parseApi, parseOapi } from "../http/validate";
import { requireDept } from "./lookup";

const inactiveBody = z.object({
  is_active: boolField(),
  dept_ids: z.array(intField()).max(50, "最多 50 个部门").optional(),
  offset: offsetField(),
  size: pageSizeField(100),
  query_date: z.string().regex(/^\d{8}$/, "格式为 yyyyMMdd"),
});

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), "不是 ISO 8601 时间");
const leaveQuery = z.object({
  startTime: isoTime,
  endTime: isoTime.optional(),
  nextToken: z.string().regex(/^\d+$/, "无效的 nextToken").optional(),
  maxResults: pageSizeField(50).default(50),
});

/** 未登录用户 by day and 离职记录 over a time range (see shared/dingtalk-api.md, contacts). */
export function directoryExtrasRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/topapi/inactive/user/v2/get", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(inactiveBody, ctx.body);
        const dayStart = shanghaiDay(body.query_date);
        if (dayStart === null) throw oapiErrors.invalidParam(`query_date: ${body.query_date} 不是有效日期`);
        if (dayStart > ctx.state.clock.now()) throw oapiErrors.invalidParam("query_date: 不能查询未来的日期");
        for (const deptId of body.dept_ids ?? []) requireDept(ctx.state.org, deptId);
        const ids = signInList(ctx.state.org, body.query_date, dayStart, { active: body.is_active, deptIds: body.dept_ids });
        const page = ids.slice(body.offset, body.offset + body.size);
        const hasMore = body.offset + body.size < ids.length;
        return reply.json({ result: { has_more: hasMore, ...(hasMore ? { next_cursor: body.offset + body.size } : {}), list: page } });
      },
    },
    {
      method: "GET", path: "/v1.0/contact/empLeaveRecords", style: "api", auth: "app",
      handler: (ctx) => {
        const query = parseApi(leaveQuery, Object.fromEntries(ctx.query));
        const from = Date.parse(query.startTime);
        const to = query.endTime === undefined ? ctx.state.clock.now() : Date.parse(query.endTime);
        if (to < from) throw apiErrors.invalidParam("endTime 不能早于 startTime");
        const records = leavers(ctx.state).between(from, to);
        const offset = Number(query.nextToken ?? 0);
        const page = records.slice(offset, offset + query.maxResults);
        const more = offset + query.maxResults < records.length;
        return reply.json({
          ...(more ? { nextToken: String(offset + query.maxResults) } : {}),
          records: page.map((r) => ({ ...r, leaveTime: new Date(r.leaveTime).toISOString() })),
        });
      },
    },
  ];
}
