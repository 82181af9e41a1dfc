import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import type { LoginIdentity } from "../auth/identity";
import type { FaultError } from "../faults";
import type { EmulatorState } from "../state";
import { BodyError, readBody } from "./body";
import { ApiError, OapiError, apiErrors, oapiErrors } from "./errors";
import { newRequestId } from "./request-id";

/** How a route answers: oapi envelope, api envelope, an HTML page, or the control API. */
export type RouteStyle = "oapi" | "api" | "html" | "control";
/** What a caller must present: nothing, an app token, a user token, or the control token. */
export type RouteAuth = "none" | "app" | "user" | "control";
export type Method = "GET" | "POST" | "PUT" | "DELETE";

export interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly params: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** The peer's IP address (IPv4-mapped IPv6 unwrapped), for allow-lists. */
  readonly remoteAddress: string;
  /** Parsed JSON or form body; undefined when the request had none. */
  readonly body: unknown;
  readonly requestId: string;
  readonly state: EmulatorState;
  /** The app whose token was presented (routes with auth "app" or "user"). */
  readonly appKey: string | null;
  /** The person behind a user token (routes with auth "user"). */
  readonly identity: LoginIdentity | null;
}

export type Reply =
  | { type: "json"; status: number; body: unknown }
  | { type: "html"; status: number; html: string }
  | { type: "redirect"; location: string };

export const reply = {
  json: (body: unknown, status = 200): Reply => ({ type: "json", status, body }),
  html: (html: string, status = 200): Reply => ({ type: "html", status, html }),
  redirect: (location: string): Reply => ({ type: "redirect", location }),
};

export interface Route {
  readonly method: Method;
  /** "/topapi/v2/user/get" or with parameters: "/v1.0/contact/users/:unionId". */
  readonly path: string;
  readonly style: RouteStyle;
  readonly auth: RouteAuth;
  /**
   * Which app the QPS limit counts the call against. Defaults to the token's app; token
   * endpoints name the app key they were given. Return null to skip the limit.
   */
  readonly rateLimitKey?: (ctx: RequestContext) => string | null;
  /**
   * Whether an accepted call counts against the org's monthly call quota. Every oapi and api
   * route does unless it says false: the token endpoints and the robot webhooks (robot tokens,
   * not the app's) are not metered.
   */
  readonly metered?: boolean;
  handler(ctx: RequestContext): Reply | Promise<Reply>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function styleOfPath(path: string): RouteStyle {
  if (path.startsWith("/__control")) return "control";
  if (/^\/v\d+\.\d+\//.test(path)) return "api";
  if (path.startsWith("/oauth2/")) return "html";
  return "oapi";
}

/**
 * The emulator's whole request pipeline: request id, call stats, injected faults, body,
 * token check, QPS limit, monthly quota, handler, and the host's envelope for whatever comes out.
 * `stats` counts every request that arrives; the quota counts only the metered calls that passed
 * the token check, the QPS limit and the quota (what DingTalk bills the org for).
 */
export class Router {
  private readonly exact = new Map<string, Route>();
  private readonly patterns: CompiledRoute[] = [];

  constructor(
    private readonly state: EmulatorState,
    private readonly controlToken: string,
  ) {}

  add(routes: readonly Route[]): this {
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (!route.path.includes(":")) {
        if (this.exact.has(key)) throw new Error(`route registered twice: ${key}`);
        this.exact.set(key, route);
      } else {
        this.patterns.push({ route, segments: route.path.split("/") });
      }
    }
    return this;
  }

  private match(method: string, path: string): { route: Route; params: Record<string, string> } | null {
    const exact = this.exact.get(`${method} ${path}`);
    if (exact) return { route: exact, params: {} };
    const parts = path.split("/");
    for (const { route, segments } of this.patterns) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        if (segments[i].startsWith(":")) {
          if (parts[i] === "") ok = false;
          else params[segments[i].slice(1)] = decodeURIComponent(parts[i]);
        } else if (segments[i] !== parts[i]) ok = false;
      }
      if (ok) return { route, params };
    }
    return null;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const path = url.pathname;
    const matched = this.match(method, path);
    const style = matched?.route.style ?? styleOfPath(path);
    const requestId = newRequestId(style === "oapi" ? "oapi" : "api");
    res.setHeader("x-acs-request-id", requestId);
    const state = this.state;

