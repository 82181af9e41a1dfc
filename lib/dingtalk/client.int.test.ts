import { createServer } from "node:net";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import type { DingTalkClientOptions } from "./config";
import type { DebugLogEntry } from "./debug-log";
import { describeDingTalkError } from "./describe-error";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";
import { oapiResult } from "./transport";

let emu: RunningEmulator;
let control: EmulatorControl;

// Short waits keep the suite quick; the policy is the same as in production.
const FAST_RETRY = { attempts: 4, baseDelayMs: 20, maxDelayMs: 200 };

function clientFor(overrides: Partial<DingTalkClientOptions> = {}): DingTalkClient {
  return createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, retry: FAST_RETRY, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const USER_GET = "POST /topapi/v2/user/get";
const USER_SEARCH = "POST /v1.0/contact/users/search";

let userIds: string[];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 200, seed: 1 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  userIds = (await control.users({ limit: 60 })).users.map((u) => u.userId);
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe("tokens", () => {
  it("50 concurrent calls cause exactly one token request per host", async () => {
    const client = clientFor();
    await control.resetStats();
    const users = await Promise.all(userIds.slice(0, 50).map((id) => client.contacts.getUser(id)));
    expect(users.map((u) => u.userId)).toEqual(userIds.slice(0, 50));
    const found = await Promise.all(Array.from({ length: 50 }, () => client.contacts.searchUsers({ queryWord: users[0].name, offset: 0, size: 10 })));
    expect(found.every((f) => f.userIds.includes(users[0].userId))).toBe(true);
    const stats = await control.stats();
    expect(stats.tokensIssued.oapi).toBe(1);
    expect(stats.tokensIssued.api).toBe(1);
    expect(stats.calls["GET /gettoken"]).toBe(1);
    expect(stats.calls[USER_GET]).toBeGreaterThanOrEqual(50);
  });

  it("replaces an oapi token the emulator expired mid-run with one refresh, and the calls succeed", async () => {
    const client = clientFor();
    await client.contacts.getUser(userIds[0]);
    await control.resetStats();
    await control.expireTokens("app");
    const users = await Promise.all(userIds.slice(0, 20).map((id) => client.contacts.getUser(id)));
    expect(users).toHaveLength(20);
    expect((await control.stats()).tokensIssued.oapi).toBe(1);
  });

  it("replaces an api token the emulator expired mid-run with one refresh, and the calls succeed", async () => {
    const client = clientFor();
    const someone = await client.contacts.getUser(userIds[1]);
    await client.contacts.searchUsers({ queryWord: someone.name, offset: 0, size: 5 });
    await control.resetStats();
    await control.expireTokens("app");
    const results = await Promise.all(Array.from({ length: 20 }, () => client.contacts.searchUsers({ queryWord: someone.name, offset: 0, size: 5 })));
    expect(results.every((r) => r.userIds.includes(someone.userId))).toBe(true);
    expect((await control.stats()).tokensIssued.api).toBe(1);
  });

  it("renews a token that ran out on DingTalk's clock while the client still trusted it", async () => {
    const client = clientFor();
    await client.contacts.getUser(userIds[0]);
    await control.advanceClock(7_300);
    await control.resetStats();
    const user = await client.contacts.getUser(userIds[2]);
    expect(user.userId).toBe(userIds[2]);
    const stats = await control.stats();
    expect(stats.tokensIssued.oapi).toBe(1);
    expect(stats.calls[USER_GET]).toBe(2);
  });

  it("names the refused app secret", async () => {
    const client = clientFor({ appSecret: "not-the-secret" });
    await control.resetStats();
    for (const call of [client.contacts.getUser(userIds[0]), client.contacts.searchUsers({ queryWord: "x", offset: 0, size: 1 })]) {
      const error = await failureOf(call);
      expect(error.credential).toBe("appSecret");
      expect(error.retryable).toBe(false);
      expect(describeDingTalkError(error, "en")).toContain("DINGTALK_APP_SECRET");
      expect(describeDingTalkError(error, "zh-CN")).toContain("DINGTALK_APP_SECRET");
    }
    const stats = await control.stats();
    expect(stats.calls["GET /gettoken"]).toBe(1);
    expect(stats.calls["POST /v1.0/oauth2/accessToken"]).toBe(1);
    expect(stats.calls[USER_GET] ?? 0).toBe(0);
  });
});

describe("rate limits", () => {
  it("retries calls DingTalk refused for going over its QPS until they succeed", async () => {
    await control.setQps({ default: 5 });
    const client = clientFor({ rateLimit: false, retry: { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 } });
    await client.appToken("oapi");
    await control.resetStats();
    const users = await Promise.all(userIds.slice(0, 20).map((id) => client.contacts.getUser(id)));
    expect(users.map((u) => u.userId)).toEqual(userIds.slice(0, 20));
    // More calls than users: some were refused (90018) and sent again.
    expect((await control.stats()).calls[USER_GET]).toBeGreaterThan(20);
  });

  it("keeps under the QPS it is given, so DingTalk refuses next to nothing", async () => {
    await control.setQps({ default: 5 });
    const client = clientFor({ qps: 5 });
    await client.appToken("oapi");
    await control.resetStats();
    const started = Date.now();
    await Promise.all(userIds.slice(0, 12).map((id) => client.contacts.getUser(id)));
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    // Unpaced, 7 of the 12 would be refused at once. Paced, network jitter may cost one refusal at most.
    expect((await control.stats()).calls[USER_GET]).toBeLessThanOrEqual(13);
  });
});

describe("errors and retries", () => {
  it("does not retry an error that cannot go away (oapi)", async () => {
    const client = clientFor();
    await client.appToken("oapi");
    await control.addFault({ path: "/topapi/v2/user/get", error: { errcode: 60121, errmsg: "找不到该用户" } });
    await control.resetStats();
    const error = await failureOf(client.contacts.getUser(userIds[0]));
    expect(error).toMatchObject({ code: "60121", host: "oapi", retryable: false });
    expect(error.requestId).toBeTruthy();
    expect((await control.stats()).calls[USER_GET]).toBe(1);
  });

  it("does not retry an error that cannot go away (api 400)", async () => {
    const client = clientFor();
    await client.appToken("api");
    await control.addFault({ path: "/v1.0/contact/users/search", error: { status: 400, code: "paramError", message: "bad" } });
    await control.resetStats();
    const error = await failureOf(client.contacts.searchUsers({ queryWord: "a", offset: 0, size: 5 }));
    expect(error).toMatchObject({ code: "paramError", host: "api", httpStatus: 400, retryable: false });
    expect(error.requestId).toBeTruthy();
    expect((await control.stats()).calls[USER_SEARCH]).toBe(1);
  });

  it("retries DingTalk's busy and server errors on reads", async () => {
    const client = clientFor();
    await client.appToken("oapi");
    await client.appToken("api");
    await control.addFault({ path: "/topapi/v2/user/get", error: { errcode: -1, errmsg: "系统繁忙" }, times: 2 });
    await control.addFault({ path: "/v1.0/contact/users/search", error: { status: 500, code: "systemError" }, times: 1 });
    await control.resetStats();
    expect((await client.contacts.getUser(userIds[0])).userId).toBe(userIds[0]);
    await client.contacts.searchUsers({ queryWord: "a", offset: 0, size: 5 });
    const stats = await control.stats();
    expect(stats.calls[USER_GET]).toBe(3);
    expect(stats.calls[USER_SEARCH]).toBe(2);
  });

  it("reports a network error with the base it could not reach", async () => {
    const base = `http://127.0.0.1:${await closedPort()}`;
    const client = clientFor({ oapiBase: base, apiBase: base, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 10 } });
    const error = await failureOf(client.contacts.getUser("anyone"));
    expect(error).toMatchObject({ host: "network", code: "UNREACHABLE" });
    expect(error.message).toContain(base);
    expect(describeDingTalkError(error, "en")).toContain(`Cannot reach DingTalk at ${base}`);
  });

  it("reports a write cut off after sending as outcome unknown, and does not send it again", async () => {
    const client = clientFor();
    await client.appToken("oapi");
    // Only the first call is dropped: a retry would have succeeded, so success here would mean a blind resend.
    await control.addFault({ path: "/topapi/user/count", drop: true, times: 1 });
    const write = client.call({
      host: "oapi",
      method: "POST",
      path: "/topapi/user/count",
      body: { only_active: false },
      schema: oapiResult(z.object({ count: z.number() })),
      idempotent: false,
    });
    const error = await failureOf(write);
    expect(error).toMatchObject({ host: "network", outcome: "unknown", retryable: false });
    expect(describeDingTalkError(error, "en")).toMatch(/unknown whether the change was made/);
    // The same cut on a read is retried to success.
    await control.addFault({ path: "/topapi/user/count", drop: true, times: 1 });
    expect(await client.contacts.countUsers({ onlyActive: false })).toBe((await control.org()).userCount);
  });

  it("gives up on a slow answer after the timeout and retries a read", async () => {
    const client = clientFor({ timeoutMs: 300 });
    await client.appToken("oapi");
    await control.addFault({ path: "/topapi/user/count", latencyMs: 2_000, times: 1 });
    const started = Date.now();
    expect(await client.contacts.countUsers({ onlyActive: true })).toBe((await control.org()).activeUserCount);
    expect(Date.now() - started).toBeLessThan(1_900);
  });

  it("logs requests and responses with every secret redacted", async () => {
    const entries: DebugLogEntry[] = [];
    const client = clientFor({ logger: (e) => entries.push(e) });
    const user = await client.contacts.getUser(userIds[0]);
    await client.contacts.searchUsers({ queryWord: user.name, offset: 0, size: 5 });
    const oapiToken = await client.appToken("oapi");
    const apiToken = await client.appToken("api");
    const text = JSON.stringify(entries);
    expect(entries.filter((e) => e.kind === "request").length).toBeGreaterThanOrEqual(4);
    expect(text).toContain("/topapi/v2/user/get");
    for (const secret of [emu.appSecret, oapiToken, apiToken]) expect(text).not.toContain(secret);
  });
});

