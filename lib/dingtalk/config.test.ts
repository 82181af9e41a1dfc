import { describe, expect, it } from "vitest";
import { parseClientConfig, qpsFor } from "./config";
import { DingTalkConfigError } from "./errors";

describe("parseClientConfig", () => {
  it("fills DingTalk's defaults", () => {
    const c = parseClientConfig({ appKey: "ding1", appSecret: "s" });
    expect(c).toMatchObject({
      oapiBase: "https://oapi.dingtalk.com",
      apiBase: "https://api.dingtalk.com",
      loginBase: "https://login.dingtalk.com",
      timeoutMs: 10_000,
      refreshMarginSeconds: 300,
      retry: { attempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 },
      qps: { default: 20, perPath: {} },
      rateLimit: true,
      debug: false,
    });
    expect(c.agentId).toBeUndefined();
  });

  it("trims trailing slashes, accepts per-path QPS and numeric agent ids", () => {
    const c = parseClientConfig({ appKey: "k", appSecret: "s", oapiBase: "http://127.0.0.1:4100/", agentId: 123, qps: { default: 10, perPath: { "/topapi/v2/user/list": 40 } } });
    expect(c.oapiBase).toBe("http://127.0.0.1:4100");
    expect(c.agentId).toBe("123");
    expect(qpsFor(c, "/topapi/v2/user/list")).toBe(40);
    expect(qpsFor(c, "/other")).toBe(10);
    expect(parseClientConfig({ appKey: "k", appSecret: "s", qps: 5 }).qps).toEqual({ default: 5, perPath: {} });
  });

  it("names every bad field and the variable behind it", () => {
    let error: unknown;
    try {
      parseClientConfig({ appKey: "", appSecret: undefined as unknown as string, apiBase: "api.dingtalk.com", qps: -1, retry: { attempts: 0 } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DingTalkConfigError);
    const message = (error as Error).message;
    expect(message).toContain("appKey (DINGTALK_APP_KEY) is required");
    expect(message).toContain("appSecret (DINGTALK_APP_SECRET)");
    expect(message).toContain("apiBase (DINGTALK_API_BASE) must be an http(s) URL");
    expect(message).toContain("qps (DINGTALK_QPS)");
    expect(message).toContain("retry.attempts");
    expect((error as DingTalkConfigError).problems.length).toBeGreaterThanOrEqual(5);
  });

  it("rejects a non-function fetch", () => {
    expect(() => parseClientConfig({ appKey: "k", appSecret: "s", fetch: "nope" as unknown as typeof fetch })).toThrow(/fetch must be a fetch function/);
  });
});
