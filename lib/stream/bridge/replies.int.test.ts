import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { botMessageSchema } from "../../dingtalk/stream";
import { createReplySender, ReplyError } from "./replies";

// The session webhook as the reply sender sees it: a local server answering each path its own way.
let server: Server;
let base: string;
const received: { path: string; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: JSON.parse(raw) });
      if (req.url === "/ok") res.writeHead(200, { "content-type": "application/json" }).end('{"errcode":0,"errmsg":"ok"}');
      else if (req.url === "/expired") res.writeHead(200).end('{"errcode":300001,"errmsg":"session expired"}');
      else if (req.url === "/busy") res.writeHead(503).end("busy");
      else if (req.url === "/html") res.writeHead(200, { "content-type": "text/html" }).end("<html>proxy login</html>");
      else if (req.url === "/refused") res.writeHead(200).end('{"errcode":400101,"errmsg":"bad content"}');
      // "/slow" never answers.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const robotCalls: unknown[] = [];
const robot = {
  sendToUsers: async (input: unknown) => void robotCalls.push(input),
  sendToGroup: async (input: unknown) => void robotCalls.push(input),
} as never;

const message = (path: string) =>
  botMessageSchema.parse({
    msgId: `m-${path}`, msgtype: "text", text: { content: "hi" }, conversationId: "cid", conversationType: "1", senderId: "$:x", senderStaffId: "u7",
    senderNick: "七", chatbotUserId: "$:b", sessionWebhook: `${base}${path}`, sessionWebhookExpiredTime: Date.now() + 60_000, createAt: Date.now(),
  });

describe("replies through the session webhook", () => {
  const sender = () => createReplySender({ robot }, { timeoutMs: 300 });

  it("posts the reply as DingTalk's JSON and reports the channel", async () => {
    expect(await sender().send(message("/ok"), { format: "markdown", title: "标题", text: "**好**" })).toBe("session-webhook");
    expect(received.at(-1)).toEqual({ path: "/ok", body: { msgtype: "markdown", markdown: { title: "标题", text: "**好**" } } });
  });

  it("falls back to the robot when the webhook has expired", async () => {
    const before = robotCalls.length;
    expect(await sender().send(message("/expired"), { format: "text", text: "过期了" })).toBe("robot.oto");
    expect(robotCalls.length).toBe(before + 1);
  });

  it("reports a busy, a non-JSON, a refusing and a silent webhook as errors that say whether to retry", async () => {
    const outcome = (path: string) => sender().send(message(path), { format: "text", text: "x" }).then(() => null, (e: unknown) => e);
    const busy = await outcome("/busy");
    expect(busy).toBeInstanceOf(ReplyError);
    expect(busy).toMatchObject({ retryable: true, message: expect.stringContaining("HTTP 503") });
    expect(await outcome("/html")).toMatchObject({ retryable: true, message: expect.stringContaining("not DingTalk's {errcode}") });
    expect(await outcome("/refused")).toMatchObject({ retryable: false, message: expect.stringContaining("400101") });
    expect(await outcome("/slow")).toMatchObject({ retryable: true, message: expect.stringContaining("did not answer") });
  });
});
