import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

const good = { DINGTALK_APP_KEY: "dingabc", DINGTALK_APP_SECRET: "secret", NEXTAUTH_SECRET: "x".repeat(32) };

describe("the call budget's configuration", () => {
  it("defaults to the standard edition's 10,000 calls a month, half of them for background work", () => {
    expect(parseEnv(good)).toMatchObject({ DINGTALK_MONTHLY_CALL_QUOTA: 10_000, DINGTALK_BACKGROUND_CALL_SHARE: 0.5 });
  });

  it("takes a paid edition's quota, or unlimited, and another share", () => {
    expect(parseEnv({ ...good, DINGTALK_MONTHLY_CALL_QUOTA: "50000", DINGTALK_BACKGROUND_CALL_SHARE: "0.2" })).toMatchObject({ DINGTALK_MONTHLY_CALL_QUOTA: 50_000, DINGTALK_BACKGROUND_CALL_SHARE: 0.2 });
    expect(parseEnv({ ...good, DINGTALK_MONTHLY_CALL_QUOTA: "Unlimited" }).DINGTALK_MONTHLY_CALL_QUOTA).toBeNull();
  });

  it("names a quota or share that cannot be meant", () => {
    for (const [name, value] of [["DINGTALK_MONTHLY_CALL_QUOTA", "10k"], ["DINGTALK_MONTHLY_CALL_QUOTA", "0"], ["DINGTALK_BACKGROUND_CALL_SHARE", "50%"], ["DINGTALK_BACKGROUND_CALL_SHARE", "1.5"], ["DINGTALK_BACKGROUND_CALL_SHARE", "0"]]) {
      try {
        parseEnv({ ...good, [name]: value });
        expect.unreachable(`${name}=${value} was accepted`);
      } catch (error) {
        expect(error).toBeInstanceOf(EnvError);
        expect((error as EnvError).problems.map((p) => p.variable)).toEqual([name]);
      }
    }
  });
});
