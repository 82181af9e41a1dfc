import { z } from "zod";
import { streamUrl } from "@/lib/dingtalk";
import { closeSocket, openSocket } from "@/lib/stream/connection";
import { optionalInt } from "../arguments";
import { defineCommand } from "../command";

/** Opens one WebSocket to the ticket's endpoint and closes it again; rejects with what went wrong. */
async function connectOnce(url: string, timeoutMs: number): Promise<void> {
  const socket = await openSocket(url, timeoutMs).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // openSocket's own refusals name the gateway; a bare socket error (ECONNREFUSED…) does not.
    throw new Error(message.includes("Stream gateway") ? message : `cannot connect to the Stream gateway: ${message}`);
  });
  await closeSocket(socket);
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