describe("contacts against the seeded org", () => {
  it("iterates a department's users across pages, matching listid, for the root and a subdepartment", async () => {
    const client = clientFor();
    const subIds = await client.departments.listSubDepartmentIds(1);
    expect(subIds.length).toBeGreaterThan(0);
    let checkedSub = false;
    for (const deptId of [1, ...subIds]) {
      const ids = await client.contacts.listUserIds(deptId);
      if (deptId !== 1 && ids.length < 8) continue;
      const iterated = await collect(client.contacts.iterateUsers(deptId, { pageSize: 7 }));
      expect(iterated.map((u) => u.userId).sort()).toEqual([...ids].sort());
      expect(new Set(iterated.map((u) => u.userId)).size).toBe(iterated.length);
      for (const u of iterated) expect(u.deptIdList).toContain(deptId);
      if (deptId !== 1) {
        checkedSub = true;
        break;
      }
    }
    expect(checkedSub).toBe(true);
  });

  it("pages users by cursor and listsimple agrees", async () => {
    const client = clientFor();
    const first = await client.contacts.listUsers(1, { cursor: 0, size: 5 });
    const simple = await client.contacts.listSimple(1, { cursor: 0, size: 5 });
    expect(simple.users.map((u) => u.userId)).toEqual(first.users.map((u) => u.userId));
    expect(simple.users.map((u) => u.name)).toEqual(first.users.map((u) => u.name));
    if (first.hasMore) {
      expect(first.nextCursor).toBeDefined();
      const second = await client.contacts.listUsers(1, { cursor: first.nextCursor!, size: 5 });
      expect(second.users.map((u) => u.userId)).not.toContain(first.users[0].userId);
    }
  });

  it("reads a person the way the emulator describes them, by userId, unionId and mobile", async () => {
    const client = clientFor();
    const [someone] = (await control.users({ limit: 1, active: true })).users;
    const user = await client.contacts.getUser(someone.userId);
    expect(user).toMatchObject({ userId: someone.userId, unionId: someone.unionId, name: someone.name, mobile: someone.mobile, title: someone.title, active: true });
    expect(user.deptIdList.sort()).toEqual([...someone.deptIdList].sort());
    for (const l of user.leaderInDept) expect(someone.deptIdList).toContain(l.deptId);
    expect(await client.contacts.getUserIdByUnionId(someone.unionId)).toMatchObject({ userId: someone.userId });
    expect(await client.contacts.getUserIdByMobile(someone.mobile)).toBe(someone.userId);
    const found = await client.contacts.searchUsers({ queryWord: someone.name, offset: 0, size: 20 });
    expect(found.userIds).toContain(someone.userId);
    expect(found.totalCount).toBeGreaterThanOrEqual(1);
  });

  it("counts people and lists admins as the emulator does", async () => {
    const client = clientFor();
    const org = await control.org();
    expect(await client.contacts.countUsers({ onlyActive: false })).toBe(org.userCount);
    expect(await client.contacts.countUsers({ onlyActive: true })).toBe(org.activeUserCount);
    const admins = await client.contacts.listAdmins();
    expect(admins.map((a) => a.userId).sort()).toEqual(org.admins.map((a) => a.userId).sort());
    expect(admins.map((a) => a.sysLevel).sort()).toEqual(org.admins.map((a) => a.sysLevel).sort());
  });

  it("says a missing person is missing, with DingTalk's code", async () => {
    const error = await failureOf(clientFor().contacts.getUser("no-such-user-id"));
    expect(error.code).toBe("60121");
    expect(error.retryable).toBe(false);
  });
});

