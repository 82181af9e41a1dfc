import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { z } from "zod";
import { controlRoutes } from "./control/routes";
import { Router, type Route } from "./http/router";
import { contactRoutes } from "./routes/contacts";
import { attendanceRoutes } from "./routes/attendance";
import { calendarRoutes } from "./routes/calendar";
import { departmentRoutes } from "./routes/departments";
import { directoryExtrasRoutes } from "./routes/directory-extras";
import { watchLeavers } from "./directory-extras/leavers";
import { docsRoutes } from "./routes/docs";
import { messagingRoutes } from "./routes/messaging";
import { oauthRoutes } from "./routes/oauth";
import { streamRoutes } from "./routes/stream";
import { tokenRoutes } from "./routes/tokens";
import { workflowRoutes } from "./routes/workflow";
import { EmulatorState } from "./state";
import { attachStreamGateway } from "./stream/gateway";

export interface EmulatorOptions {
  /** 0 picks a free port (the default here; the CLI defaults to 4100). */
  port?: number;
  host?: string;
  users?: number;
  /** Departments besides the root; about one per ten people when absent. */
  departments?: number;
  seed?: number;
  /** Calls per second per app per API. */
  qps?: number;
  /**
   * The org's monthly call quota (metered calls per month, Asia/Shanghai); absent or null: off.
   * DingTalk's standard edition allows 10,000.
   */
  monthlyQuota?: number | null;
  tokenTtlSeconds?: number;
  /** The address browsers and clients reach the emulator by, when not `url`. */
  publicUrl?: string;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT, no trailing slash: the oapi, api and login base at once. */
  url: string;
  port: number;
  appKey: string;
  appSecret: string;
  corpId: string;
  agentId: string;
  controlToken: string;
  close(): Promise<void>;
}

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
  users: z.number().int().min(1).max(1_000_000).default(200),
  departments: z.number().int().min(1).max(200_000).optional(),
  seed: z.number().int().default(1),
  qps: z.number().int().min(0).default(20),
  monthlyQuota: z.number().int().min(0).nullable().default(null),
  tokenTtlSeconds: z.number().int().min(1).default(7200),
  publicUrl: z.url().optional(),
});

/** Every feature module of the emulator; new ones (approvals, calendar, …) join this list. */
function allRoutes(): Route[] {
  return [
    ...tokenRoutes(),
    ...oauthRoutes(),
    ...contactRoutes(),
    ...departmentRoutes(),
    ...directoryExtrasRoutes(),
    ...workflowRoutes(),
    ...calendarRoutes(),
    ...attendanceRoutes(),
    ...docsRoutes(),
    ...messagingRoutes(),
    ...streamRoutes(),
    ...controlRoutes(),
  ];
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const parsed = optionsSchema.safeParse(opts);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid emulator option ${issue.path.join(".")}: ${issue.message}`);
  }
  const options = parsed.data;
  const state = new EmulatorState({
    seed: options.seed,
    users: options.users,
    departments: options.departments,
    qps: options.qps,
    tokenTtlSeconds: options.tokenTtlSeconds,
    monthlyQuota: options.monthlyQuota,
  });
  const controlToken = randomBytes(24).toString("base64url");
  const router = new Router(state, controlToken).add(allRoutes());

  const server = createServer((req, res) => {
    void router.handle(req, res);
  });
  const gateway = attachStreamGateway(server, state);
  watchLeavers(state);
  await listen(server, options.port, options.host);
  const port = (server.address() as AddressInfo).port;
  const host = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  state.publicUrl = (options.publicUrl ?? url).replace(/\/+$/, "");

  return {
    url,
    port,
    appKey: state.credentials.appKey,
    appSecret: state.credentials.appSecret,
    corpId: state.credentials.corpId,
    agentId: state.credentials.agentId,
    controlToken,
    close: () => {
      gateway.close();
      return close(server);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
