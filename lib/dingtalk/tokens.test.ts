import { describe, expect, it } from "vitest";
import { DingTalkError } from "./errors";
import { isTokenRejected, refusedCredential, TokenManager, type IssuedToken } from "./tokens";

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function manager(fetchOapi: () => Promise<IssuedToken>, now: () => number, margin = 300) {
  return new TokenManager({ oapi: fetchOapi, api: async () => ({ token: "api-token", expiresInSeconds: 7200 }) }, { refreshMarginSeconds: margin, now });
}

describe("TokenManager", () => {
  it("shares one in-flight refresh among concurrent callers", async () => {
    let fetches = 0;
    const gate = deferred<IssuedToken>();
    const tokens = manager(() => {
      fetches++;
      return gate.promise;
    }, () => 0);
    const waiting = Array.from({ length: 50 }, () => tokens.get("oapi"));
    gate.resolve({ token: "t1", expiresInSeconds: 7200 });
    expect(new Set(await Promise.all(waiting))).toEqual(new Set(["t1"]));
    expect(fetches).toBe(1);
    expect(await tokens.get("api")).toBe("api-token");
  });

  it("renews the margin before expiry, not before", async () => {
    let now = 0;
    let n = 0;
    const tokens = manager(async () => ({ token: `t${++n}`, expiresInSeconds: 7200 }), () => now);
    expect(await tokens.get("oapi")).toBe("t1");
    now = (7200 - 300) * 1000 - 1;
    expect(await tokens.get("oapi")).toBe("t1");
    now += 1;
    expect(await tokens.get("oapi")).toBe("t2");
  });

  it("keeps half of a lifetime shorter than the margin", async () => {
    let now = 0;
    let n = 0;
    const tokens = manager(async () => ({ token: `t${++n}`, expiresInSeconds: 60 }), () => now, 300);
    await tokens.get("oapi");
    now = 29_000;
    expect(await tokens.get("oapi")).toBe("t1");
    now = 30_000;
    expect(await tokens.get("oapi")).toBe("t2");
  });

  it("drops only the refused token, so many refusals cause one refresh", async () => {
    let n = 0;
    const tokens = manager(async () => ({ token: `t${++n}`, expiresInSeconds: 7200 }), () => 0);
    const old = await tokens.get("oapi");
    tokens.invalidate("oapi", old);
    const renewed = await Promise.all([tokens.get("oapi"), tokens.get("oapi")]);
    tokens.invalidate("oapi", old); // a late caller reporting the same old token
    expect(renewed).toEqual(["t2", "t2"]);
    expect(await tokens.get("oapi")).toBe("t2");
    expect(n).toBe(2);
  });

  it("does not cache a failed refresh", async () => {
    let n = 0;
    const tokens = manager(async () => {
      if (++n === 1) throw new Error("down");
      return { token: "ok", expiresInSeconds: 7200 };
    }, () => 0);
    await expect(tokens.get("oapi")).rejects.toThrow("down");
    expect(await tokens.get("oapi")).toBe("ok");
  });
});

describe("token refusals", () => {
  const e = (host: "oapi" | "api", code: string, message: string, httpStatus?: number) => new DingTalkError({ host, code, message, httpStatus, retryable: false });

  it("recognises a refused token on both hosts", () => {
    for (const code of ["40014", "40001", "42001"]) expect(isTokenRejected(e("oapi", code, "x"))).toBe(true);
    expect(isTokenRejected(e("api", "InvalidAuthentication", "不合法的access_token", 400))).toBe(true);
    expect(isTokenRejected(new DingTalkError({ host: "oapi", code: "88", subCode: "40014", message: "不合法的access_token", httpStatus: 200, retryable: false }))).toBe(true);
    expect(isTokenRejected(new DingTalkError({ host: "oapi", code: "88", subCode: "60121", message: "找不到该用户", httpStatus: 200, retryable: false }))).toBe(false);
    expect(isTokenRejected(e("api", "paramError", "x", 400))).toBe(false);
    expect(isTokenRejected(e("oapi", "60121", "x"))).toBe(false);
    expect(isTokenRejected(e("api", "Forbidden", "x", 403))).toBe(false);
    expect(isTokenRejected(new Error("x"))).toBe(false);
  });

  it("tells which credential DingTalk refused when its words say so", () => {
    expect(refusedCredential(e("oapi", "40001", "获取access_token时Secret错误，或者access_token无效"))).toBe("appSecret");
    expect(refusedCredential(e("api", "invalidClientIdOrSecret", "无效的clientId或者clientSecret：clientSecret 与 clientId 不匹配", 400))).toBe("appSecret");
    expect(refusedCredential(e("oapi", "40089", "不合法的appKey"))).toBe("appKey");
    expect(refusedCredential(e("oapi", "40096", "不合法的appKey或appSecret"))).toBeUndefined();
  });
});
