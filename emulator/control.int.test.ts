import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorControlError } from "./control-client";
import { startTestEmulator, type TestEmulator } from "./testing";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ users: 100, seed: 9 });
});
afterAll(() => t.emu.close());
beforeEach(() => t.control.reset());

describe("control API", () => {
  it("refuses calls without the control token", async () => {
    const none = await fetch(`${t.emu.url}/__control/org`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: "Unauthorized" });
    const wrong = await fetch(`${t.emu.url}/__control/reset`, { method: "POST", headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
  });

  it("summarises the org and pages its people with filters", async () => {
    const org = await t.control.org();
    expect(org).toMatchObject({ corpId: t.emu.corpId, userCount: 100 });
    expect(org.admins[0].sysLevel).toBe(1);
    const admins = await t.control.users({ admin: true });
    expect(admins.total).toBe(org.admins.length);
    const inactive = await t.control.users({ active: false, limit: 5 });
    expect(inactive.total).toBe(100 - org.activeUserCount);
    expect(inactive.users.every((u) => !u.active)).toBe(true);
    const page = await t.control.users({ offset: 95, limit: 10 });
    expect(page.users).toHaveLength(5);
    await expect(t.control.users({ limit: 0 })).rejects.toBeInstanceOf(EmulatorControlError);
  });

  it("moves the clock forward and back to now on reset", async () => {
    const before = await t.control.clock();
    const after = await t.control.advanceClock(3600);
    expect(after - before).toBeGreaterThanOrEqual(3600_000);
    await t.control.reset();
    expect((await t.control.clock()) - before).toBeLessThan(60_000);
  });

  it("counts calls and issued tokens", async () => {
    const token = await t.oapiToken();
    await t.apiToken();
    await t.oapi("/topapi/user/listadmin", {}, token);
    await t.oapi("/topapi/user/listadmin", {}, token);
    const stats = await t.control.stats();
    expect(stats.calls["POST /topapi/user/listadmin"]).toBe(2);
    expect(stats.calls["GET /gettoken"]).toBe(1);
    expect(stats.tokensIssued).toEqual({ oapi: 1, api: 1, user: 0 });
    await t.control.resetStats();
    expect(await t.control.stats()).toEqual({ calls: {}, tokensIssued: { oapi: 0, api: 0, user: 0 } });
  });
});

describe("QPS limit", () => {
  it("refuses part of a burst of 30 at 20 QPS with DingTalk's errors", async () => {
    const token = await t.oapiToken();
    const burst = await Promise.all(Array.from({ length: 30 }, () => t.oapi("/topapi/user/listadmin", {}, token)));
    const refused = burst.filter((r) => r.body.errcode === 90018);
    expect(burst.filter((r) => r.body.errcode === 0)).toHaveLength(20);
    expect(refused).toHaveLength(10);
    expect(refused[0].status).toBe(200);
    expect(refused[0].body.errmsg).toContain("20");

    const apiToken = await t.apiToken();
    const body = { queryWord: "王", offset: 0, size: 5 };
    const apiBurst = await Promise.all(Array.from({ length: 30 }, () => t.api("POST", "/v1.0/contact/users/search", body, apiToken)));
    const throttled = apiBurst.filter((r) => r.status === 403);
    expect(throttled.length).toBe(10);
    expect(throttled[0].body).toMatchObject({ code: "Forbidden.AccessDenied.QpsLimitForApi", requestid: expect.any(String) });
    expect(apiBurst.filter((r) => r.status === 200)).toHaveLength(20);
  });

  it("counts per app per API, whatever ids the path holds, and answers with the chosen api code", async () => {
    await t.control.setQps({ default: 2, apiRefusal: "QpsLimitForAppkeyAndApi" });
    const apiToken = await t.apiToken();
    const { users } = await t.control.users({ limit: 3 });
    // Three people's calendars are one API: the third call in the second is refused.
    const replies = await Promise.all(
      users.map((u) => t.api("GET", `/v1.0/calendar/users/${u.unionId}/calendars/primary/events`, undefined, apiToken)),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 403]);
    expect(replies.find((r) => r.status === 403)?.body.code).toBe("Forbidden.AccessDenied.QpsLimitForAppkeyAndApi");
    // Another API has its own window.
    expect((await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 5 }, apiToken)).status).toBe(200);
  });

  it("limits the token endpoints and takes per-path limits", async () => {
    await t.control.setQps({ perPath: { "/gettoken": 2 } });
    const url = `${t.emu.url}/gettoken?appkey=${t.emu.appKey}&appsecret=${t.emu.appSecret}`;
    const replies = await Promise.all(Array.from({ length: 4 }, () => fetch(url).then((r) => r.json())));
    expect(replies.filter((r) => r.errcode === 90018)).toHaveLength(2);

    await t.control.setQps({ default: 1 });
    const token = await t.apiToken();
    const a = await t.oapi("/topapi/user/listadmin", {}, token);
    const b = await t.oapi("/topapi/user/listadmin", {}, token);
    expect([a.body.errcode, b.body.errcode]).toEqual([0, 90018]);
  });
});

describe("faults", () => {
  it("answers with the given oapi error for the next N calls", async () => {
    const token = await t.oapiToken();
    const { id } = await t.control.addFault({ path: "/topapi/user/listadmin", error: { errcode: -1, errmsg: "系统繁忙" }, times: 2 });
    expect(id).toEqual(expect.any(String));
    const first = await t.oapi("/topapi/user/listadmin", {}, token);
    const second = await t.oapi("/topapi/user/listadmin", {}, token);
    const third = await t.oapi("/topapi/user/listadmin", {}, token);
    expect([first.body.errcode, second.body.errcode, third.body.errcode]).toEqual([-1, -1, 0]);
    expect(first.body.request_id).toBe(first.requestIdHeader);
  });

  it("answers with an api error and status", async () => {
    const token = await t.apiToken();
    await t.control.addFault({ path: "/v1.0/contact/users/search", method: "POST", error: { status: 503, code: "ServiceUnavailable", message: "稍后再试" } });
    const reply = await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 5 }, token);
    expect(reply.status).toBe(503);
    expect(reply.body).toMatchObject({ code: "ServiceUnavailable", message: "稍后再试" });
    await t.control.clearFaults();
    expect((await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 5 }, token)).status).toBe(200);
  });

  it("adds latency", async () => {
    const token = await t.oapiToken();
    await t.control.addFault({ path: "/topapi/user/listadmin", latencyMs: 150, times: 1 });
    const started = performance.now();
    const reply = await t.oapi("/topapi/user/listadmin", {}, token);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(reply.body.errcode).toBe(0);
  });

  it("drops the connection", async () => {
    const token = await t.oapiToken();
    await t.control.addFault({ path: "/topapi/user/listadmin", drop: true, times: 1 });
    await expect(t.oapi("/topapi/user/listadmin", {}, token)).rejects.toThrow();
    expect((await t.oapi("/topapi/user/listadmin", {}, token)).body.errcode).toBe(0);
  });

  it("validates fault specs and clears them on reset", async () => {
    await expect(t.control.addFault({ path: "/x" })).rejects.toMatchObject({ status: 400, code: "invalidControlRequest" });
    await t.control.addFault({ path: "/gettoken", error: { errcode: 88004 } });
    await t.control.reset();
    await expect(t.oapiToken()).resolves.toEqual(expect.any(String));
  });
});
