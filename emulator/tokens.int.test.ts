import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ users: 50, seed: 3 });
});
afterAll(() => t.emu.close());
beforeEach(() => t.control.reset());

const gettoken = async (appkey: string, appsecret: string) => {
  const response = await fetch(`${t.emu.url}/gettoken?appkey=${encodeURIComponent(appkey)}&appsecret=${encodeURIComponent(appsecret)}`);
  return { status: response.status, header: response.headers.get("x-acs-request-id"), body: await response.json() };
};

describe("app tokens", () => {
  it("issues oapi tokens with errcode 0 and a request id", async () => {
    const reply = await gettoken(t.emu.appKey, t.emu.appSecret);
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ errcode: 0, errmsg: "ok", expires_in: 7200 });
    expect(reply.body.access_token).toMatch(/^[0-9a-f]{32}$/);
    expect(reply.body.request_id).toBe(reply.header);
  });

  it("issues api tokens", async () => {
    const reply = await t.api("POST", "/v1.0/oauth2/accessToken", { appKey: t.emu.appKey, appSecret: t.emu.appSecret }, null);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ accessToken: expect.any(String), expireIn: 7200 });
    expect(reply.requestIdHeader).toMatch(/^[0-9A-F-]{36}$/);
  });

  it("tells an unknown app key from a wrong secret (oapi)", async () => {
    const unknown = await gettoken("dingnotanapp", t.emu.appSecret);
    const wrong = await gettoken(t.emu.appKey, "wrong-secret");
    expect(unknown.body).toMatchObject({ errcode: 40096, errmsg: "不合法的appKey或appSecret" });
    expect(wrong.body.errcode).toBe(40001);
    expect(wrong.body.errmsg).toContain("Secret错误");
    const missing = await fetch(`${t.emu.url}/gettoken`).then((r) => r.json());
    expect(missing).toMatchObject({ errcode: 40035, errmsg: "缺少参数 corpid or appkey" });
  });

  it("tells an unknown app key from a wrong secret (api)", async () => {
    const unknown = await t.api("POST", "/v1.0/oauth2/accessToken", { appKey: "dingnotanapp", appSecret: "x" }, null);
    const wrong = await t.api("POST", "/v1.0/oauth2/accessToken", { appKey: t.emu.appKey, appSecret: "x" }, null);
    for (const reply of [unknown, wrong]) {
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe("invalidClientIdOrSecret");
      expect(reply.body.requestid).toBe(reply.requestIdHeader);
    }
    expect(unknown.body.message).not.toBe(wrong.body.message);
    expect(wrong.body.message).toContain("clientSecret");
    const missing = await t.api("POST", "/v1.0/oauth2/accessToken", { appKey: t.emu.appKey }, null);
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe("MissingappSecret");
  });

  it("refuses unknown tokens in each host's format: topapi 88/40014, older oapi 40014, api HTTP 400", async () => {
    const topapi = await t.oapi("/topapi/user/listadmin", {}, "not-a-token");
    expect(topapi.status).toBe(200);
    expect(topapi.body).toMatchObject({ errcode: 88, sub_code: "40014", sub_msg: "不合法的access_token", request_id: topapi.requestIdHeader });
    const oapi = await t.oapi("/attendance/list", {}, "not-a-token");
    expect(oapi.status).toBe(200);
    expect(oapi.body).toMatchObject({ errcode: 40014, errmsg: "不合法的access_token" });
    expect(oapi.body.sub_code).toBeUndefined();
    const api = await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 10 }, "not-a-token");
    expect(api.status).toBe(400);
    expect(api.body).toMatchObject({ code: "InvalidAuthentication", message: "不合法的access_token", requestid: expect.any(String) });
    const none = await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 10 }, null);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("AuthenticationFailed.MissingParameter");
  });

  it("expires tokens by the emulator's clock", async () => {
    const oapiToken = await t.oapiToken();
    const apiToken = await t.apiToken();
    expect((await t.oapi("/topapi/user/listadmin", {}, oapiToken)).body.errcode).toBe(0);
    await t.control.advanceClock(7201);
    expect((await t.oapi("/topapi/user/listadmin", {}, oapiToken)).body).toMatchObject({ errcode: 88, sub_code: "40014" });
    expect((await t.oapi("/attendance/list", {}, oapiToken)).body).toMatchObject({ errcode: 42001 });
    const api = await t.api("POST", "/v1.0/contact/users/search", { queryWord: "王", offset: 0, size: 10 }, apiToken);
    expect(api.status).toBe(400);
    expect(api.body.code).toBe("InvalidAuthentication");
    const fresh = await t.oapiToken();
    expect(fresh).not.toBe(oapiToken);
    expect((await t.oapi("/topapi/user/listadmin", {}, fresh)).body.errcode).toBe(0);
  });

  it("returns the same token while it is valid and refuses it after /tokens/expire", async () => {
    const first = await t.oapiToken();
    expect(await t.oapiToken()).toBe(first);
    expect(await t.control.expireTokens("app")).toBeGreaterThanOrEqual(1);
    expect((await t.oapi("/topapi/user/listadmin", {}, first)).body).toMatchObject({ errcode: 88, sub_code: "40014" });
    expect((await t.oapi("/attendance/list", {}, first)).body.errcode).toBe(42001);
    const second = await t.oapiToken();
    expect(second).not.toBe(first);
    expect((await t.oapi("/topapi/user/listadmin", {}, second)).body.errcode).toBe(0);
  });

  it("honours a configured token lifetime", async () => {
    const short = await startTestEmulator({ users: 5, tokenTtlSeconds: 60 });
    try {
      const token = await short.oapiToken();
      await short.control.advanceClock(61);
      expect((await short.oapi("/attendance/list", {}, token)).body.errcode).toBe(42001);
    } finally {
      await short.emu.close();
    }
  });
});