describe("departments against the seeded org", () => {
  it("walks the tree: root, children, parents and search", async () => {
    const client = clientFor();
    const root = await client.departments.getDepartment(1);
    expect(root.deptId).toBe(1);
    expect(root.name).not.toBe("");
    const children = await client.departments.listSubDepartments(1);
    expect(children.map((c) => c.deptId).sort()).toEqual((await client.departments.listSubDepartmentIds(1)).sort());
    const child = children[0];
    expect(child.parentId).toBe(1);
    const detail = await client.departments.getDepartment(child.deptId);
    expect(detail).toMatchObject({ deptId: child.deptId, name: child.name, parentId: 1 });
    expect(Array.isArray(detail.deptManagerUserIds)).toBe(true);
    expect(await client.departments.listParentIdsByDept(child.deptId)).toEqual([child.deptId, 1]);
    const found = await client.departments.searchDepartments({ queryWord: child.name, offset: 0, size: 20 });
    expect(found.deptIds).toContain(child.deptId);
    const missing = await failureOf(client.departments.getDepartment(987_654));
    expect(missing.code).toBe("60003");
  });

  it("lists a person's department chains, each ending at the root", async () => {
    const client = clientFor();
    const [someone] = (await control.users({ limit: 1 })).users;
    const chains = await client.departments.listParentsByUser(someone.userId);
    expect(chains.length).toBe(someone.deptIdList.length);
    for (const chain of chains) {
      expect(chain[chain.length - 1]).toBe(1);
      expect(someone.deptIdList).toContain(chain[0]);
    }
  });

  it("counts every department the emulator seeded", async () => {
    const client = clientFor();
    let level = [1];
    let total = 0;
    while (level.length > 0) {
      total += level.length;
      level = (await Promise.all(level.map((id) => client.departments.listSubDepartmentIds(id)))).flat();
    }
    expect(total).toBe((await control.org()).departmentCount);
  });
});

