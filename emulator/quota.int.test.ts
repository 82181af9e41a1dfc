import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { monthRange, shanghaiMonth } from "../lib/time";
import { startTestEmulator, type TestEmulator } from "./testing";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ users: 60, seed: 4, monthlyQuota: 5 });
});
afterAll(() => t.emu.close());
beforeEach(() => t.control.reset());

const search = (token: string) => t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 5 }, token);
const listAdmins = (token: string) => t.oapi("/topapi/user/listadmin", {}, token);

/** Seconds from the emulator's now to just past the next midnight of the 1st in Shanghai. */
async function secondsToNextMonth(): Promise<number> {
  const now = await t.control.clock();
  return Math.ceil((monthRange(shanghaiMonth(now)).end.getTime() - now) / 1000) + 1;
}

describe("monthly call quota", () => {
  it("starts from the option, counts the month in Asia/Shanghai, and leaves the token calls out", async () => {
    const start = await t.control.quota();
    expect(start).toEqual({ month: shanghaiMonth(await t.control.clock()), quota: 5, used: 0, byPath: {} });
    const oapiToken = await t.oapiToken();
    const apiToken = await t.apiToken();
    await t.oapiToken();
    expect((await listAdmins(oapiToken)).body.errcode).toBe(0);
    expect((await search(apiToken)).status).toBe(200);
    const quota = await t.control.quota();
    expect(quota.used).toBe(2);
    expect(quota.byPath).toEqual({ "/topapi/user/listadmin": 1, "/v1.0/contact/users/search": 1 });
    // Every request that arrived is in stats; the metered count leaves the three token calls out.
    const stats = await t.control.stats();
    expect(stats.calls["GET /gettoken"]).toBe(2);
    expect(stats.calls["POST /v1.0/oauth2/accessToken"]).toBe(1);
  });

  it("refuses past the quota in each host's form, without counting the refusals", async () => {
    const oapiToken = await t.oapiToken();
    const apiToken = await t.apiToken();
    for (let i = 0; i < 5; i++) expect((await listAdmins(oapiToken)).body.errcode).toBe(0);

    const oapi = await listAdmins(oapiToken);
    expect(oapi.status).toBe(200);
    expect(oapi.body).toMatchObject({ errcode: 90020, request_id: oapi.requestIdHeader });
    expect(oapi.body.errmsg).toContain("您的企业本月api调用量已超过限制，调用量:6次，额度:5次");
    const api = await search(apiToken);
    expect(api.status).toBe(403);
    expect(api.body).toMatchObject({ code: "Forbidden.AccessDenied.ApiCountLimitForOrg", requestid: api.requestIdHeader });

    // Token calls keep working over the quota (they are not metered).
    expect(await t.oapiToken()).toEqual(expect.any(String));
    expect(await t.apiToken()).toEqual(expect.any(String));
    const quota = await t.control.quota();
    expect(quota.used).toBe(5);
    expect(quota.byPath).toEqual({ "/topapi/user/listadmin": 5 });
    expect((await t.control.stats()).calls["POST /topapi/user/listadmin"]).toBe(6);
  });

  it("does not count a call refused for its token or for speed", async () => {
    await t.control.setQps({ default: 1 });
    const token = await t.oapiToken();
    expect((await listAdmins("not-a-token")).body).toMatchObject({ errcode: 88, sub_code: "40014" });
    const [a, b] = await Promise.all([listAdmins(token), listAdmins(token)]);
    expect([a.body.errcode, b.body.errcode].sort()).toEqual([0, 90018]);
    expect((await t.control.quota()).used).toBe(1);
  });

  it("starts again when the emulator's clock crosses into the next month", async () => {
    const token = await t.apiToken();
    await t.control.setQuota({ used: 5 });
    expect((await search(token)).body.code).toBe("Forbidden.AccessDenied.ApiCountLimitForOrg");
    const before = await t.control.quota();

    await t.control.advanceClock(await secondsToNextMonth());
    const turned = await t.control.quota();
    expect(turned.month).not.toBe(before.month);
    expect(turned).toMatchObject({ quota: 5, used: 0, byPath: {} });
    // The old token has expired by now; a new one works and the call is counted in the new month.
    const fresh = await t.apiToken();
    expect((await search(fresh)).status).toBe(200);
    expect((await t.control.quota()).used).toBe(1);
  });

  it("is set, turned off and preset through the control API, and back to the option on reset", async () => {
    const token = await t.oapiToken();
    expect(await t.control.setQuota({ quota: 100, used: 99 })).toMatchObject({ quota: 100, used: 99 });
    expect((await listAdmins(token)).body.errcode).toBe(0);
    expect((await listAdmins(token)).body.errmsg).toContain("调用量:101次，额度:100次");

    expect(await t.control.setQuota({ quota: null })).toMatchObject({ quota: null, used: 100 });
    expect((await listAdmins(token)).body.errcode).toBe(0);
    expect((await t.control.quota()).used).toBe(101);

    await expect(t.control.setQuota({})).rejects.toMatchObject({ status: 400 });
    await expect(t.control.setQuota({ quota: -1 })).rejects.toMatchObject({ status: 400 });

    await t.control.reset();
    expect(await t.control.quota()).toMatchObject({ quota: 5, used: 0, byPath: {} });
  });
});

describe("monthly call quota, off by default", () => {
  it("counts every metered call and refuses none", async () => {
    const plain = await startTestEmulator({ users: 30, seed: 4 });
    try {
      const token = await plain.oapiToken();
      for (let i = 0; i < 8; i++) expect((await plain.oapi("/topapi/user/listadmin", {}, token)).body.errcode).toBe(0);
      expect(await plain.control.quota()).toMatchObject({ quota: null, used: 8 });
    } finally {
      await plain.emu.close();
    }
  });
});
