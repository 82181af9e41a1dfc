import { z } from "zod";
import { describe, expect, it } from "vitest";
import { createDingTalkClient } from "./client";
import { DingTalkError } from "./errors";

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
    const { client } = scripted((s) => tokenReplies(s) ?? (++writes === 1 ? { status: 429, body: { code: "Throttling.Api", message: "slow down" } } : { body: { processQueryKey: "k" } }));
    const r = await client.call({ host: "api", method: "POST", path: "/v1.0/robot/oToMessages/batchSend", body: {}, schema: z.object({ processQueryKey: z.string() }), idempotent: false });
    expect(r.processQueryKey).toBe("k");
    expect(writes).toBe(2);
  });

  it("sends a signed-in person's token, not the app's, and never refreshes it", async () => {
    const { client, seen } = scripted((s) => (s.url.endsWith("/users/me") ? { status: 401, body: { code: "InvalidAuthentication", message: "bad" } } : { body: {} }));
    const e = await failure(client.oauth.getCurrentUser("USERTOK"));
    expect(e.httpStatus).toBe(401);
    expect(seen).toHaveLength(1);
    expect(seen[0].headers["x-acs-dingtalk-access-token"]).toBe("USERTOK");
  });
});
