import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgUserRow } from "./control-client";
import { startTestEmulator, type TestEmulator } from "./testing";

let t: TestEmulator;
let token: string;
let apiToken: string;
let people: OrgUserRow[];

beforeAll(async () => {
  t = await startTestEmulator({ users: 200, seed: 1, qps: 0 });
  token = await t.oapiToken();
  apiToken = await t.apiToken();
  people = (await t.control.users({ limit: 200 })).users;
});
afterAll(() => t.emu.close());

type Result = Record<string, unknown>;
const result = (reply: { body: { result?: unknown } }) => reply.body.result as Result;

describe("users", () => {
  it("gets a user with the documented fields", async () => {
    const person = people[5];
    const reply = await t.oapi("/topapi/v2/user/get", { userid: person.userId }, token);
    expect(reply.body.errcode).toBe(0);
    expect(reply.body.request_id).toBe(reply.requestIdHeader);
    const user = result(reply);
    expect(user).toMatchObject({
      userid: person.userId, unionid: person.unionId, name: person.name, mobile: person.mobile, email: person.email,
      title: person.title, dept_id_list: person.deptIdList, active: person.active, admin: person.admin,
    });
    expect(user.manager_userid).toEqual(expect.any(String));
    expect(user.leader_in_dept).toEqual(expect.arrayContaining([expect.objectContaining({ dept_id: person.deptIdList[0] })]));
    expect(typeof user.hired_date).toBe("number");
  });

  it("answers 60121 for an unknown user and 40035 for a missing userid", async () => {
    expect((await t.oapi("/topapi/v2/user/get", { userid: "nobody" }, token)).body).toMatchObject({ errcode: 60121 });
    expect((await t.oapi("/topapi/v2/user/get", {}, token)).body).toMatchObject({ errcode: 40035, errmsg: "缺少参数 userid" });
  });

  it("finds people by unionid and by mobile", async () => {
    const person = people[17];
    expect(result(await t.oapi("/topapi/user/getbyunionid", { unionid: person.unionId }, token))).toEqual({
      contact_type: 0, userid: person.userId,
    });
    expect(result(await t.oapi("/topapi/v2/user/getbymobile", { mobile: person.mobile }, token))).toEqual({ userid: person.userId });
    expect((await t.oapi("/topapi/user/getbyunionid", { unionid: "unknownunionidiE" }, token)).body.errcode).toBe(60121);
    expect((await t.oapi("/topapi/v2/user/getbymobile", { mobile: "10000000000" }, token)).body.errcode).toBe(60121);
  });

  it("pages a department's members by cursor, size at most 100", async () => {
    const org = await t.control.org();
    const dept = people[10].deptIdList[0];
    const ids = result(await t.oapi("/topapi/user/listid", { dept_id: dept }, token)).userid_list as string[];
    expect(ids).toContain(people[10].userId);

    const seen: string[] = [];
    let cursor = 0;
    for (;;) {
      const page = result(await t.oapi("/topapi/v2/user/list", { dept_id: dept, cursor, size: 2 }, token));
      seen.push(...(page.list as Array<{ userid: string }>).map((u) => u.userid));
      if (!page.has_more) {
        expect(page.next_cursor).toBeUndefined();
        break;
      }
      cursor = page.next_cursor as number;
    }
    expect(seen).toEqual(ids);

    const simple = result(await t.oapi("/topapi/user/listsimple", { dept_id: dept, cursor: 0, size: 100 }, token));
    expect((simple.list as Array<{ userid: string; name: string }>).map((u) => u.userid)).toEqual(ids);

    const tooBig = await t.oapi("/topapi/v2/user/list", { dept_id: dept, cursor: 0, size: 101 }, token);
    expect(tooBig.body.errcode).toBe(400002);
    expect(tooBig.body.errmsg).toContain("size");
    expect((await t.oapi("/topapi/v2/user/list", { dept_id: 999, cursor: 0, size: 10 }, token)).body.errcode).toBe(60003);
    expect(org.userCount).toBe(200);
  });

  it("counts people and lists admins", async () => {
    const org = await t.control.org();
    expect(result(await t.oapi("/topapi/user/count", { only_active: false }, token))).toEqual({ count: 200 });
    expect(result(await t.oapi("/topapi/user/count", { only_active: true }, token))).toEqual({ count: org.activeUserCount });
    expect(org.activeUserCount).toBeLessThan(200);
    const admins = (await t.oapi("/topapi/user/listadmin", {}, token)).body.result as Array<{ userid: string; sys_level: number }>;
    expect(admins.filter((a) => a.sys_level === 1)).toHaveLength(1);
    expect(admins.map((a) => a.userid)).toEqual(org.admins.map((a) => a.userId));
    const main = result(await t.oapi("/topapi/v2/user/get", { userid: admins[0].userid }, token));
    expect(main.admin).toBe(true);
  });

  it("searches users by name and pinyin on the api host", async () => {
    const person = people[30];
    const byName = await t.api("POST", "/v1.0/contact/users/search", { queryWord: person.name, offset: 0, size: 100, fullMatchField: 1 }, apiToken);
    expect(byName.status).toBe(200);
    expect(byName.body.list).toContain(person.userId);
    const surname = await t.api("POST", "/v1.0/contact/users/search", { queryWord: person.name[0], offset: 0, size: 1 }, apiToken);
    expect(surname.body.list).toHaveLength(1);
    expect(surname.body.totalCount).toBeGreaterThanOrEqual(1);
    expect(surname.body.hasMore).toBe((surname.body.totalCount as number) > 1);
    const bad = await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 500 }, apiToken);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("paramError");
    const missing = await t.api("POST", "/v1.0/contact/users/search", { offset: 0, size: 5 }, apiToken);
    expect(missing.body.code).toBe("MissingqueryWord");
  });
});

