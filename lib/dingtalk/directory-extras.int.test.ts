import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { StreamControl } from "@/emulator/control/stream-client";
import { startTestEmulator, type TestEmulator } from "@/emulator/testing";
import { createDingTalkClient, type DingTalkClient } from "./client";
import { listInactiveUsers, listLeavers, queryDate } from "./directory-extras";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";

let t: TestEmulator;
let client: DingTalkClient;

beforeAll(async () => {
  t = await startTestEmulator({ users: 300, seed: 5, qps: 0 });
  client = createDingTalkClient({ appKey: t.emu.appKey, appSecret: t.emu.appSecret, oapiBase: t.emu.url, apiBase: t.emu.url, loginBase: t.emu.url });
});
afterAll(async () => {
  await t.emu.close();
});

const yesterday = () => new Date(Date.now() - 86_400_000);

describe("未登录用户 (/topapi/inactive/user/v2/get)", () => {
  it("pages through everyone who did not sign in, and they and those who did make up the org", async () => {
    const inactive = await collect(listInactiveUsers(client, { date: yesterday(), pageSize: 7 }));
    const signedIn = await collect(listInactiveUsers(client, { date: yesterday(), signedIn: true }));
    expect(inactive.length).toBeGreaterThan(10);
    expect(new Set(inactive).size).toBe(inactive.length);
    expect(inactive.filter((id) => signedIn.includes(id))).toEqual([]);
    // Everyone hired by then is in exactly one list.
    const ids = new Set((await t.control.users({ limit: 1000 })).users.map((u) => u.userId));
    expect([...inactive, ...signedIn].every((id) => ids.has(id))).toBe(true);
    // The same day answers the same; another day differs.
    expect(await collect(listInactiveUsers(client, { date: yesterday() }))).toEqual(inactive);
    const before = await collect(listInactiveUsers(client, { date: new Date(Date.now() - 5 * 86_400_000) }));
    expect(before).not.toEqual(inactive);
  });

  it("keeps to the departments asked for", async () => {
    let deptId = 0;
    let members: string[] = [];
    for (const id of await client.departments.listSubDepartmentIds(1)) {
      const ids = await client.contacts.listUserIds(id);
      if (ids.length > members.length) [deptId, members] = [id, ids];
    }
    expect(members.length).toBeGreaterThan(3);
    const signedIn = await collect(listInactiveUsers(client, { date: yesterday(), signedIn: true, deptIds: [deptId] }));
    const inactive = await collect(listInactiveUsers(client, { date: yesterday(), deptIds: [deptId] }));
    expect([...signedIn, ...inactive].sort()).toEqual([...members].sort());
  });

  it("refuses a size over 100, a bad date and a day in the future", async () => {
    const token = await t.oapiToken();
    const ask = (body: Record<string, unknown>) => t.oapi("/topapi/inactive/user/v2/get", { is_active: false, offset: 0, size: 100, query_date: queryDate(yesterday()), ...body }, token);
    expect((await ask({})).body.errcode).toBe(0);
    expect((await ask({ size: 101 })).body).toMatchObject({ errcode: 400002 });
    expect((await ask({ query_date: "20250230" })).body).toMatchObject({ errcode: 400002 });
    expect((await ask({ query_date: queryDate(new Date(Date.now() + 3 * 86_400_000)) })).body).toMatchObject({ errcode: 400002 });
    expect((await ask({ query_date: undefined })).body).toMatchObject({ errcode: 40035 });
    expect((await ask({ dept_ids: [987654] })).body).toMatchObject({ errcode: 60003 });
    expect(() => queryDate("21/11/2026")).toThrow(/2026-11-21/);
  });
});

describe("离职记录 (/v1.0/contact/empLeaveRecords)", () => {
  it("pages by nextToken, 50 at most, oldest first, and includes people removed through org changes", async () => {
    const stream = new StreamControl(t.emu.url, t.emu.controlToken);
    const added = await stream.addUser({ name: "离职测试", mobile: "13912345678", deptIdList: [1] });
    await stream.removeUser(added.userId);
    const from = new Date(Date.now() - 400 * 86_400_000);
    const all = await collect(listLeavers(client, { from, to: new Date(Date.now() + 60_000), pageSize: 4 }));
    expect(all.length).toBeGreaterThan(5);
    const times = all.map((r) => Date.parse(r.leaveTime));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(all.at(-1)).toMatchObject({ userId: added.userId, name: "离职测试", mobile: "13912345678" });
    // A range that ends before the removal leaves it out.
    const earlier = await collect(listLeavers(client, { from, to: new Date(Date.now() - 86_400_000) }));
    expect(earlier.some((r) => r.userId === added.userId)).toBe(false);
    expect(earlier.length).toBe(all.length - 1);
  });

  it("refuses maxResults over 50, a missing startTime and a bad nextToken", async () => {
    const token = await t.apiToken();
    const start = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    expect((await t.api("GET", `/v1.0/contact/empLeaveRecords?startTime=${start}&maxResults=50`, undefined, token)).status).toBe(200);
    const over = await t.api("GET", `/v1.0/contact/empLeaveRecords?startTime=${start}&maxResults=51`, undefined, token);
    expect(over).toMatchObject({ status: 400, body: { code: "paramError" } });
    expect((await t.api("GET", `/v1.0/contact/empLeaveRecords?maxResults=5`, undefined, token)).body).toMatchObject({ code: "MissingstartTime" });
    expect((await t.api("GET", `/v1.0/contact/empLeaveRecords?startTime=${start}&nextToken=abc`, undefined, token)).status).toBe(400);
    expect(() => listLeavers(client, { from: new Date(), to: new Date(), pageSize: 51 })).toThrow(/1 to 50/);
    expect(() => listLeavers(client, { from: new Date(), to: new Date(Date.now() - 1000) })).toThrow(/before/);
    const reversed = client.call({ host: "api", method: "GET", path: "/v1.0/contact/empLeaveRecords", query: { startTime: new Date().toISOString(), endTime: new Date(0).toISOString() }, schema: (await import("zod")).z.unknown(), idempotent: true });
    await expect(reversed).rejects.toBeInstanceOf(DingTalkError);
  });

  it("forgets removals on reset and keeps recording afterwards", async () => {
    const control = new EmulatorControl(t.emu.url, t.emu.controlToken);
    await control.reset();
    const from = new Date(Date.now() - 400 * 86_400_000);
    const seeded = await collect(listLeavers(client, { from, to: new Date(Date.now() + 60_000) }));
    expect(seeded.every((r) => r.userId.startsWith("left"))).toBe(true);
    const stream = new StreamControl(t.emu.url, t.emu.controlToken);
    const someone = (await control.users({ admin: false, limit: 5 })).users[0];
    if (!someone) throw new Error("no removable person");
    await stream.removeUser(someone.userId);
    const after = await collect(listLeavers(client, { from, to: new Date(Date.now() + 60_000) }));
    expect(after.at(-1)).toMatchObject({ userId: someone.userId, name: someone.name });
  });
});
