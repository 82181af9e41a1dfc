import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CustomRobot, checkWebhookMessage, signWebhook } from "./robot-webhook";
import { robotMessage } from "./robot";

describe("signWebhook", () => {
  it("is the url-encoded base64 HmacSHA256 of timestamp + \\n + secret", () => {
    const secret = "SEC0123456789abcdef";
    const ts = 1_700_000_000_123;
    const expected = encodeURIComponent(createHmac("sha256", secret).update(`${ts}\n${secret}`).digest("base64"));
    expect(signWebhook(secret, ts)).toBe(expected);
    expect(signWebhook(secret, ts + 1)).not.toBe(expected);
  });

  it("refuses an empty secret or a fractional timestamp", () => {
    expect(() => signWebhook("", 1)).toThrow(/secret/);
    expect(() => signWebhook("SEC1", 1.5)).toThrow(/timestamp/);
  });
});

describe("webhook messages", () => {
  it("accepts both action card forms and refuses one with neither", () => {
    expect(() => checkWebhookMessage({ msgtype: "actionCard", actionCard: { title: "t", text: "x", singleTitle: "s", singleURL: "u" } })).not.toThrow();
    expect(() => checkWebhookMessage({ msgtype: "actionCard", actionCard: { title: "t", text: "x", btns: [{ title: "b", actionURL: "u" }] } })).not.toThrow();
    expect(() => checkWebhookMessage({ msgtype: "actionCard", actionCard: { title: "t", text: "x" } })).toThrow(/singleTitle/);
    expect(() => checkWebhookMessage({ msgtype: "text", text: { content: "  " } })).toThrow(/text\.content/);
  });

  it("refuses a webhook URL without a token before anything is sent", () => {
    expect(() => new CustomRobot({ webhookUrl: "https://oapi.dingtalk.com/robot/send" })).toThrow(/access_token/);
    expect(() => new CustomRobot({ webhookUrl: "not a url" })).toThrow(/not a URL/);
  });
});

describe("robotMessage", () => {
  it("picks the template for the number of buttons and checks fields", () => {
    const card = robotMessage.actionCardButtons("t", "x", [
      { title: "a", url: "https://a" },
      { title: "b", url: "https://b" },
      { title: "c", url: "https://c" },
    ]);
    expect(card).toEqual({
      msgKey: "sampleActionCard3",
      msgParam: { title: "t", text: "x", actionTitle1: "a", actionURL1: "https://a", actionTitle2: "b", actionURL2: "https://b", actionTitle3: "c", actionURL3: "https://c" },
    });
    expect(() => robotMessage.actionCardButtons("t", "x", [{ title: "a", url: "u" }])).toThrow(/2 to 5/);
    expect(() => robotMessage.text(" ")).toThrow(/sampleText\.content/);
  });
});
