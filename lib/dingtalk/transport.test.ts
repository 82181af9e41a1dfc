import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createDingTalkClient } from "./client";
import { DingTalkError, isQuotaRefusal } from "./errors";

// These exercise the wire mapping with a scripted `fetch`; behaviour against a live server is in client.int.test.ts.

type Reply = { status?: number; body?: unknown; text?: string; headers?: Record<string, string> };
interface Seen {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

function scripted(replies: (seen: Seen) => Reply) {
  const seen: Seen[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const s: Seen = { url: String(input), method: init?.method ?? "GET", headers: { ...(init?.headers as Record<string, string>) }, body: init?.body as string | undefined };
    seen.push(s);
    const r = replies(s);
    return new Response(r.text ?? JSON.stringify(r.body ?? {}), { status: r.status ?? 200, headers: { "content-type": "application/json", ...r.headers } });
  };
  const client = createDingTalkClient({ appKey: "key", appSecret: "secret", oapiBase: "http://o.test", apiBase: "http://a.test", fetch: fetchImpl, retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
  return { client, seen };
}

const tokenReplies = (s: Seen): Reply | undefined => {
  if (s.url.startsWith("http://o.test/gettoken")) return { body: { errcode: 0, access_token: "OTOK", expires_in: 7200 } };
  if (s.url === "http://a.test/v1.0/oauth2/accessToken") return { body: { accessToken: "ATOK", expireIn: 7200 } };
  return undefined;
};

async function failure(p: Promise<unknown>): Promise<DingTalkError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(DingTalkError);
  return e as DingTalkError;
}

describe("transport wire mapping", () => {
  it("sends the oapi token as a query parameter and the api token as a header", async () => {
    const { client, seen } = scripted((s) => tokenReplies(s) ?? (s.url.startsWith("http://o.test") ? { body: { errcode: 0, result: { count: 3 } } } : { body: { hasMore: false, totalCount: 0, list: [] } }));
    expect(await client.contacts.countUsers({ onlyActive: true })).toBe(3);
    await client.contacts.searchUsers({ queryWord: "张", offset: 0, size: 5 });
    const count = seen.find((s) => s.url.includes("/topapi/user/count"))!;
    expect(new URL(count.url).searchParams.get("access_token")).toBe("OTOK");
    expect(JSON.parse(count.body!)).toEqual({ only_active: true });
    const search = seen.find((s) => s.url.includes("/users/search"))!;
    expect(search.headers["x-acs-dingtalk-access-token"]).toBe("ATOK");
    expect(search.url).not.toContain("access_token");
  });

  it("takes the request id from the body, else from x-acs-request-id", async () => {
    const { client } = scripted((s) => tokenReplies(s) ?? (s.url.includes("/topapi/") ? { body: { errcode: 60121, errmsg: "找不到该用户", request_id: "body-id" } } : { status: 403, body: { code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "no", accessdenieddetail: { requiredScopes: ["qyapi_get_member"] } }, headers: { "x-acs-request-id": "header-id" } }));
    const oapi = await failure(client.contacts.getUser("u"));
    expect(oapi).toMatchObject({ code: "60121", requestId: "body-id", host: "oapi", httpStatus: 200 });
    const api = await failure(client.contacts.searchUsers({ queryWord: "x", offset: 0, size: 1 }));
    expect(api).toMatchObject({ requestId: "header-id", httpStatus: 403, requiredScopes: ["qyapi_get_member"] });
  });

  it("reports a reply of the wrong shape instead of passing it on", async () => {
    const { client } = scripted((s) => tokenReplies(s) ?? { body: { errcode: 0, result: { count: "many" } } });
    const e = await failure(client.contacts.countUsers({ onlyActive: false }));
    expect(e.code).toBe("INVALID_RESPONSE");
    expect(e.message).toContain("result.count");
  });

  it("does not repeat a write after a server error and says its outcome is unknown", async () => {
    let writes = 0;
    const { client } = scripted((s) => {
      const t = tokenReplies(s);
      if (t) return t;
      writes++;
      return { status: 500, body: { code: "systemError", message: "系统错误" } };
    });
    const e = await failure(client.call({ host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend", body: {}, schema: z.object({}), idempotent: false }));
    expect(e).toMatchObject({ outcome: "unknown", retryable: false, httpStatus: 500 });
    expect(writes).toBe(1);
  });

  it("repeats a write DingTalk turned away for speed", async () => {
    let writes = 0;
    const { client } = scripted((s) => tokenReplies(s) ?? (++writes === 1 ? { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "slow down" } } : { body: { processQueryKey: "k" } }));
    const r = await client.call({ host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend", body: {}, schema: z.object({ processQueryKey: z.string() }), idempotent: false });
    expect(r.processQueryKey).toBe("k");
    expect(writes).toBe(2);
  });

  it("sends a signed-in person's token, not the app's, and never refreshes it", async () => {
    const { client, seen } = scripted((s) => (s.url.endsWith("/users/me") ? { status: 400, body: { code: "InvalidAuthentication", message: "不合法的access_token" } } : { body: {} }));
    const e = await failure(client.oauth.getCurrentUser("USERTOK"));
    expect(e).toMatchObject({ httpStatus: 400, kind: "token-rejected" });
    expect(seen).toHaveLength(1);
    expect(seen[0].headers["x-acs-dingtalk-access-token"]).toBe("USERTOK");
  });
});

describe("each form of DingTalk's refusals", () => {
  const userGet = (client: ReturnType<typeof scripted>["client"]) => client.contacts.getUser("u1");
  const search = (client: ReturnType<typeof scripted>["client"]) => client.contacts.searchUsers({ queryWord: "x", offset: 0, size: 1 });
  const userBody = { errcode: 0, result: { userid: "u1", unionid: "un1", name: "张三" } };
  const searchBody = { hasMore: false, totalCount: 0, list: [] };
  const isToken = (s: Seen) => s.url.includes("/gettoken") || s.url.endsWith("/oauth2/accessToken");

  const badToken: Array<[string, Reply, "oapi" | "api"]> = [
    ["topapi 88 / sub_code 40014", { body: { errcode: 88, errmsg: "ding talk error[subcode=40014,submsg=不合法的access_token]", sub_code: "40014", sub_msg: "不合法的access_token" } }, "oapi"],
    ["oapi 40014", { body: { errcode: 40014, errmsg: "不合法的access_token" } }, "oapi"],
    ["oapi 40001", { body: { errcode: 40001, errmsg: "获取access_token时Secret错误，或者access_token无效" } }, "oapi"],
    ["oapi 42001", { body: { errcode: 42001, errmsg: "access_token超时" } }, "oapi"],
    ["api HTTP 400 InvalidAuthentication", { status: 400, body: { code: "InvalidAuthentication", message: "不合法的access_token" } }, "api"],
  ];
  for (const [name, refusal, host] of badToken) {
    it(`renews the token once and repeats the call once after ${name}`, async () => {
      let calls = 0;
      const { client, seen } = scripted((s) => tokenReplies(s) ?? (++calls === 1 ? refusal : host === "oapi" ? { body: userBody } : { body: searchBody }));
      await (host === "oapi" ? userGet(client) : search(client));
      expect(calls).toBe(2);
      expect(seen.filter(isToken)).toHaveLength(2);
    });
  }

  it("gives up after one renewal when the new token is refused too", async () => {
    let calls = 0;
    const { client, seen } = scripted((s) => tokenReplies(s) ?? (calls++, badToken[0][1]));
    const e = await failure(userGet(client));
    expect(e).toMatchObject({ code: "88", subCode: "40014", kind: "token-rejected", message: "不合法的access_token" });
    expect(calls).toBe(2);
    expect(seen.filter(isToken)).toHaveLength(2);
  });

  const qps: Array<[string, Reply, "oapi" | "api"]> = [
    ["oapi 90018", { body: { errcode: 90018, errmsg: "当前应用调用该接口的频率超过了限制" } }, "oapi"],
    ["oapi -1", { body: { errcode: -1, errmsg: "系统繁忙" } }, "oapi"],
    ["oapi 88004", { body: { errcode: 88004, errmsg: "服务器内部错误" } }, "oapi"],
    ["oapi 90002", { body: { errcode: 90002, errmsg: "调用太频繁" } }, "oapi"],
    ["oapi 90006", { body: { errcode: 90006, errmsg: "调用太频繁" } }, "oapi"],
    ["oapi 130101", { body: { errcode: 130101, errmsg: "send too fast" } }, "oapi"],
    ["api 403 QpsLimitForApi", { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "too fast" } }, "api"],
    ["api 403 QpsLimitForAppkeyAndApi", { status: 403, body: { code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", message: "too fast" } }, "api"],
  ];
  for (const [name, refusal, host] of qps) {
    it(`backs off and succeeds after ${name}, without a new token`, async () => {
      let calls = 0;
      const { client, seen } = scripted((s) => tokenReplies(s) ?? (++calls <= 2 ? refusal : host === "oapi" ? { body: userBody } : { body: searchBody }));
      await (host === "oapi" ? userGet(client) : search(client));
      expect(calls).toBe(3);
      expect(seen.filter(isToken)).toHaveLength(1);
    });
  }

  const quota: Array<[string, Reply, "oapi" | "api"]> = [
    ["oapi 90020", { body: { errcode: 90020, errmsg: "您的企业本月api调用量已超过限制，调用量:10001次，额度:10000次" } }, "oapi"],
    ["topapi 88 / sub_code 90020", { body: { errcode: 88, sub_code: "90020", sub_msg: "您的企业本月api调用量已超过限制" } }, "oapi"],
    ["api 403 ApiCountLimitForOrg", { status: 403, body: { code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "api count limit" } }, "api"],
  ];
  for (const [name, refusal, host] of quota) {
    it(`stops at once after ${name}: no retry, no new token`, async () => {
      let calls = 0;
      const { client, seen } = scripted((s) => tokenReplies(s) ?? (calls++, refusal));
      const e = await failure(host === "oapi" ? userGet(client) : search(client));
      expect(calls).toBe(1);
      expect(seen.filter(isToken)).toHaveLength(1);
      expect(e).toMatchObject({ kind: "quota-exhausted", retryable: false, rateLimited: false });
      expect(isQuotaRefusal(e)).toBe(true);
      expect(isQuotaRefusal(new Error("sync stopped", { cause: e }))).toBe(true);
    });
  }

  it("does not take a missing scope (also 403 Forbidden.AccessDenied.*) for a quota refusal", async () => {
    const { client } = scripted((s) => tokenReplies(s) ?? { status: 403, body: { code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "no" } });
    const e = await failure(search(client));
    expect(e.kind).toBe("final");
    expect(isQuotaRefusal(e)).toBe(false);
  });
});
