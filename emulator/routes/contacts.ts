import { z } from "zod";
import { oapiErrors } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { boolField, intField, offsetField, pageSizeField, parseApi, parseOapi } from "../http/validate";
import { searchUsers } from "../org/search";
import { userDetail } from "../org/views";
import { requireDept, requireUser } from "./lookup";

const userGetBody = z.object({ userid: z.string().min(1), language: z.string().optional() });
const byUnionIdBody = z.object({ unionid: z.string().min(1) });
const byMobileBody = z.object({ mobile: z.string().min(1) });
const ORDER_FIELDS = ["entry_asc", "entry_desc", "modify_asc", "modify_desc", "custom"] as const;
const userListBody = z.object({
  dept_id: intField(),
  cursor: offsetField(),
  size: pageSizeField(),
  order_field: z.enum(ORDER_FIELDS).optional(),
  contain_access_limit: boolField().optional(),
  language: z.string().optional(),
});
const listIdBody = z.object({ dept_id: intField() });
const countBody = z.object({ only_active: boolField() });
const userSearchBody = z.object({
  queryWord: z.string().min(1),
  offset: offsetField(),
  size: pageSizeField(),
  fullMatchField: intField().pipe(z.union([z.literal(1), z.literal(0)])).optional(),
});



/** One page of a department's direct members in the requested order, by cursor (an offset). */
function memberPage(ctx: RequestContext) {
  const body = parseOapi(userListBody, ctx.body);
  const org = ctx.state.org;
  const dept = requireDept(org, body.dept_id);
  let ids = dept.memberIds;
  const order = body.order_field ?? "custom";
  if (order === "entry_asc" || order === "entry_desc") {
    const sign = order === "entry_asc" ? 1 : -1;
    ids = [...ids].sort((a, b) => sign * ((org.usersById.get(a)?.hiredDate ?? 0) - (org.usersById.get(b)?.hiredDate ?? 0)));
  } else if (order === "modify_desc") {
    ids = [...ids].reverse();
  }
  const pageIds = ids.slice(body.cursor, body.cursor + body.size);
  const hasMore = body.cursor + body.size < ids.length;
  return {
    users: pageIds.map((id) => requireUser(org, id)),
    hasMore,
    nextCursor: hasMore ? body.cursor + body.size : undefined,
  };
}

/** The user calls of `/topapi` and the api's user search (see shared/dingtalk-api.md). */
export function contactRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/topapi/v2/user/get", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(userGetBody, ctx.body);
        const org = ctx.state.org;
        return reply.json({ result: userDetail(org, requireUser(org, body.userid)) });
      },
    },
    {
      method: "POST", path: "/topapi/user/getbyunionid", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(byUnionIdBody, ctx.body);
        const user = ctx.state.org.usersByUnionId.get(body.unionid);
        if (!user) throw oapiErrors.userNotFound();
        // contact_type 0: an internal member (1 would be an external contact).
        return reply.json({ result: { contact_type: 0, userid: user.userId } });
      },
    },
    {
      method: "POST", path: "/topapi/v2/user/getbymobile", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(byMobileBody, ctx.body);
        const user = ctx.state.org.usersByMobile.get(body.mobile.trim());
        if (!user) throw oapiErrors.userNotFound();
        return reply.json({ result: { userid: user.userId } });
      },
    },
    {
      method: "POST", path: "/topapi/v2/user/list", style: "oapi", auth: "app",
      handler: (ctx) => {
        const page = memberPage(ctx);
        const org = ctx.state.org;
        return reply.json({
          result: {
            has_more: page.hasMore,
            ...(page.nextCursor !== undefined ? { next_cursor: page.nextCursor } : {}),
            list: page.users.map((u) => userDetail(org, u)),
          },
        });
      },
    },
    {
      method: "POST", path: "/topapi/user/listsimple", style: "oapi", auth: "app",
      handler: (ctx) => {
        const page = memberPage(ctx);
        return reply.json({
          result: {
            has_more: page.hasMore,
            ...(page.nextCursor !== undefined ? { next_cursor: page.nextCursor } : {}),
            list: page.users.map((u) => ({ userid: u.userId, name: u.name })),
          },
        });
      },
    },
    {
      method: "POST", path: "/topapi/user/listid", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(listIdBody, ctx.body);
        const dept = requireDept(ctx.state.org, body.dept_id);
        return reply.json({ result: { userid_list: dept.memberIds } });
      },
    },
    {
      method: "POST", path: "/topapi/user/count", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(countBody, ctx.body);
        const users = ctx.state.org.users;
        const count = body.only_active ? users.reduce((n, u) => n + (u.active ? 1 : 0), 0) : users.length;
        return reply.json({ result: { count } });
      },
    },
    {
      method: "POST", path: "/topapi/user/listadmin", style: "oapi", auth: "app",
      handler: (ctx) =>
        reply.json({ result: ctx.state.org.admins.map((u) => ({ userid: u.userId, sys_level: u.sysLevel })) }),
    },
    {
      method: "POST", path: "/v1.0/contact/users/search", style: "api", auth: "app",
      handler: (ctx) => {
        const body = parseApi(userSearchBody, ctx.body);
        const found = searchUsers(ctx.state.org, body.queryWord, { fullMatch: body.fullMatchField === 1 });
        const page = found.slice(body.offset, body.offset + body.size);
        return reply.json({
          hasMore: body.offset + body.size < found.length,
          totalCount: found.length,
          list: page.map((u) => u.userId),
        });
      },
    },
  ];
}
