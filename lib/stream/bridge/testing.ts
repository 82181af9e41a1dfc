import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// Shared by the bridge's tests and its benchmark: waiting, a fake model endpoint, a bridge process.

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000, everyMs = 25): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface FakeModel {
  url: string;
  /** The `messages` of every chat-completions request, in order. */
  requests: { role: string; content: string }[][];
  close(): Promise<void>;
}

/** A tiny OpenAI-compatible endpoint: answers "AI: <last user message>" and records what it was sent. */
export async function startFakeModel(expectedKey: string): Promise<FakeModel> {
  const requests: FakeModel["requests"] = [];
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
    req.on("end", () => {
      if (req.url !== "/v1/chat/completions" || req.headers.authorization !== `Bearer ${expectedKey}`) {
        res.writeHead(req.url === "/v1/chat/completions" ? 401 : 404).end();
        return;
      }
      const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
      requests.push(body.messages);
      const last = [...body.messages].reverse().find((m) => m.role === "user")?.content ?? "";
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ choices: [{ message: { role: "assistant", content: `AI: ${last}` } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export interface BridgeProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves once the bridge reports "bridge started". */
  started: Promise<void>;
  exited: Promise<number | null>;
}

const ROOT = path.resolve(import.meta.dirname, "../../..");

/**
 * `scripts/bridge.ts` as a child process of its own (node + tsx loader, no wrapper process to
 * outlive a kill). BRIDGE_NODE_FLAGS adds node flags, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
 * to profile the bridge under the benchmark (node refuses those in NODE_OPTIONS).
 */
export function spawnBridge(env: Record<string, string>): BridgeProcess {
  const nodeFlags = process.env.BRIDGE_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeFlags, "--import", "tsx", path.join(ROOT, "scripts/bridge.ts")], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  let announce: () => void = () => undefined;
  let refuse: (error: Error) => void = () => undefined;
  const started = new Promise<void>((resolve, reject) => {
    announce = resolve;
    refuse = reject;
  });
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) {
      output.push(line);
      if (line.includes('"bridge started"')) announce();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => {
    refuse(new Error(`bridge exited (${code}) before starting:\n${output.slice(-20).join("\n")}`));
    resolve(code);
  }));
  return { child, output, started, exited };
}
