import { describe, expect, it } from "vitest";
import { classifyApiStatus, classifyOapiCode, DingTalkError } from "./errors";
import { backoffDelay, isRetryableKind, withRetry } from "./retry";

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000 };

function err(retryable: boolean, extra: Partial<ConstructorParameters<typeof DingTalkError>[0]> = {}): DingTalkError {
  return new DingTalkError({ code: "X", message: "x", host: "oapi", retryable, ...extra });
}

describe("backoffDelay", () => {
  it("stays within the upper half of a doubling cap", () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      expect(backoffDelay(attempt, policy, () => 0)).toBe(Math.round(cap / 2));
      expect(backoffDelay(attempt, policy, () => 0.999999)).toBe(Math.round(cap));
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(attempt, policy);
        expect(d).toBeGreaterThanOrEqual(cap / 2 - 0.5);
        expect(d).toBeLessThanOrEqual(cap + 0.5);
      }
    }
  });

  it("grows with the attempt and never passes maxDelayMs", () => {
    const mid = () => 0.5;
    expect(backoffDelay(2, policy, mid)).toBeGreaterThan(backoffDelay(1, policy, mid));
    expect(backoffDelay(3, policy, mid)).toBeGreaterThan(backoffDelay(2, policy, mid));
    expect(backoffDelay(30, policy, () => 0.999999)).toBeLessThanOrEqual(policy.maxDelayMs);
  });

  it("spreads concurrent callers apart (jitter)", () => {
    const delays = new Set(Array.from({ length: 40 }, () => backoffDelay(4, policy)));
    expect(delays.size).toBeGreaterThan(5);
  });
});

describe("classification", () => {
  it("retries busy, server and QPS errors of oapi, and nothing else", () => {
    for (const code of [-1, 88004, 90018, 130101, 90002, 90006]) expect(isRetryableKind(classifyOapiCode(code), true), String(code)).toBe(true);
    for (const code of [0, 40035, 60121, 60003, 60011, 400002, 310000]) expect(classifyOapiCode(code), String(code)).toBe("final");
    for (const code of [40014, 40001, 42001, 90020]) expect(isRetryableKind(classifyOapiCode(code), true), String(code)).toBe(false);
  });

  it("reads topapi's errcode 88 by its sub_code", () => {
    expect(classifyOapiCode(88, "40014")).toBe("token-rejected");
    expect(classifyOapiCode(88, "90018")).toBe("rate-limited");
    expect(classifyOapiCode(88, "90020")).toBe("quota-exhausted");
    expect(classifyOapiCode(88, "60121")).toBe("final");
    expect(classifyOapiCode(88)).toBe("final");
  });

  it("names each corrected form by what it means", () => {
    expect(classifyOapiCode(40014)).toBe("token-rejected");
    expect(classifyOapiCode(42001)).toBe("token-rejected");
    expect(classifyOapiCode(90020)).toBe("quota-exhausted");
    expect(classifyApiStatus(400, "InvalidAuthentication")).toBe("token-rejected");
    expect(classifyApiStatus(403, "Forbidden.AccessDenied.QpsLimitForApi")).toBe("rate-limited");
    expect(classifyApiStatus(403, "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi")).toBe("rate-limited");
    expect(classifyApiStatus(403, "Forbidden.AccessDenied.ApiCountLimitForOrg")).toBe("quota-exhausted");
    // A missing scope is also a 403 Forbidden.AccessDenied.*, and final.
    expect(classifyApiStatus(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied")).toBe("final");
  });

  it("retries api QPS refusals and 5xx, not other 4xx", () => {
    expect(classifyApiStatus(429, "Throttling.Api")).toBe("rate-limited");
    expect(classifyApiStatus(400, "Throttling.User")).toBe("rate-limited");
    expect(isRetryableKind(classifyApiStatus(500, "systemError"), true)).toBe(true);
    expect(isRetryableKind(classifyApiStatus(503), true)).toBe(true);
    expect(isRetryableKind(classifyApiStatus(403, "Forbidden.AccessDenied.QpsLimitForApi"), false)).toBe(true);
    expect(isRetryableKind(classifyApiStatus(403, "Forbidden.AccessDenied.ApiCountLimitForOrg"), true)).toBe(false);
    for (const status of [400, 401, 403, 404]) expect(classifyApiStatus(status, "paramError"), String(status)).toBe("final");
  });

  it("does not repeat a write after a server error, but does after a refusal for speed", () => {
    expect(isRetryableKind("server-error", false)).toBe(false);
    expect(isRetryableKind("rate-limited", false)).toBe(true);
    expect(isRetryableKind("busy", false)).toBe(true);
  });
});

describe("withRetry", () => {
  const noSleep = { sleep: async () => {}, random: () => 0 };

  it("retries retryable errors until success", async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw err(true);
        return "ok";
      },
      { policy, ...noSleep },
    );
    expect(result).toBe("ok");
    expect(calls).toBe(3);
  });

  it("stops after the configured attempts", async () => {
    let calls = 0;
    const waits: number[] = [];
    await expect(
      withRetry(
        async () => {
          calls++;
          throw err(true, { code: "-1" });
        },
        { policy, sleep: async (ms) => void waits.push(ms), random: () => 0 },
      ),
    ).rejects.toMatchObject({ code: "-1" });
    expect(calls).toBe(policy.attempts);
    expect(waits).toEqual([50, 100, 200]);
  });

  it("does not retry a final error or a foreign one", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw err(false, { code: "60121" });
      }, { policy, ...noSleep }),
    ).rejects.toMatchObject({ code: "60121" });
    expect(calls).toBe(1);
    await expect(
      withRetry(async () => {
        calls++;
        throw new TypeError("bug");
      }, { policy, ...noSleep }),
    ).rejects.toBeInstanceOf(TypeError);
    expect(calls).toBe(2);
  });

  it("never retries a quota refusal, even one marked retryable", async () => {
    let calls = 0;
    await expect(
      withRetry(async () => {
        calls++;
        throw err(true, { code: "90020" });
      }, { policy, ...noSleep }),
    ).rejects.toMatchObject({ code: "90020", kind: "quota-exhausted" });
    expect(calls).toBe(1);
  });

  it("waits at least a quarter second after a rate-limit refusal", async () => {
    const waits: number[] = [];
    let calls = 0;
    await withRetry(
      async () => {
        if (calls++ === 0) throw err(true, { rateLimited: true });
        return 1;
      },
      { policy: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 }, sleep: async (ms) => void waits.push(ms) },
    );
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(250);
  });
});
