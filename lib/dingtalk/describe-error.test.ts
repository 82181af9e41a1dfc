import { describe, expect, it, vi } from "vitest";
import { describeDingTalkError } from "./describe-error";
import { DingTalkConfigError, DingTalkError, isDingTalkError, type DingTalkErrorInit } from "./errors";

const e = (init: Partial<DingTalkErrorInit>) => new DingTalkError({ code: "X", message: "msg", host: "oapi", retryable: false, ...init });

describe("describeDingTalkError", () => {
  it("names the refused credential by its variable", () => {
    const error = e({ code: "40001", credential: "appSecret", path: "/gettoken", requestId: "r-1" });
    expect(describeDingTalkError(error, "en")).toContain("app secret (DINGTALK_APP_SECRET)");
    expect(describeDingTalkError(error, "zh-CN")).toContain("DINGTALK_APP_SECRET");
    expect(describeDingTalkError(error, "en")).toContain("r-1");
    expect(describeDingTalkError(e({ credential: "appKey" }), "en")).toContain("DINGTALK_APP_KEY");
    expect(describeDingTalkError(e({ code: "40096", path: "/gettoken" }), "en")).toMatch(/DINGTALK_APP_KEY \/ DINGTALK_APP_SECRET/);
  });

  it("says where DingTalk could not be reached", () => {
    const error = e({ host: "network", code: "UNREACHABLE", base: "http://127.0.0.1:9", retryable: true });
    expect(describeDingTalkError(error, "en")).toContain("Cannot reach DingTalk at http://127.0.0.1:9");
    expect(describeDingTalkError(error, "zh-CN")).toContain("无法连接钉钉（http://127.0.0.1:9）");
  });

  it("warns that a write may or may not have happened", () => {
    expect(describeDingTalkError(e({ host: "network", code: "NETWORK_ERROR", outcome: "unknown" }), "en")).toMatch(/unknown whether the change was made/);
  });

  it("explains rate limits and missing scopes", () => {
    expect(describeDingTalkError(e({ code: "90018", rateLimited: true, retryable: true }), "en")).toMatch(/Rate limited/);
    const scope = e({ host: "api", httpStatus: 403, code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", requiredScopes: ["qyapi_get_member"] });
    expect(describeDingTalkError(scope, "en")).toContain("needs scope qyapi_get_member");
    expect(describeDingTalkError(scope, "zh-CN")).toContain("qyapi_get_member");
  });

  it("says plainly that the monthly call quota is spent, in either form, and what still works", () => {
    const oapi = e({ code: "90020", message: "您的企业本月api调用量已超过限制，调用量:10001次，额度:10000次", requestId: "r-9" });
    const api = e({ host: "api", httpStatus: 403, code: "Forbidden.AccessDenied.ApiCountLimitForOrg", message: "api count limit" });
    for (const error of [oapi, api]) {
      expect(error.kind).toBe("quota-exhausted");
      const en = describeDingTalkError(error, "en");
      expect(en).toMatch(/monthly DingTalk call quota is spent/);
      expect(en).toMatch(/resume on the 1st/);
      expect(en).toMatch(/database still works/);
      expect(en).not.toMatch(/permission/i);
      const zh = describeDingTalkError(error, "zh-CN");
      expect(zh).toContain("本月的钉钉接口调用额度已用完");
      expect(zh).toContain("下月 1 日");
      expect(zh).toContain("数据库");
      expect(zh).not.toMatch(/[A-Za-z]{4,}/);
    }
  });

  it("names a refused token in each of its forms", () => {
    const forms = [
      e({ code: "88", subCode: "40014", message: "不合法的access_token" }),
      e({ code: "42001", message: "access_token超时" }),
      e({ host: "api", httpStatus: 400, code: "InvalidAuthentication", message: "不合法的access_token" }),
    ];
    for (const error of forms) expect(describeDingTalkError(error, "en")).toMatch(/refused the access token/);
    expect(describeDingTalkError(e({ host: "api", httpStatus: 403, code: "Forbidden.AccessDenied.QpsLimitForApi" }), "en")).toMatch(/Rate limited/);
  });

  it("falls back to DingTalk's words, and hides foreign errors", () => {
    expect(describeDingTalkError(e({ code: "400002", message: "无效的参数" }), "en")).toBe("DingTalk said: 无效的参数 (code 400002)");
    expect(describeDingTalkError(new Error("SELECT * FROM secret"), "en")).not.toContain("SELECT");
    expect(describeDingTalkError(new DingTalkConfigError(["appKey (DINGTALK_APP_KEY) is required"]), "en")).toContain("DINGTALK_APP_KEY");
  });
});

describe("errors from another copy of the module", () => {
  it("are still recognised, as when Next.js loads lib/dingtalk once for pages and once for route handlers", async () => {
    vi.resetModules();
    const copy = await import("./errors");
    expect(copy.DingTalkError).not.toBe(DingTalkError);
    const foreign = new copy.DingTalkError({ code: "60121", message: "找不到该用户", host: "oapi", retryable: false });
    expect(isDingTalkError(foreign)).toBe(true);
    expect(foreign instanceof DingTalkError).toBe(true);
    expect(describeDingTalkError(foreign, "en")).not.toContain("unexpected");
    expect(isDingTalkError(new Error("plain"))).toBe(false);
    expect(new copy.DingTalkConfigError(["x"]) instanceof DingTalkConfigError).toBe(true);
  });
});
