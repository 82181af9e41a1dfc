import { z } from "zod";
import { checkDeptId, checkOffset, checkPageSize, checkText } from "./arguments";
import { oapiResult, type Call } from "./transport";
import { wireFlag, wireOptionalNumber, wireOptionalText, wireText } from "./wire";

/** A department (部门); the root is 1. */
export interface DingTalkDepartment {
  deptId: number;
  name: string;
  parentId?: number;
  order?: number;
  deptManagerUserIds: string[];
  memberCount?: number;
  createDeptGroup: boolean;
  autoAddUser: boolean;
  brief?: string;
}

/** A child department as `listsub` returns it. */
export interface DingTalkSubDepartment {
  deptId: number;
  name: string;
  parentId?: number;
  createDeptGroup: boolean;
  autoAddUser: boolean;
}

const wireDepartment = z
  .object({
    dept_id: z.coerce.number(),
    name: wireText,
    parent_id: wireOptionalNumber,
    order: wireOptionalNumber,
    dept_manager_userid_list: z.array(z.string()).nullish(),
    member_count: wireOptionalNumber,
    create_dept_group: wireFlag,
    auto_add_user: wireFlag,
    brief: wireOptionalText,
  })
  .transform(
    (d): DingTalkDepartment => ({
      deptId: d.dept_id,
      name: d.name,
      parentId: d.parent_id,
      order: d.order,
      deptManagerUserIds: d.dept_manager_userid_list ?? [],
      memberCount: d.member_count,
      createDeptGroup: d.create_dept_group,
      autoAddUser: d.auto_add_user,
      brief: d.brief,
    }),
  );

const wireSubDepartment = z
  .object({
    dept_id: z.coerce.number(),
    name: wireText,
    parent_id: wireOptionalNumber,
    create_dept_group: wireFlag,
    auto_add_user: wireFlag,
  })
  .transform(
    (d): DingTalkSubDepartment => ({
      deptId: d.dept_id,
      name: d.name,
      parentId: d.parent_id,
      createDeptGroup: d.create_dept_group,
      autoAddUser: d.auto_add_user,
    }),
  );

const idList = z.array(z.coerce.number()).nullish().transform((v) => v ?? []);

export interface Departments {
  getDepartment(deptId: number, options?: { language?: "zh_CN" | "en_US" }): Promise<DingTalkDepartment>;
  listSubDepartments(deptId: number): Promise<DingTalkSubDepartment[]>;
  listSubDepartmentIds(deptId: number): Promise<number[]>;
  /** The department and its ancestors: itself first, the root last. */
  listParentIdsByDept(deptId: number): Promise<number[]>;
  /** For each department the person is in, its chain of ids up to the root. */
  listParentsByUser(userId: string): Promise<number[][]>;
  searchDepartments(query: { queryWord: string; offset: number; size: number }): Promise<{ hasMore: boolean; totalCount: number; deptIds: number[] }>;
}

/** Departments of the org: the oapi `topapi/v2/department` family and the new host's search. */
export function createDepartments(call: Call): Departments {
  const post = <S extends z.ZodType>(path: string, body: Record<string, unknown>, schema: S) =>
    call({ host: "oapi", method: "POST", path, body, schema: oapiResult(schema), idempotent: true });

  return {
    getDepartment(deptId, options = {}) {
      return post("/topapi/v2/department/get", { dept_id: checkDeptId(deptId), language: options.language }, wireDepartment);
    },

    listSubDepartments(deptId) {
      return post("/topapi/v2/department/listsub", { dept_id: checkDeptId(deptId) }, z.array(wireSubDepartment).nullish().transform((v) => v ?? []));
    },

    async listSubDepartmentIds(deptId) {
      const r = await post("/topapi/v2/department/listsubid", { dept_id: checkDeptId(deptId) }, z.object({ dept_id_list: idList }));
      return r.dept_id_list;
    },

    async listParentIdsByDept(deptId) {
      const r = await post("/topapi/v2/department/listparentbydept", { dept_id: checkDeptId(deptId) }, z.object({ parent_id_list: idList }));
      return r.parent_id_list;
    },

    async listParentsByUser(userId) {
      const r = await post(
        "/topapi/v2/department/listparentbyuser",
        { userid: checkText(userId, "userId") },
        z.object({ parent_list: z.array(z.object({ parent_dept_id_list: idList })).nullish() }),
      );
      return (r.parent_list ?? []).map((p) => p.parent_dept_id_list);
    },

    async searchDepartments(query) {
      const r = await call({
        host: "api",
        method: "POST",
        path: "/v1.0/contact/departments/search",
        body: { queryWord: checkText(query.queryWord, "queryWord"), offset: checkOffset(query.offset), size: checkPageSize(query.size) },
        schema: z.object({ hasMore: wireFlag, totalCount: wireOptionalNumber, list: idList }),
        idempotent: true,
      });
      return { hasMore: r.hasMore, totalCount: r.totalCount ?? r.list.length, deptIds: r.list };
    },
  };
}
