import { describe, expect, it } from "vitest";
import { REDACTED, isSecretKey, redactHeaders, redactObject, redactUrl } from "./redact";

describe("redact", () => {
  it("treats credentials as secrets and identifiers as not", () => {
    for (const k of ["appSecret", "appsecret", "access_token", "accessToken", "clientSecret", "sign", "aesKey", "refreshToken", "x-acs-dingtalk-access-token", "authCode"]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ["processCode", "robotCode", "errcode", "userId", "name", "code"]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });

  it("replaces secrets deeply and leaves the rest", () => {
    const input = { appKey: "k", appSecret: "s3cr3t", nested: [{ sign: "abc", text: "hi" }], empty: "" };
    const out = redactObject(input);
    expect(out).toEqual({ appKey: "k", appSecret: REDACTED, nested: [{ sign: REDACTED, text: "hi" }], empty: "" });
    expect(input.appSecret).toBe("s3cr3t");
  });

  it("redacts query strings and headers", () => {
    const url = redactUrl("https://oapi.dingtalk.com/gettoken?appkey=k&appsecret=xyz&access_token=t0k");
    expect(url).not.toContain("xyz");
    expect(url).not.toContain("t0k");
    expect(url).toContain("appkey=k");
    expect(redactHeaders({ "x-acs-dingtalk-access-token": "tok", accept: "json" })).toEqual({
      "x-acs-dingtalk-access-token": REDACTED,
      accept: "json",
    });
  });
});
