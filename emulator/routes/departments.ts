import { z } from "zod";
import { reply, type Route } from "../http/router";
import { intField, offsetField, pageSizeField, parseApi, parseOapi } from "../http/validate";
import { ROOT_DEPT_ID, type Department, type Org } from "../org/model";
import { ancestorChain, searchDepartments } from "../org/search";
import { departmentDetail, departmentSummary } from "../org/views";
import { requireDept, requireUser } from "./lookup";

const deptBody = z.object({ dept_id: intField(), language: z.string().optional() });
// listsub may leave dept_id out: DingTalk then lists the root's children.
const listSubBody = z.object({ dept_id: intField().optional(), language: z.string().optional() });
const byUserBody = z.object({ userid: z.string().min(1) });
const deptSearchBody = z.object({ queryWord: z.string().min(1), offset: offsetField(), size: pageSizeField() });


function children(org: Org, dept: Department): Department[] {
  return dept.childIds.map((id) => requireDept(org, id));
}

/** The department calls of `/topapi/v2/department` and the api's department search. */
export function departmentRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/topapi/v2/department/get", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(deptBody, ctx.body);
        return reply.json({ result: departmentDetail(requireDept(ctx.state.org, body.dept_id)) });
      },
    },
    {
      method: "POST", path: "/topapi/v2/department/listsub", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(listSubBody, ctx.body);
        const org = ctx.state.org;
        const dept = requireDept(org, body.dept_id ?? ROOT_DEPT_ID);
        return reply.json({ result: children(org, dept).map(departmentSummary) });
      },
    },
    {
      method: "POST", path: "/topapi/v2/department/listsubid", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(deptBody, ctx.body);
        return reply.json({ result: { dept_id_list: requireDept(ctx.state.org, body.dept_id).childIds } });
      },
    },
    {
      method: "POST", path: "/topapi/v2/department/listparentbydept", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(deptBody, ctx.body);
        const org = ctx.state.org;
        requireDept(org, body.dept_id);
        return reply.json({ result: { parent_id_list: ancestorChain(org, body.dept_id) } });
      },
    },
    {
      method: "POST", path: "/topapi/v2/department/listparentbyuser", style: "oapi", auth: "app",
      handler: (ctx) => {
        const body = parseOapi(byUserBody, ctx.body);
        const org = ctx.state.org;
        const user = requireUser(org, body.userid);
        return reply.json({
          result: { parent_list: user.deptIds.map((deptId) => ({ parent_dept_id_list: ancestorChain(org, deptId) })) },
        });
      },
    },
    {
      method: "POST", path: "/v1.0/contact/departments/search", style: "api", auth: "app",
      handler: (ctx) => {
        const body = parseApi(deptSearchBody, ctx.body);
        const found = searchDepartments(ctx.state.org, body.queryWord);
        return reply.json({
          hasMore: body.offset + body.size < found.length,
          totalCount: found.length,
          list: found.slice(body.offset, body.offset + body.size).map((d) => d.deptId),
        });
      },
    },
  ];
}
