import { z } from "zod";
import { checkDeptId, checkOffset, checkPageSize, checkText } from "./arguments";
import { cursorPages, eachItem } from "./pagination";
import { oapiResult, type Call } from "./transport";
import { wireFlag as flag, wireOptionalNumber, wireOptionalText as optionalText, wireText as text } from "./wire";

/** A person in the org, as the console uses them (normalised from oapi's snake_case). */
export interface DingTalkUser {
  userId: string;
  unionId: string;
  name: string;
  avatar: string;
  mobile: string;
  email: string;
  title: string;
  jobNumber: string;
  deptIdList: number[];
  leaderInDept: { deptId: number; leader: boolean }[];
  managerUserId?: string;
  /** Date of hire, ms since the epoch. */
  hiredDate?: number;
  active: boolean;
  admin: boolean;
  boss: boolean;
  senior: boolean;
  remark?: string;
  /** DingTalk's free-form extension attributes (a JSON string). */
  extension?: string;
}

export type ContactLanguage = "zh_CN" | "en_US";

const wireUser = z
  .object({
    userid: z.string(),
    unionid: text,
    name: text,
    avatar: text,
    mobile: text,
    email: text,
    title: text,
    job_number: text,
    dept_id_list: z.array(z.coerce.number()).nullish(),
    leader_in_dept: z.array(z.object({ dept_id: z.coerce.number(), leader: flag })).nullish(),
    manager_userid: optionalText,
    hired_date: wireOptionalNumber,
    active: z.boolean().nullish(),
    admin: flag,
    boss: flag,
    senior: flag,
    remark: optionalText,
    extension: optionalText,
  })
  .transform(
    (u): DingTalkUser => ({
      userId: u.userid,
      unionId: u.unionid,
      name: u.name,
      avatar: u.avatar,
      mobile: u.mobile,
      email: u.email,
      title: u.title,
      jobNumber: u.job_number,
      deptIdList: u.dept_id_list ?? [],
      leaderInDept: (u.leader_in_dept ?? []).map((l) => ({ deptId: l.dept_id, leader: l.leader })),
      managerUserId: u.manager_userid,
      hiredDate: u.hired_date,
      // DingTalk leaves `active` out for people who have signed in; absent means active.
      active: u.active ?? true,
      admin: u.admin,
      boss: u.boss,
      senior: u.senior,
      remark: u.remark,
      extension: u.extension,
    }),
  );

const cursorResult = <T extends z.ZodType>(item: T) =>
  oapiResult(
    z.object({
      has_more: flag,
      next_cursor: z.coerce.number().nullish(),
      list: z.array(item).nullish(),
    }),
  );

const userPage = cursorResult(wireUser);
const simplePage = cursorResult(z.object({ userid: z.string(), name: text }));

const searchResult = z.object({
  hasMore: flag,
  totalCount: z.coerce.number().nullish(),
  list: z.array(z.string()).nullish(),
});

export interface UserPage<U> {
  hasMore: boolean;
  nextCursor?: number;
  users: U[];
}

export interface SearchResult {
  hasMore: boolean;
  totalCount: number;
  userIds: string[];
}

export interface Contacts {
  getUser(userId: string, options?: { language?: ContactLanguage }): Promise<DingTalkUser>;
  getUserIdByUnionId(unionId: string): Promise<{ userId: string; contactType: number }>;
  getUserIdByMobile(mobile: string): Promise<string>;
  searchUsers(query: { queryWord: string; offset: number; size: number; fullMatchField?: number }): Promise<SearchResult>;
  listUsers(deptId: number, page: { cursor: number; size: number; language?: ContactLanguage }): Promise<UserPage<DingTalkUser>>;
  iterateUsers(deptId: number, options?: { pageSize?: number }): AsyncIterable<DingTalkUser>;
  listSimple(deptId: number, page: { cursor: number; size: number }): Promise<UserPage<{ userId: string; name: string }>>;
  listUserIds(deptId: number): Promise<string[]>;
  countUsers(options: { onlyActive: boolean }): Promise<number>;
  listAdmins(): Promise<{ userId: string; sysLevel: number }[]>;
}