describe("oauth", () => {
  it("builds DingTalk's login URL on the login base", () => {
    const client = clientFor();
    const url = new URL(client.oauth.authorizeUrl({ redirectUri: "http://localhost:3000/api/auth/callback/dingtalk", state: "s1" }));
    expect(`${url.origin}${url.pathname}`).toBe(`${emu.url}/oauth2/auth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      redirect_uri: "http://localhost:3000/api/auth/callback/dingtalk",
      response_type: "code",
      client_id: emu.appKey,
      scope: "openid",
      state: "s1",
      prompt: "consent",
    });
  });

  it("signs a person in: login page, code exchange, profile, refresh", async () => {
    const client = clientFor();
    const [someone] = (await control.users({ limit: 1, active: true })).users;
    const login = new URL(client.oauth.authorizeUrl({ redirectUri: "http://localhost:3000/cb", state: "s2" }));
    const form = new URLSearchParams({ ...Object.fromEntries(login.searchParams), userid: someone.userId });
    const res = await fetch(`${emu.url}/oauth2/auth`, { method: "POST", body: form, redirect: "manual" });
    const back = new URL(res.headers.get("location") ?? "");
    expect(back.searchParams.get("state")).toBe("s2");
    const tokens = await client.oauth.exchangeCode(back.searchParams.get("authCode") ?? "");
    expect(tokens.expireIn).toBeGreaterThan(0);
    const me = await client.oauth.getCurrentUser(tokens.accessToken);
    expect(me).toMatchObject({ unionId: someone.unionId, nick: someone.name });
    expect((await client.contacts.getUserIdByUnionId(me.unionId)).userId).toBe(someone.userId);
    const renewed = await client.oauth.refreshUserToken(tokens.refreshToken);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect((await client.oauth.getCurrentUser(renewed.accessToken)).unionId).toBe(someone.unionId);
    // The code was spent by the first exchange.
    expect((await failureOf(client.oauth.exchangeCode(back.searchParams.get("authCode") ?? ""))).host).toBe("api");
  });

  it("refuses a made-up code without retrying it", async () => {
    const client = clientFor();
    await control.resetStats();
    const error = await failureOf(client.oauth.exchangeCode("made-up-code"));
    expect(error.host).toBe("api");
    expect(error.retryable).toBe(false);
    expect((await control.stats()).calls["POST /v1.0/oauth2/userAccessToken"]).toBe(1);
  });
});
