import { describe, expect, it } from "vitest";
import { parseEnv } from "../env";
import { clientIp } from "./client-ip";

describe("client address of a sign-in", () => {
  it("without a trusted proxy, X-Forwarded-For is the client's claim and is not believed", () => {
    expect(clientIp("6.6.6.6", 0)).toBeUndefined();
    expect(clientIp("6.6.6.6, 10.0.0.1", 0)).toBeUndefined();
  });

  it("behind proxies, the entry the outermost trusted proxy wrote; what the client prepended is ignored", () => {
    // The client sent "6.6.6.6"; the proxy appended the address it saw.
    expect(clientIp("6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(clientIp("203.0.113.7", 1)).toBe("203.0.113.7");
    // Two proxies (a load balancer, then nginx): the client is second from the right.
    expect(clientIp("6.6.6.6, 203.0.113.7, 10.0.0.2", 2)).toBe("203.0.113.7");
    expect(clientIp("2001:db8::1, 10.0.0.2", 2)).toBe("2001:db8::1");
  });

  it("gives nothing for a request that skipped a proxy or an entry that is not an address", () => {
    expect(clientIp("203.0.113.7", 2)).toBeUndefined();
    expect(clientIp("6.6.6.6, <script>", 1)).toBeUndefined();
    expect(clientIp("", 1)).toBeUndefined();
    expect(clientIp(null, 1)).toBeUndefined();
  });

  it("TRUSTED_PROXY_HOPS: 0 by default, a whole number up to 10", () => {
    const base = { DINGTALK_APP_KEY: "k", DINGTALK_APP_SECRET: "s", NEXTAUTH_SECRET: "x".repeat(32) };
    expect(parseEnv(base).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ ...base, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "11", "1.5", "yes"]) expect(() => parseEnv({ ...base, TRUSTED_PROXY_HOPS: bad }), bad).toThrow(/TRUSTED_PROXY_HOPS/);
  });
});
