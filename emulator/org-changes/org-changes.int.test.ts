import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { StreamControl } from "../control/stream-client";
import { startTestEmulator, type TestEmulator } from "../testing";

let t: TestEmulator;
let stream: StreamControl;
let token: string;

beforeAll(async () => {
  t = await startTestEmulator({ users: 60 });
  stream = new StreamControl(t.emu.url, t.emu.controlToken);
});

afterEach(async () => {
  await t.control.reset();
});

afterAll(async () => {
  await t.emu.close();
});

describe("org changes through the control API", () => {
  it("adds, moves and removes a person, and the contact calls see each step", async () => {
    token = await t.oapiToken();
    const subs = await t.oapi("/topapi/v2/department/listsubid", { dept_id: 1 }, token);
    const [deptA, deptB] = (subs.body.result as { dept_id_list: number[] }).dept_id_list;
    const countOf = async (deptId: number) =>
      ((await t.oapi("/topapi/v2/department/get", { dept_id: deptId }, token)).body.result as { member_count: number }).member_count;
    const rootBefore = await countOf(1);
    const bBefore = await countOf(deptB);

    const added = await stream.addUser({ name: "韩梅梅", mobile: "13700000001", deptIdList: [deptA], title: "设计师" });
    const got = await t.oapi("/topapi/v2/user/get", { userid: added.userId }, token);
    expect(got.body.result).toMatchObject({ userid: added.userId, unionid: added.unionId, name: "韩梅梅", dept_id_list: [deptA], title: "设计师" });
    expect((await t.oapi("/topapi/v2/user/getbymobile", { mobile: "13700000001" }, token)).body.result).toEqual({ userid: added.userId });
    expect(await countOf(1)).toBe(rootBefore + 1);
    const ids = await t.oapi("/topapi/user/listid", { dept_id: deptA }, token);
    expect((ids.body.result as { userid_list: string[] }).userid_list).toContain(added.userId);

    await stream.modifyUser(added.userId, { deptIdList: [deptB], mobile: "13700000002" });
    expect((await t.oapi("/topapi/v2/user/get", { userid: added.userId }, token)).body.result).toMatchObject({ dept_id_list: [deptB] });
    expect((await t.oapi("/topapi/v2/user/getbymobile", { mobile: "13700000001" }, token)).body.errcode).toBe(60121);
    expect(await countOf(deptB)).toBe(bBefore + 1);

    await stream.removeUser(added.userId);
    expect((await t.oapi("/topapi/v2/user/get", { userid: added.userId }, token)).body.errcode).toBe(60121);
    expect(await countOf(1)).toBe(rootBefore);

  });

  it("creates, renames, moves and removes a department; refuses what DingTalk refuses", async () => {
    token = await t.oapiToken();
    const deptId = await stream.addDepartment({ name: "创新实验室", parentId: 1 });
    const child = await stream.addDepartment({ name: "原型组", parentId: deptId });
    const listsub = await t.oapi("/topapi/v2/department/listsub", { dept_id: deptId }, token);
    expect(listsub.body.result).toEqual([expect.objectContaining({ dept_id: child, name: "原型组", parent_id: deptId })]);

    await stream.modifyDepartment(deptId, { name: "创新中心" });
    expect((await t.oapi("/topapi/v2/department/get", { dept_id: deptId }, token)).body.result).toMatchObject({ name: "创新中心" });

    const other = (await t.oapi("/topapi/v2/department/listsubid", { dept_id: 1 }, token)).body.result as { dept_id_list: number[] };
    const target = other.dept_id_list.find((id) => id !== deptId) as number;
    await stream.modifyDepartment(child, { parentId: target });
    const chain = (await t.oapi("/topapi/v2/department/listparentbydept", { dept_id: child }, token)).body.result as { parent_id_list: number[] };
    expect(chain.parent_id_list).toEqual([child, target, 1]);

    await expect(stream.modifyDepartment(target, { parentId: child })).rejects.toMatchObject({ code: "orgChangeRefused", message: /60009/ });
    await expect(stream.removeDepartment(target)).rejects.toMatchObject({ message: /^6000[56]/ });
    await expect(stream.addUser({ name: "x", mobile: "13700000009", deptIdList: [999] })).rejects.toMatchObject({ message: /60003/ });

    await stream.removeDepartment(child);
    expect((await t.oapi("/topapi/v2/department/get", { dept_id: child }, token)).body.errcode).toBe(60003);
  });
});
