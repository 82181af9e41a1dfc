import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "./testing";

let t: TestEmulator;
beforeAll(async () => {
  t = await startTestEmulator({ users: 120, seed: 4 });
});
afterAll(() => t.emu.close());
beforeEach(() => t.control.reset());

const REDIRECT = "http://127.0.0.1:3999/api/auth/callback/dingtalk";

function loginUrl(overrides: Record<string, string | null> = {}): string {
  const params: Record<string, string | null> = {
    redirect_uri: REDIRECT, response_type: "code", client_id: t.emu.appKey, scope: "openid", state: "st-123", prompt: "consent",
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null) query.set(key, value);
  return `${t.emu.url}/oauth2/auth?${query}`;
}

/** Posts the login form the way the page does, and returns the redirect target. */
async function submit(fields: Record<string, string>): Promise<Response> {
  const form = new URLSearchParams({
    redirect_uri: REDIRECT, response_type: "code", client_id: t.emu.appKey, scope: "openid", state: "st-123", prompt: "consent", ...fields,
  });
  return fetch(`${t.emu.url}/oauth2/auth`, {
    method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: form,
  });
}

async function exchange(code: string) {
  return t.api("POST", "/v1.0/oauth2/userAccessToken", {
    clientId: t.emu.appKey, clientSecret: t.emu.appSecret, code, grantType: "authorization_code",
  }, null);
}

describe("OAuth login", () => {
  it("serves a page listing people with stable hooks", async () => {
    const response = await fetch(loginUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    const org = await t.control.org();
    expect(html).toContain('id="mobile"');
    expect(html).toMatch(/<button[^>]*>登录<\/button>/);
    expect(html).toContain(`data-userid="${org.admins[0].userId}"`);
    expect(html).toContain("主管理员");
    expect(html).not.toMatch(/<(link|script)[^>]+(src|href)=/);

    const search = await fetch(`${t.emu.url}/oauth2/auth/people?client_id=${t.emu.appKey}&q=${encodeURIComponent(org.admins[1].name)}`);
    const found = (await search.json()) as { people: Array<{ userId: string }>; html: string };
    expect(found.people.map((p) => p.userId)).toContain(org.admins[1].userId);
    expect(found.html).toContain(`data-userid="${org.admins[1].userId}"`);
  });

  it("shows an error page, not a redirect, for an unknown client or a missing redirect_uri", async () => {
    for (const url of [loginUrl({ client_id: "dingunknown" }), loginUrl({ redirect_uri: null }), loginUrl({ redirect_uri: "not a url" })]) {
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(400);
      expect(response.headers.get("location")).toBeNull();
      expect(await response.text()).toContain('id="login-error"');
    }
    const post = await submit({ client_id: "dingunknown", userid: "x" });
    expect(post.status).toBe(400);
  });

  it("signs a member in end to end and maps the unionId back to the userId", async () => {
    const person = (await t.control.users({ offset: 10, limit: 1 })).users[0];
    const page = await fetch(loginUrl());
    expect(page.status).toBe(200);

    const redirect = await submit({ userid: person.userId });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get("state")).toBe("st-123");
    const code = location.searchParams.get("authCode") ?? "";
    expect(code).not.toBe("");

    const tokenReply = await exchange(code);
    expect(tokenReply.status).toBe(200);
    expect(tokenReply.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String), expireIn: 7200, corpId: t.emu.corpId });

    const me = await t.api("GET", "/v1.0/contact/users/me", undefined, tokenReply.body.accessToken as string);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      nick: person.name, avatarUrl: "", mobile: person.mobile, email: person.email,
      openId: expect.stringMatching(/iE$/), unionId: person.unionId, stateCode: "86",
    });
    expect(me.body.openId).not.toBe(person.unionId);

    const appToken = await t.oapiToken();
    const mapped = await t.oapi("/topapi/user/getbyunionid", { unionid: me.body.unionId }, appToken);
    expect(mapped.body.result).toEqual({ contact_type: 0, userid: person.userId });

    const reused = await exchange(code);
    expect(reused.status).toBe(400);
    expect(reused.body).toMatchObject({ code: "invalidAuthCode", requestid: expect.any(String) });
  });

  it("signs in by a member's mobile", async () => {
    const person = (await t.control.users({ offset: 3, limit: 1 })).users[0];
    const redirect = await submit({ mobile: person.mobile });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("authCode") ?? "";
    const tokens = await exchange(code);
    const me = await t.api("GET", "/v1.0/contact/users/me", undefined, tokens.body.accessToken as string);
    expect(me.body.unionId).toBe(person.unionId);
  });

  it("signs an outsider in with a unionId the org does not know", async () => {
    const mobile = "19900001111";
    const redirect = await submit({ mobile });
    expect(redirect.status).toBe(302);
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("authCode") ?? "";
    const tokens = await exchange(code);
    const me = await t.api("GET", "/v1.0/contact/users/me", undefined, tokens.body.accessToken as string);
    expect(me.body).toMatchObject({ mobile, stateCode: "86", unionId: expect.stringMatching(/^[A-Za-z0-9]{26}iE$/) });
    const appToken = await t.oapiToken();
    expect((await t.oapi("/topapi/user/getbyunionid", { unionid: me.body.unionId }, appToken)).body.errcode).toBe(60121);

    // The same outsider keeps the same unionId.
    const again = await submit({ mobile });
    const code2 = new URL(again.headers.get("location") ?? "").searchParams.get("authCode") ?? "";
    const me2 = await t.api("GET", "/v1.0/contact/users/me", undefined, (await exchange(code2)).body.accessToken as string);
    expect(me2.body.unionId).toBe(me.body.unionId);
  });

  it("re-renders the page for a bad mobile", async () => {
    const response = await submit({ mobile: "12345" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("11 位手机号");
  });

  it("expires codes after five minutes and refuses a wrong client secret", async () => {
    const redirect = await submit({ mobile: "13800001111" });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("authCode") ?? "";
    const wrongSecret = await t.api("POST", "/v1.0/oauth2/userAccessToken", {
      clientId: t.emu.appKey, clientSecret: "nope", code, grantType: "authorization_code",
    }, null);
    expect(wrongSecret.status).toBe(400);
    expect(wrongSecret.body.code).toBe("invalidClientIdOrSecret");
    await t.control.advanceClock(301);
    expect((await exchange(code)).body.code).toBe("invalidAuthCode");
  });

  it("refreshes user tokens, and user tokens expire", async () => {
    const redirect = await submit({ mobile: "13800002222" });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("authCode") ?? "";
    const first = (await exchange(code)).body;
    const refreshed = await t.api("POST", "/v1.0/oauth2/userAccessToken", {
      clientId: t.emu.appKey, clientSecret: t.emu.appSecret, refreshToken: first.refreshToken, grantType: "refresh_token",
    }, null);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.accessToken).not.toBe(first.accessToken);
    await t.control.expireTokens("user");
    const me = await t.api("GET", "/v1.0/contact/users/me", undefined, refreshed.body.accessToken as string);
    expect(me.status).toBe(400);
    expect(me.body.code).toBe("InvalidAuthentication");
  });

  it("refuses an app token on users/me", async () => {
    const me = await t.api("GET", "/v1.0/contact/users/me", undefined, await t.apiToken());
    expect(me.status).toBe(403);
  });
});
