import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, originOf, securityHeaders } from "./security-headers";

const base = { nonce: "bm9uY2U=", dev: false, loginOrigin: "https://login.dingtalk.com", https: false };
const directives = (csp: string) => new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1)]));

describe("security headers", () => {
  it("scripts run only with the request's nonce; nothing may frame the console", () => {
    const csp = directives(contentSecurityPolicy(base));
    expect(csp.get("script-src")).toEqual(["'self'", "'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("script-src")).not.toContain("'unsafe-eval'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(csp.get("base-uri")).toEqual(["'self'"]);
    expect(csp.get("default-src")).toEqual(["'self'"]);
  });

  it("forms may go to the console and on to DingTalk's login page (the emulator's in the demo)", () => {
    expect(directives(contentSecurityPolicy(base)).get("form-action")).toEqual(["'self'", "https://login.dingtalk.com"]);
    const demo = contentSecurityPolicy({ ...base, loginOrigin: originOf("http://127.0.0.1:4100/") });
    expect(directives(demo).get("form-action")).toEqual(["'self'", "http://127.0.0.1:4100"]);
  });

  it("eval only under next dev; https upgrades and HSTS only when served over https", () => {
    expect(directives(contentSecurityPolicy({ ...base, dev: true })).get("script-src")).toContain("'unsafe-eval'");
    expect(directives(contentSecurityPolicy(base)).has("upgrade-insecure-requests")).toBe(false);
    expect(securityHeaders(base)).not.toHaveProperty("Strict-Transport-Security");
    const secure = securityHeaders({ ...base, https: true });
    expect(directives(secure["Content-Security-Policy"]).has("upgrade-insecure-requests")).toBe(true);
    expect(secure["Strict-Transport-Security"]).toMatch(/^max-age=\d{7,}/);
  });

  it("sets framing, sniffing, referrer and feature headers", () => {
    expect(securityHeaders(base)).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy": "same-origin",
    });
    expect(securityHeaders(base)["Permissions-Policy"]).toContain("camera=()");
  });

  it("a nonce is 128 random bits, new every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});
