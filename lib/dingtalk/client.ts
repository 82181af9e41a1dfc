import { createWorkflow, type Workflow } from "./workflow";
import { createCalendar, type Calendar } from "./calendar";
import { createAttendance, type Attendance } from "./attendance";
import { createDocs, type Docs } from "./docs";
import { createRobot, type Robot } from "./robot";
import { createNotify, type Notify } from "./notify";
import { createChat, type Chat } from "./chat";
import { createStream, type Stream } from "./stream";
import { parseClientConfig, qpsFor, type DingTalkClientConfig, type DingTalkClientOptions } from "./config";
import { createContacts, type Contacts } from "./contacts";
import { consoleDebugLogger, DebugLog } from "./debug-log";
import { createDepartments, type Departments } from "./departments";
import { createOAuth, type OAuth } from "./oauth";
import { PathRateLimiter } from "./rate-limit";
import { appTokenFetchers, TokenManager, type AppTokenKind } from "./tokens";
import { Transport, type Call, type TransportDeps } from "./transport";

/** Everything the console asks of DingTalk, sharing one set of tokens and one rate limiter. */
export interface DingTalkClient {
  readonly appKey: string;
  readonly agentId?: string;
  readonly oapiBase: string;
  readonly apiBase: string;
  readonly loginBase: string;
  readonly contacts: Contacts;
  readonly departments: Departments;
  readonly oauth: OAuth;
  readonly workflow: Workflow;
  readonly calendar: Calendar;
  readonly attendance: Attendance;
  readonly docs: Docs;
  readonly robot: Robot;
  readonly notify: Notify;
  readonly chat: Chat;
  readonly stream: Stream;
  /** Any DingTalk call, for domain modules built on this client. */
  readonly call: Call;
  /** The app token for a host, fetched or cached. */
  appToken(kind: AppTokenKind): Promise<string>;
}

/** Builds a client; throws a `DingTalkConfigError` naming each bad setting. */
export function createDingTalkClient(options: DingTalkClientOptions): DingTalkClient {
  const config: DingTalkClientConfig = parseClientConfig(options);
  const log = new DebugLog(config.logger ?? (config.debug ? consoleDebugLogger : undefined));
  // DingTalk counts calls by when they arrive; a little slack absorbs network jitter.
  const limiter = new PathRateLimiter((path) => qpsFor(config, path), { safetyMs: 50 });
  const deps = { config, log, limiter, fetch: config.fetch ?? ((input, init) => fetch(input, init)), meter: config.meter } satisfies TransportDeps;
  // The token requests go through a transport of their own, without tokens: the one that needs
  // tokens is given its manager when it is made, and nothing points back.
  const tokens = new TokenManager(appTokenFetchers(new Transport(deps).call, config.appKey, config.appSecret), {
    refreshMarginSeconds: config.refreshMarginSeconds,
    onRefresh: (kind, reason) => log.token(kind, "refresh", reason),
  });
  const transport = new Transport({ ...deps, tokens });

  return {
    appKey: config.appKey,
    agentId: config.agentId,
    oapiBase: config.oapiBase,
    apiBase: config.apiBase,
    loginBase: config.loginBase,
    contacts: createContacts(transport.call),
    departments: createDepartments(transport.call),
    oauth: createOAuth(transport.call, config),
    workflow: createWorkflow(transport.call),
    calendar: createCalendar(transport.call),
    attendance: createAttendance(transport.call),
    docs: createDocs(transport.call),
    robot: createRobot(transport.call, config),
    notify: createNotify(transport.call, config),
    chat: createChat(transport.call),
    stream: createStream(transport.call, config),
    call: transport.call,
    appToken: (kind) => tokens.get(kind),
  };
}
