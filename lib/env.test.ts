import { describe, expect, it } from "vitest";
import { EnvError, envSchema, parseEnv } from "./env";

const good = {
  DINGTALK_APP_KEY: "dingabc",
  DINGTALK_APP_SECRET: "secret",
  NEXTAUTH_SECRET: "x".repeat(32),
};

describe("env", () => {
  it("fills defaults", () => {
    const env = parseEnv(good);
    expect(env.DATABASE_URL).toBe("file:./data/console.db");
    expect(env.DINGTALK_API_BASE).toBe("https://api.dingtalk.com");
    expect(env.DINGTALK_QPS).toBe(20);
    expect(env.CONSOLE_ADMIN_USERIDS).toEqual([]);
    expect(env.DINGTALK_DEMO).toBe(false);
  });

  it("names every missing or malformed variable", () => {
    try {
      parseEnv({ DATABASE_URL: "mysql://x", DINGTALK_API_BASE: "not a url", DINGTALK_QPS: "0", DINGTALK_DEMO: "maybe" });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EnvError);
      const names = (e as EnvError).problems.map((p) => p.variable).sort();
      expect(names).toEqual(
        ["DATABASE_URL", "DINGTALK_API_BASE", "DINGTALK_APP_KEY", "DINGTALK_APP_SECRET", "DINGTALK_DEMO", "DINGTALK_QPS", "NEXTAUTH_SECRET"].sort(),
      );
      expect((e as EnvError).message).toContain("DINGTALK_APP_SECRET");
    }
  });

  it("splits admin ids on commas, spaces and full-width commas and strips trailing slashes", () => {
    const env = parseEnv({ ...good, CONSOLE_ADMIN_USERIDS: "a1, b2，c3", DINGTALK_OAPI_BASE: "http://127.0.0.1:4100/" });
    expect(env.CONSOLE_ADMIN_USERIDS).toEqual(["a1", "b2", "c3"]);
    expect(env.DINGTALK_OAPI_BASE).toBe("http://127.0.0.1:4100");
  });
});

describe(".env.example", () => {
  it("documents every variable the console and the bridge read", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { bridgeEnvSchema } = await import("./stream/bridge/env");
    const example = readFileSync(path.join(import.meta.dirname, "..", ".env.example"), "utf8");
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    // NODE_ENV is set by npm scripts and Next itself, not by the person configuring the console.
    const read = [...Object.keys(envSchema.shape), ...Object.keys(bridgeEnvSchema.shape)].filter((name) => name !== "NODE_ENV");
    expect(read.length).toBeGreaterThan(10);
    expect(read.filter((name) => !documented.has(name))).toEqual([]);
  });
});