    try {
      if (style !== "control") {
        state.stats.record(method, path);
        const fault = state.faults.apply(method, path);
        if (fault) {
          if (fault.latencyMs > 0) await sleep(fault.latencyMs);
          if (fault.drop) {
            req.socket.destroy();
            return;
          }
          if (fault.error) return this.sendFault(res, requestId, fault.error);
        }
      }
      if (!matched) throw style === "oapi" ? oapiErrors.notFound() : apiErrors.notFound();

      let body: unknown;
      try {
        body = method === "GET" ? undefined : await readBody(req);
      } catch (error) {
        if (error instanceof BodyError && error.tooLarge) throw new ApiError(413, "RequestTooLarge", error.message);
        throw style === "oapi" ? oapiErrors.badJson() : apiErrors.badJson();
      }

      const { route, params } = matched;
      const auth = this.authenticate(route, req.headers, url.searchParams, body);
      const ctx: RequestContext = {
        method, path, query: url.searchParams, params, headers: req.headers, body, requestId, state,
        remoteAddress: (req.socket.remoteAddress ?? "").replace(/^::ffff:/, ""),
        appKey: auth.appKey, identity: auth.identity,
      };
      if (style === "oapi" || style === "api") {
        const limitKey = route.rateLimitKey ? route.rateLimitKey(ctx) : ctx.appKey;
        if (limitKey !== null) {
          // Per API: the route's pattern, so one person's calendar is not a limit of its own.
          const verdict = state.qps.take(limitKey, route.path, state.clock.now());
          if (!verdict.allowed) {
            throw style === "oapi" ? oapiErrors.tooFrequent(verdict.limit) : apiErrors.throttled(verdict.limit, state.qps.apiRefusal);
          }
        }
        if (route.metered !== false) {
          const verdict = state.quota.take(path, state.clock.now());
          if (!verdict.allowed) {
            throw style === "oapi"
              ? oapiErrors.quotaExceeded(verdict.attempted, verdict.quota)
              : apiErrors.quotaExceeded(verdict.attempted, verdict.quota);
          }
        }
      }
      this.send(res, style, requestId, await route.handler(ctx));
    } catch (error) {
      this.sendError(res, style, requestId, error);
    }
  }

  private authenticate(
    route: Route, headers: IncomingHttpHeaders, query: URLSearchParams, body: unknown,
  ): { appKey: string | null; identity: LoginIdentity | null } {
    const none = { appKey: null, identity: null };
    if (route.auth === "none") return none;
    if (route.auth === "control") {
      const expected = `Bearer ${this.controlToken}`;
      if (headers.authorization !== expected) {
        throw new ApiError(401, "Unauthorized", "控制接口需要请求头 authorization: Bearer <EMULATOR_CONTROL_TOKEN>");
      }
      return none;
    }
    const oapi = route.style === "oapi";
    const formToken = body && typeof body === "object" && "access_token" in body ? String((body as Record<string, unknown>).access_token) : null;
    const token = oapi ? (query.get("access_token") ?? formToken) : headerValue(headers["x-acs-dingtalk-access-token"]);
    if (!token) throw oapi ? oapiErrors.missingToken() : apiErrors.missingToken();
    // topapi wraps a refused token (unknown or expired) as errcode 88; older oapi paths answer 40014 / 42001.
    const topapi = oapi && route.path.startsWith("/topapi/");
    const check = this.state.tokens.check(token);
    if (!check.ok) {
      if (!oapi) throw apiErrors.invalidToken();
      if (topapi) throw oapiErrors.topapiInvalidToken();
      throw check.reason === "expired" ? oapiErrors.expiredToken() : oapiErrors.invalidToken();
    }
    if (route.auth === "user" && check.kind !== "user") throw apiErrors.notUserToken();
    if (route.auth === "app" && check.kind !== "app") {
      throw topapi ? oapiErrors.topapiInvalidToken() : oapi ? oapiErrors.invalidToken() : apiErrors.notAppToken();
    }
    return { appKey: check.appKey, identity: check.identity };
  }

  private send(res: ServerResponse, style: RouteStyle, requestId: string, out: Reply): void {
    if (out.type === "redirect") {
      res.writeHead(302, { location: out.location, "cache-control": "no-store" });
      res.end();
      return;
    }
    if (out.type === "html") {
      res.writeHead(out.status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      res.end(out.html);
      return;
    }
    let body = out.body;
    if (style === "oapi" && isPlainObject(body)) body = { errcode: 0, errmsg: "ok", ...body, request_id: requestId };
    writeJson(res, out.status, body);
  }

  private sendFault(res: ServerResponse, requestId: string, error: FaultError): void {
    if ("errcode" in error) {
      const { errcode, errmsg, ...extra } = error;
      writeJson(res, 200, { errcode, errmsg: errmsg ?? "系统繁忙", ...extra, request_id: requestId });
    } else {
      writeJson(res, error.status, { code: error.code, message: error.message ?? error.code, requestid: requestId });
    }
  }

  private sendError(res: ServerResponse, style: RouteStyle, requestId: string, error: unknown): void {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof OapiError) {
      writeJson(res, 200, { errcode: error.errcode, errmsg: error.errmsg, ...error.extra, request_id: requestId });
      return;
    }
    if (error instanceof ApiError) {
      if (style === "html") {
        res.writeHead(error.status, { "content-type": "text/plain; charset=utf-8" });
        res.end(`${error.code}: ${error.message}`);
        return;
      }
      writeJson(res, error.status, { code: error.code, message: error.message, requestid: requestId, ...error.extra });
      return;
    }
    console.error(`[emulator] ${requestId} unexpected error:`, error);
    if (style === "oapi") writeJson(res, 200, { errcode: -1, errmsg: "系统繁忙", request_id: requestId });
    else writeJson(res, 500, { code: "systemError", message: "系统错误", requestid: requestId });
  }
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value && value.length > 0 ? value : null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function writeJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json;charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
