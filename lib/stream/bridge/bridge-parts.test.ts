import { describe, expect, it } from "vitest";
import { splitReply } from "./replies";
import { turnsToFold } from "./memory";
import { parseCommand } from "./responders/builtin";
import { extractiveSummary } from "./responders/extractive-summary";
import { sessionIdFor } from "./session-key";
import { botMessageSchema } from "../../dingtalk/stream";
import { parseBridgeEnv } from "./env";

const message = (over: Record<string, unknown> = {}) =>
  botMessageSchema.parse({
    msgId: "m1", msgtype: "text", text: { content: "hi" }, conversationId: "cidG==", conversationType: "2", senderId: "$:x", senderStaffId: "u7",
    senderNick: "七", chatbotUserId: "$:b", sessionWebhook: "http://w", sessionWebhookExpiredTime: 2, createAt: 1, ...over,
  });

describe("bridge parts", () => {
  it("maps messages to sessions by chat kind and group policy", () => {
    expect(sessionIdFor(message({ conversationType: "1" }))).toBe("dingtalk_private_u7");
    expect(sessionIdFor(message())).toBe("dingtalk_group_cidG==_u7");
    expect(sessionIdFor(message(), "shared")).toBe("dingtalk_group_cidG==");
    expect(sessionIdFor(message({ conversationType: "1", senderStaffId: undefined }))).toBe("dingtalk_private_$:x");
  });

  it("splits long replies within the limit at natural boundaries", () => {
    const paragraph = "字".repeat(30);
    const parts = splitReply(Array.from({ length: 10 }, () => paragraph).join("\n\n"), 100);
    expect(parts.every((p) => p.length <= 100)).toBe(true);
    expect(parts.join("").replace(/\n/g, "")).toBe(paragraph.repeat(10));
    expect(parts[0]).toBe(`${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    expect(splitReply("x".repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50]);
    expect(splitReply("短")).toEqual(["短"]);
  });

  it("folds the oldest turns beyond the turn or byte bound, keeping the newest two", () => {
    const turns = (n: number, size = 10) => Array.from({ length: n }, () => ({ content: "a".repeat(size) }));
    expect(turnsToFold(turns(4), { turns: 4, bytes: 1000 })).toBe(0);
    expect(turnsToFold(turns(7), { turns: 4, bytes: 1000 })).toBe(3);
    expect(turnsToFold(turns(6), { turns: 10, bytes: 35 })).toBe(3);
    expect(turnsToFold(turns(3, 1000), { turns: 10, bytes: 10 })).toBe(1);
  });

  it("reads slash commands (also with a full-width slash)", () => {
    expect(parseCommand("/whois 张三")).toEqual({ command: "whois", argument: "张三" });
    expect(parseCommand("／TODO")).toEqual({ command: "todo", argument: "" });
    expect(parseCommand("你好 /help")).toBeNull();
  });

  it("summarises extractively: one line per question, bounded", async () => {
    const summary = await extractiveSummary("- 旧的", [
      { role: "user", content: "第一句。第二句" },
      { role: "assistant", content: "回答" },
      { role: "user", content: "x".repeat(200) },
    ]);
    expect(summary.split("\n")).toEqual(["- 旧的", "- 第一句。", `- ${"x".repeat(79)}…`]);
    let long: string | null = null;
    for (let i = 0; i < 50; i++) long = await extractiveSummary(long, [{ role: "user", content: `问题${i}${"y".repeat(60)}` }]);
    expect(long!.length).toBeLessThanOrEqual(1200);
    expect(long).toContain("问题49");
  });

  it("reads the bridge's environment and names what is wrong", () => {
    const base = { DINGTALK_APP_KEY: "k", DINGTALK_APP_SECRET: "s" };
    expect(parseBridgeEnv({ ...base, BRIDGE_STALE_CLAIM_SECONDS: "5" }).settings).toMatchObject({ staleClaimMs: 5000, sessionTtlHours: 24 });
    expect(parseBridgeEnv({ ...base, AI_BASE_URL: "http://m/v1", AI_API_KEY: "x", AI_MODEL: "m" }).ai).toEqual({ baseUrl: "http://m/v1", apiKey: "x", model: "m" });
    expect(() => parseBridgeEnv({ AI_MODEL: "m", BRIDGE_CONCURRENCY: "0" })).toThrow(/DINGTALK_APP_KEY[\s\S]*BRIDGE_CONCURRENCY|BRIDGE_CONCURRENCY[\s\S]*DINGTALK_APP_KEY/);
    expect(() => parseBridgeEnv({ ...base, AI_MODEL: "m" })).toThrow(/go together/);
  });
});
