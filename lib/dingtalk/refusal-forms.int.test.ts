import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorControl, type ControlStats } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import type { DingTalkClientOptions } from "./config";
import { describeDingTalkError } from "./describe-error";
import { DingTalkError, isQuotaRefusal } from "./errors";

// Each of DingTalk's refusal forms, as the emulator answers them over HTTP, and what the client does:
// a refused token → one new token and one repeat; a QPS refusal → backoff, then success; a spent
// monthly quota → an immediate stop.

let emu: RunningEmulator;
let control: EmulatorControl;
let userIds: string[];

const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 };
const USER_GET = "POST /topapi/v2/user/get";
const ATTENDANCE = "POST /attendance/list";
const SEARCH = "POST /v1.0/contact/users/search";
const WEEK = { from: "2026-10-05", to: "2026-10-09", offset: 0, limit: 50 };

function clientFor(overrides: Partial<DingTalkClientOptions> = {}): DingTalkClient {
  return createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, retry: FAST_RETRY, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

/** A client that already holds both tokens, and stats counted from here on. */
async function warmClient(overrides: Partial<DingTalkClientOptions> = {}): Promise<DingTalkClient> {
  const client = clientFor(overrides);
  await client.appToken("oapi");
  await client.appToken("api");
  await control.resetStats();
  return client;
}

const tokenRequests = (stats: ControlStats) => (stats.calls["GET /gettoken"] ?? 0) + (stats.calls["POST /v1.0/oauth2/accessToken"] ?? 0);

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 80, seed: 3 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  userIds = (await control.users({ limit: 20 })).users.map((u) => u.userId);
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe("a refused token: one new token, one repeat", () => {
  const search = (client: DingTalkClient) => client.contacts.searchUsers({ queryWord: "王", offset: 0, size: 5 });

  it("topapi errcode 88 with sub_code 40014 (an expired token)", async () => {
    const client = await warmClient();
    await control.expireTokens("app");
    expect((await client.contacts.getUser(userIds[0])).userId).toBe(userIds[0]);
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBe(2);
    expect(stats.tokensIssued).toMatchObject({ oapi: 1, api: 0 });
    expect(tokenRequests(stats)).toBe(1);
  });

  it("oapi 40014 on an older path (a token the emulator never issued)", async () => {
    const client = clientFor();
    await client.appToken("oapi");
    // A reset forgets every token: the client's cached one is now unknown.
    await control.reset();
    await client.attendance.listResults({ userIds: userIds.slice(0, 5), ...WEEK });
    const stats = await control.stats();
    expect(stats.calls[ATTENDANCE]).toBe(2);
    expect(stats.calls["GET /gettoken"]).toBe(1);
  });

  it("oapi 42001 on an older path (an expired token)", async () => {
    const client = await warmClient();
    await control.expireTokens("app");
    await client.attendance.listResults({ userIds: userIds.slice(0, 5), ...WEEK });
    const stats = await control.stats();
    expect(stats.calls[ATTENDANCE]).toBe(2);
    expect(tokenRequests(stats)).toBe(1);
  });

  it("oapi 40001", async () => {
    const client = await warmClient();
    await control.addFault({ path: "/topapi/v2/user/get", error: { errcode: 40001, errmsg: "获取access_token时Secret错误，或者access_token无效" }, times: 1 });
    await client.contacts.getUser(userIds[1]);
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBe(2);
    expect(tokenRequests(stats)).toBe(1);
  });

  it("api HTTP 400 InvalidAuthentication", async () => {
    const client = await warmClient();
    await control.expireTokens("app");
    await search(client);
    const stats = await control.stats();
    expect(stats.calls[SEARCH]).toBe(2);
    expect(stats.tokensIssued).toMatchObject({ oapi: 0, api: 1 });
  });

  it("stops after one renewal when the new token is refused too, and says so", async () => {
    const client = await warmClient();
    await control.addFault({
      path: "/topapi/v2/user/get",
      error: { errcode: 88, errmsg: "ding talk error[subcode=40014,submsg=不合法的access_token]", sub_code: "40014", sub_msg: "不合法的access_token" },
    });
    const error = await failureOf(client.contacts.getUser(userIds[0]));
    expect(error).toMatchObject({ code: "88", subCode: "40014", kind: "token-rejected", message: "不合法的access_token" });
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBe(2);
    expect(tokenRequests(stats)).toBe(1);
    expect(describeDingTalkError(error, "en")).toMatch(/refused the access token/);
  });
});

describe("a QPS refusal: backoff, then success", () => {
  it("oapi 90018 and api 403 Forbidden.AccessDenied.QpsLimitForApi from the emulator's own limit, refusals not metered", async () => {
    await control.setQps({ default: 2 });
    // The client's own pacing is off so that the emulator has something to refuse.
    const client = await warmClient({ rateLimit: false, retry: { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const users = await Promise.all(userIds.slice(0, 6).map((id) => client.contacts.getUser(id)));
    expect(users.map((u) => u.userId)).toEqual(userIds.slice(0, 6));
    const found = await Promise.all(Array.from({ length: 6 }, () => client.contacts.searchUsers({ queryWord: "王", offset: 0, size: 5 })));
    expect(found).toHaveLength(6);
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBeGreaterThan(6);
    expect(stats.calls[SEARCH]).toBeGreaterThan(6);
    expect(tokenRequests(stats)).toBe(0);
    // DingTalk meters only what it ran: six of each.
    const quota = await control.quota();
    expect(quota.byPath).toMatchObject({ "/topapi/v2/user/get": 6, "/v1.0/contact/users/search": 6 });
  });

  it("api 403 Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", async () => {
    await control.setQps({ default: 1, apiRefusal: "QpsLimitForAppkeyAndApi" });
    const client = await warmClient({ rateLimit: false, retry: { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 } });
    const found = await Promise.all(Array.from({ length: 3 }, () => client.contacts.searchUsers({ queryWord: "王", offset: 0, size: 5 })));
    expect(found).toHaveLength(3);
    expect((await control.stats()).calls[SEARCH]).toBeGreaterThan(3);
  });

  const injected: Array<[string, { errcode: number; errmsg: string }]> = [
    ["-1", { errcode: -1, errmsg: "系统繁忙" }],
    ["88004", { errcode: 88004, errmsg: "服务器内部错误" }],
    ["90002", { errcode: 90002, errmsg: "调用频率过高" }],
    ["90006", { errcode: 90006, errmsg: "调用频率过高" }],
    ["90018", { errcode: 90018, errmsg: "当前应用调用该接口的频率超过了限制" }],
    ["130101", { errcode: 130101, errmsg: "send too fast" }],
  ];
  for (const [name, error] of injected) {
    it(`oapi ${name}: waits, tries again, succeeds`, async () => {
      const client = await warmClient();
      await control.addFault({ path: "/topapi/v2/user/get", error, times: 2 });
      const started = Date.now();
      expect((await client.contacts.getUser(userIds[3])).userId).toBe(userIds[3]);
      // Two waits of at least half the growing cap (10 ms, then 20 ms); rate refusals wait 250 ms or more.
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      const stats = await control.stats();
      expect(stats.calls[USER_GET]).toBe(3);
      expect(tokenRequests(stats)).toBe(0);
    });
  }

  it("gives up after the configured attempts", async () => {
    const client = await warmClient();
    await control.addFault({ path: "/v1.0/contact/users/search", error: { status: 403, code: "Forbidden.AccessDenied.QpsLimitForApi", message: "too fast" } });
    const error = await failureOf(client.contacts.searchUsers({ queryWord: "王", offset: 0, size: 5 }));
    expect(error).toMatchObject({ kind: "rate-limited", httpStatus: 403 });
    expect((await control.stats()).calls[SEARCH]).toBe(FAST_RETRY.attempts);
    expect(describeDingTalkError(error, "en")).toMatch(/Rate limited/);
  });
});

describe("a spent monthly quota: an immediate stop", () => {
  it("oapi 90020: one call, no retry, no new token", async () => {
    const client = await warmClient();
    await control.setQuota({ quota: 10_000, used: 10_000 });
    const error = await failureOf(client.contacts.getUser(userIds[0]));
    expect(error).toMatchObject({ code: "90020", kind: "quota-exhausted", retryable: false });
    expect(error.message).toContain("调用量:10001次，额度:10000次");
    expect(isQuotaRefusal(error)).toBe(true);
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBe(1);
    expect(tokenRequests(stats)).toBe(0);
    expect((await control.quota()).used).toBe(10_000);
    expect(describeDingTalkError(error, "zh-CN")).toContain("本月的钉钉接口调用额度已用完");
  });

  it("api HTTP 403 Forbidden.AccessDenied.ApiCountLimitForOrg: one call, no retry, also for a write", async () => {
    const client = await warmClient();
    await control.setQuota({ quota: 3, used: 3 });
    const error = await failureOf(client.contacts.searchUsers({ queryWord: "王", offset: 0, size: 5 }));
    expect(error).toMatchObject({ code: "Forbidden.AccessDenied.ApiCountLimitForOrg", kind: "quota-exhausted", httpStatus: 403, retryable: false });
    expect(error.requiredScopes).toBeUndefined();
    expect(isQuotaRefusal(error)).toBe(true);
    expect(describeDingTalkError(error, "en")).toMatch(/monthly DingTalk call quota is spent/);
    expect(describeDingTalkError(error, "en")).not.toMatch(/permission/i);

    const write = await failureOf(client.robot.sendToUsers({ userIds: [userIds[0]], message: { msgKey: "sampleText", msgParam: { content: "hi" } } }));
    expect(write).toMatchObject({ kind: "quota-exhausted", retryable: false });
    expect(write.outcome).toBeUndefined();
    const stats = await control.stats();
    expect(stats.calls[SEARCH]).toBe(1);
    expect(stats.calls["POST /v1.0/robot/oToMessages/batchSend"]).toBe(1);
    expect(tokenRequests(stats)).toBe(0);
  });

  it("lets token requests through and works again once the emulator's month turns", async () => {
    await control.setQuota({ quota: 5, used: 5 });
    const client = clientFor();
    // The token calls are not metered: the client gets its token and only the call is refused.
    expect(isQuotaRefusal(await failureOf(client.contacts.getUser(userIds[0])))).toBe(true);
    await control.advanceClock(32 * 24 * 3600);
    expect((await client.contacts.getUser(userIds[0])).userId).toBe(userIds[0]);
    expect((await control.quota()).used).toBe(1);
  });
});
