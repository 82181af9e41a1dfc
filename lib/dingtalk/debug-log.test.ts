import { describe, expect, it } from "vitest";
import { DebugLog, type DebugLogEntry } from "./debug-log";

describe("DebugLog", () => {
  it("never passes tokens, secrets, signatures or auth codes to the logger", () => {
    const entries: DebugLogEntry[] = [];
    const log = new DebugLog((e) => entries.push(e));
    log.request(1, 1, "GET", "https://oapi.dingtalk.com/gettoken?appkey=ding1&appsecret=S3CRET", {}, undefined);
    log.request(2, 1, "POST", "https://oapi.dingtalk.com/topapi/v2/user/get?access_token=TOK123", { accept: "application/json" }, { userid: "u1" });
    log.request(3, 1, "POST", "https://api.dingtalk.com/v1.0/oauth2/userAccessToken", { "x-acs-dingtalk-access-token": "TOK456" }, { clientId: "ding1", clientSecret: "S3CRET", code: "AUTHCODE9", grantType: "authorization_code" });
    log.response(3, 1, "POST", "https://api.dingtalk.com/v1.0/oauth2/userAccessToken", 200, 5, "req-1", { accessToken: "UTOK", refreshToken: "RTOK", expireIn: 7200 });
    log.response(1, 1, "GET", "https://oapi.dingtalk.com/gettoken?appkey=ding1&appsecret=S3CRET", 200, 5, "req-2", { errcode: 0, access_token: "TOK123", expires_in: 7200 });
    log.request(4, 1, "POST", "https://oapi.dingtalk.com/robot/send?access_token=ROBOT&timestamp=1&sign=SIG%3D", {}, { msgtype: "text" });
    const text = JSON.stringify(entries);
    for (const secret of ["S3CRET", "TOK123", "TOK456", "AUTHCODE9", "UTOK", "RTOK", "ROBOT", "SIG"]) expect(text, secret).not.toContain(secret);
    // What is needed to debug survives.
    expect(text).toContain("appkey=ding1");
    expect(text).toContain('"userid":"u1"');
    expect(text).toContain("authorization_code");
    expect(text).toContain("req-1");
    expect(entries).toHaveLength(6);
  });

  it("keeps error codes in response bodies", () => {
    const entries: DebugLogEntry[] = [];
    new DebugLog((e) => entries.push(e)).response(1, 1, "POST", "https://api.dingtalk.com/x", 400, 1, "r", { code: "paramError", message: "bad" });
    expect(entries[0]).toMatchObject({ kind: "response", body: { code: "paramError" } });
  });

  it("is silent and disabled without a logger", () => {
    const log = new DebugLog(undefined);
    expect(log.enabled).toBe(false);
    expect(() => log.request(1, 1, "GET", "https://x/y?access_token=t", {}, undefined)).not.toThrow();
  });
});