/** Users of the org (通讯录): the oapi `topapi/user` family and the new host's search. */
export function createContacts(call: Call): Contacts {
  const listUsers: Contacts["listUsers"] = async (deptId, page) => {
    const r = await call({
      host: "oapi",
      method: "POST",
      path: "/topapi/v2/user/list",
      body: { dept_id: checkDeptId(deptId), cursor: page.cursor, size: checkPageSize(page.size), language: page.language },
      schema: userPage,
      idempotent: true,
    });
    return { hasMore: r.has_more, nextCursor: r.next_cursor ?? undefined, users: r.list ?? [] };
  };

  return {
    async getUser(userId, options = {}) {
      return call({
        host: "oapi",
        method: "POST",
        path: "/topapi/v2/user/get",
        body: { userid: checkText(userId, "userId"), language: options.language },
        schema: oapiResult(wireUser),
        idempotent: true,
      });
    },

    async getUserIdByUnionId(unionId) {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/user/getbyunionid",
        body: { unionid: checkText(unionId, "unionId") },
        schema: oapiResult(z.object({ userid: z.string(), contact_type: z.coerce.number().nullish() })),
        idempotent: true,
      });
      return { userId: r.userid, contactType: r.contact_type ?? 0 };
    },

    async getUserIdByMobile(mobile) {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/v2/user/getbymobile",
        body: { mobile: checkText(mobile, "mobile") },
        schema: oapiResult(z.object({ userid: z.string() })),
        idempotent: true,
      });
      return r.userid;
    },

    async searchUsers(query) {
      const r = await call({
        host: "api",
        method: "POST",
        path: "/v1.0/contact/users/search",
        body: { queryWord: checkText(query.queryWord, "queryWord"), offset: checkOffset(query.offset), size: checkPageSize(query.size), fullMatchField: query.fullMatchField },
        schema: searchResult,
        idempotent: true,
      });
      const userIds = r.list ?? [];
      return { hasMore: r.hasMore, totalCount: r.totalCount ?? userIds.length, userIds };
    },

    listUsers,

    iterateUsers(deptId, options = {}) {
      const size = checkPageSize(options.pageSize ?? 100);
      return eachItem(cursorPages(async (cursor) => {
        const page = await listUsers(deptId, { cursor, size });
        return { items: page.users, hasMore: page.hasMore, nextCursor: page.nextCursor };
      }));
    },

    async listSimple(deptId, page) {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/user/listsimple",
        body: { dept_id: checkDeptId(deptId), cursor: page.cursor, size: checkPageSize(page.size) },
        schema: simplePage,
        idempotent: true,
      });
      return { hasMore: r.has_more, nextCursor: r.next_cursor ?? undefined, users: (r.list ?? []).map((u) => ({ userId: u.userid, name: u.name })) };
    },

    async listUserIds(deptId) {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/user/listid",
        body: { dept_id: checkDeptId(deptId) },
        schema: oapiResult(z.object({ userid_list: z.array(z.string()).nullish() })),
        idempotent: true,
      });
      return r.userid_list ?? [];
    },

    async countUsers(options) {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/user/count",
        body: { only_active: options.onlyActive },
        schema: oapiResult(z.object({ count: z.coerce.number() })),
        idempotent: true,
      });
      return r.count;
    },

    async listAdmins() {
      const r = await call({
        host: "oapi",
        method: "POST",
        path: "/topapi/user/listadmin",
        body: {},
        schema: oapiResult(z.array(z.object({ userid: z.string(), sys_level: z.coerce.number() }))),
        idempotent: true,
      });
      return r.map((a) => ({ userId: a.userid, sysLevel: a.sys_level }));
    },
  };
}