describe("departments", () => {
  it("gets the root and walks the tree", async () => {
    const org = await t.control.org();
    const root = result(await t.oapi("/topapi/v2/department/get", { dept_id: 1 }, token));
    expect(root.dept_id).toBe(1);
    expect(root.parent_id).toBeUndefined();
    expect(root.member_count).toBe(200);
    const subs = (await t.oapi("/topapi/v2/department/listsub", { dept_id: 1 }, token)).body.result as Array<{ dept_id: number; parent_id: number; name: string }>;
    expect(subs.length).toBeGreaterThan(1);
    expect(subs.every((d) => d.parent_id === 1)).toBe(true);
    const ids = result(await t.oapi("/topapi/v2/department/listsubid", { dept_id: 1 }, token)).dept_id_list;
    expect(ids).toEqual(subs.map((d) => d.dept_id));

    // Find a department three levels down and check its parent chain.
    let deepest: number | null = null;
    for (const sub of subs) {
      const grand = result(await t.oapi("/topapi/v2/department/listsubid", { dept_id: sub.dept_id }, token)).dept_id_list as number[];
      if (grand.length > 0) {
        const chain = result(await t.oapi("/topapi/v2/department/listparentbydept", { dept_id: grand[0] }, token)).parent_id_list;
        expect(chain).toEqual([grand[0], sub.dept_id, 1]);
        deepest = grand[0];
        break;
      }
    }
    expect(deepest).not.toBeNull();
    expect(org.departmentCount).toBeGreaterThanOrEqual(15);
  });

  it("gives managers and a user's department chains", async () => {
    const person = people[40];
    const dept = result(await t.oapi("/topapi/v2/department/get", { dept_id: person.deptIdList[0] }, token));
    expect(dept.dept_manager_userid_list).toEqual(expect.any(Array));
    const chains = result(await t.oapi("/topapi/v2/department/listparentbyuser", { userid: person.userId }, token)).parent_list as Array<{ parent_dept_id_list: number[] }>;
    expect(chains).toHaveLength(person.deptIdList.length);
    expect(chains[0].parent_dept_id_list[0]).toBe(person.deptIdList[0]);
    expect(chains[0].parent_dept_id_list.at(-1)).toBe(1);
  });

  it("answers 60003 for unknown departments and validates dept_id", async () => {
    for (const path of ["/topapi/v2/department/get", "/topapi/v2/department/listsub", "/topapi/v2/department/listsubid", "/topapi/v2/department/listparentbydept"]) {
      expect((await t.oapi(path, { dept_id: 12345 }, token)).body.errcode, path).toBe(60003);
    }
    expect((await t.oapi("/topapi/v2/department/get", { dept_id: "abc" }, token)).body.errcode).toBe(400002);
    expect((await t.oapi("/topapi/v2/department/listparentbyuser", { userid: "nobody" }, token)).body.errcode).toBe(60121);
  });

  it("accepts form bodies and numeric strings as oapi does", async () => {
    const response = await fetch(`${t.emu.url}/topapi/v2/department/get?access_token=${token}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "dept_id=1",
    });
    expect(await response.json()).toMatchObject({ errcode: 0, result: { dept_id: 1 } });
  });

  it("searches departments on the api host", async () => {
    const subs = (await t.oapi("/topapi/v2/department/listsub", { dept_id: 1 }, token)).body.result as Array<{ dept_id: number; name: string }>;
    const reply = await t.api("POST", "/v1.0/contact/departments/search", { queryWord: subs[0].name, offset: 0, size: 10 }, apiToken);
    expect(reply.status).toBe(200);
    expect(reply.body.list).toContain(subs[0].dept_id);
    const missingBody = await t.api("POST", "/v1.0/contact/departments/search", undefined, apiToken);
    expect(missingBody.status).toBe(400);
    expect(missingBody.body.code).toBe("Missingbody");
  });

  it("answers unknown paths in each host's format", async () => {
    expect((await t.oapi("/topapi/v2/user/nothing", {}, token)).body.errcode).toBe(404);
    const api = await t.api("GET", "/v1.0/nothing/here", undefined, apiToken);
    expect(api.status).toBe(404);
    expect(api.body.requestid).toBe(api.requestIdHeader);
  });
});
