import WebSocket from "ws";
import { z } from "zod";
import { streamUrl } from "@/lib/dingtalk";
import { optionalInt } from "../arguments";
import { defineCommand } from "../command";

/** Opens one WebSocket to the ticket's endpoint and closes it again; rejects with what went wrong. */
function connectOnce(url: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the Stream gateway did not accept the connection within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once("open", () => {
      clearTimeout(timer);
      socket.close(1000, "check done");
      resolve();
    });
    socket.once("unexpected-response", (_request, response) => {
      clearTimeout(timer);
      socket.terminate();
      reject(new Error(`the Stream gateway refused the WebSocket with HTTP ${response.statusCode}`));
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`cannot connect to the Stream gateway: ${error.message}`));
    });
  });
}

/** Stream mode: is the app able to open a Stream connection? */
export const streamCommands = [
  defineCommand({
    name: "stream-check",
    summary: "open a Stream-mode connection (ticket + WebSocket) and close it: proves Stream works for this app",
    input: z.object({ timeoutMs: optionalInt("give up after this many ms (default 10000)", { min: 100, max: 120_000 }) }),
    failureCode: "STREAM_CONNECTION_FAILED",
    async run(ctx, input) {
      const started = Date.now();
      const ticket = await ctx.client().stream.openConnection({ ua: "dingtalk-cli/stream-check" });
      await connectOnce(streamUrl(ticket), input.timeoutMs ?? 10_000);
      return { connected: true, endpoint: ticket.endpoint, elapsedMs: Date.now() - started };
    },
  }),
];
