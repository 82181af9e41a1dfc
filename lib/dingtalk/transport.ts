import { z } from "zod";
import type { TransportConfig } from "./config";
import type { DebugLog } from "./debug-log";
import { classifyApiStatus, classifyOapiCode, DingTalkError } from "./errors";
import { isMetered, noteMeteredCall, type CallMeter } from "./meter";
import type { PathRateLimiter } from "./rate-limit";
import { isRetryableKind, withRetry, type FailureKind } from "./retry";
import { isTokenRejected, type AppTokenKind, type TokenManager } from "./tokens";

export type HostKind = "oapi" | "api";
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type QueryValue = string | number | boolean | undefined | null;

/** Who the call acts as: the app (its token for that host), nobody (token and login calls), or a signed-in person. */
export type CallAuth = "app" | "none" | { userToken: string };

export interface CallOptions<S extends z.ZodType> {
  host: HostKind;
  method: HttpMethod;
  /** Path on the host, without query, e.g. `/topapi/v2/user/get`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** The shape of a successful reply body; the result is what it parses to. */
  schema: S;
  /**
   * Whether repeating the call is harmless. Every call says so explicitly: a write that may have
   * reached DingTalk is never repeated, and its failure is reported with `outcome: "unknown"`.
   */
  idempotent: boolean;
  auth?: CallAuth;
  /** Rate-limit bucket when the path holds ids (e.g. calendar's `/users/{unionId}/...`). */
  rateKey?: string;
  timeoutMs?: number;
}

export type Call = <S extends z.ZodType>(options: CallOptions<S>) => Promise<z.output<S>>;

/**
 * Every oapi reply: errcode 0 means success, anything else is an error, all with HTTP 200.
 * `/topapi/` paths may wrap an error as errcode 88 with the real code in `sub_code`.
 */
const oapiEnvelope = z.object({
  errcode: z.coerce.number().optional(),
  errmsg: z.string().optional(),
  sub_code: z.coerce.string().optional(),
  sub_msg: z.string().optional(),
  request_id: z.string().optional(),
});

/** An api (new host) error body. */
const apiErrorBody = z.object({
  code: z.string().optional(),
  message: z.string().optional(),
  requestid: z.string().optional(),
  requestId: z.string().optional(),
  accessdenieddetail: z.object({ requiredScopes: z.array(z.string()).optional() }).loose().optional(),
});

/** A helper for oapi `result` replies: `oapiResult(schema)` parses `{result: ...}` and yields the result. */
export function oapiResult<S extends z.ZodType>(schema: S) {
  return z.object({ result: schema }).transform((v) => (v as unknown as { result: z.output<S> }).result);
}

// Refusals DingTalk does not count against the quota: it did not run the call.
const UNMETERED_REFUSALS = new Set<string>(["token-rejected", "rate-limited", "quota-exhausted"]);

// fetch's failure causes that prove the request never left this machine.
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "ERR_INVALID_URL"]);

function causeCode(error: unknown): string | undefined {
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause && typeof cause === "object") {
    const c = cause as { code?: unknown; errors?: unknown };
    if (typeof c.code === "string") return c.code;
    if (Array.isArray(c.errors)) {
      const first = c.errors.find((e): e is { code: string } => typeof (e as { code?: unknown })?.code === "string");
      if (first) return first.code;
    }
  }
  const own = (error as { code?: unknown } | null)?.code;
  return typeof own === "string" ? own : undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || (error.name === "AbortError" && /timeout/i.test(String(error.message))));
}

/** A failed token request has already been retried on its own; the call must not multiply that. */
function settled(error: unknown): never {
  throw error instanceof DingTalkError && error.retryable ? error.with({ retryable: false }) : error;
}

interface CallContext {
  id: number;
  attempt: number;
  base: string;
  url: string;
}

export interface TransportDeps {
  config: TransportConfig;
  log: DebugLog;
  limiter?: PathRateLimiter;
  fetch: typeof fetch;
  /**
   * The app's tokens, for calls with `auth: "app"`. A transport without them makes only
   * token-less calls: the token manager fetches its tokens through such a transport.
   */
  tokens?: TokenManager;
  /** Told of every request sent and every call that failed for good. */
  meter?: CallMeter;
}

/**
 * One request to DingTalk, as both hosts want it: authentication, rate limit, timeout,
 * error mapping, retry and the token refresh-and-retry-once. Domain modules only say what to call.
 */
export class Transport {
  constructor(private readonly deps: TransportDeps) {}

  baseOf(host: HostKind): string {
    return host === "oapi" ? this.deps.config.oapiBase : this.deps.config.apiBase;
  }

  readonly call: Call = (options) => {
    const id = this.deps.log.newId();
    const state = { tokenRetried: false };
    const called = withRetry((attempt) => this.attempt(options, id, attempt, state), {
      policy: this.deps.config.retry,
      onRetry: (error, attempt, delayMs) => this.deps.log.retry(id, attempt, options.method, this.baseOf(options.host) + options.path, delayMs, error.code),
    });
    const meter = this.deps.meter;
    if (!meter) return called;
    return called.then(
      (result) => {
        meter.succeeded?.(options);
        return result;
      },
      (error: unknown) => {
        meter.failed?.(options, error);
        throw error;
      },
    );
  };

  private async attempt<S extends z.ZodType>(options: CallOptions<S>, id: number, attempt: number, state: { tokenRetried: boolean }): Promise<z.output<S>> {
    const auth = options.auth ?? "app";
    if (auth !== "app") return this.counted(options, () => this.send(options, id, attempt, undefined));
    const kind: AppTokenKind = options.host;
    const tokens = this.requireTokens();
    const token = await tokens.get(kind).catch(settled);
    try {
      return await this.counted(options, () => this.send(options, id, attempt, token));
    } catch (error) {
      // A token can be refused before its time (revoked, or DingTalk's clock differs): renew it once.
      if (state.tokenRetried || !isTokenRejected(error)) throw error;
      state.tokenRetried = true;
      tokens.invalidate(kind, token);
      this.deps.log.token(kind, "invalidate", (error as DingTalkError).code);
      const renewed = await tokens.get(kind).catch(settled);
      return this.counted(options, () => this.send(options, id, attempt, renewed));
    }
  }

  /**
   * One request, counted when it has been answered: DingTalk meters what it ran, so a request that
   * never left is not counted, and one it refused without running it (a bad token, too fast, the
   * quota spent) is counted apart from the metered ones.
   */
  private async counted<T>(options: CallOptions<z.ZodType>, send: () => Promise<T>): Promise<T> {
    try {
      const result = await send();
      this.count(options, true);
      return result;
    } catch (error) {
      if (!(error instanceof DingTalkError && error.code === "UNREACHABLE")) this.count(options, !(error instanceof DingTalkError && UNMETERED_REFUSALS.has(error.kind)));
      throw error;
    }
  }

  private count(options: CallOptions<z.ZodType>, ran: boolean): void {
    const metered = ran && isMetered(options);
    if (metered) noteMeteredCall();
    this.deps.meter?.record(options, metered);
  }

  private requireTokens(): TokenManager {
    if (!this.deps.tokens) throw new Error("Transport has no token manager; build it with createDingTalkClient");
    return this.deps.tokens;
  }

  private async send<S extends z.ZodType>(options: CallOptions<S>, id: number, attempt: number, appToken: string | undefined): Promise<z.output<S>> {
    const { config, log, limiter } = this.deps;
    const base = this.baseOf(options.host);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(options.query ?? {})) if (v !== undefined && v !== null) params.set(k, String(v));
    if (options.host === "oapi" && appToken) params.set("access_token", appToken);
    const qs = params.toString();
    const url = `${base}${options.path}${qs ? `?${qs}` : ""}`;
    const headers: Record<string, string> = { accept: "application/json" };
    const hasBody = options.body !== undefined && options.method !== "GET";
    if (hasBody) headers["content-type"] = "application/json";
    const auth = options.auth ?? "app";
    if (options.host === "api" && appToken) headers["x-acs-dingtalk-access-token"] = appToken;
    if (typeof auth === "object") headers["x-acs-dingtalk-access-token"] = auth.userToken;

    if (limiter && config.rateLimit) await limiter.acquire(options.rateKey ?? options.path);

    const ctx: CallContext = { id, attempt, base, url };
    log.request(id, attempt, options.method, url, headers, hasBody ? options.body : undefined);
    const started = Date.now();
    let response: Response;
    let text: string;
    try {
      response = await this.deps.fetch(url, {
        method: options.method,
        headers,
        body: hasBody ? JSON.stringify(options.body) : undefined,
        signal: AbortSignal.timeout(options.timeoutMs ?? config.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const failure = this.networkError(error, options, ctx, options.timeoutMs ?? config.timeoutMs);
      log.failure(id, attempt, options.method, url, Date.now() - started, `${failure.code}: ${failure.message}`);
      throw failure;
    }

    const headerRequestId = response.headers.get("x-acs-request-id") ?? undefined;
    let json: unknown = {};
    let jsonOk = true;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        jsonOk = false;
      }
    }
    const envelope = oapiEnvelope.safeParse(json);
    const requestId = (envelope.success ? envelope.data.request_id : undefined) ?? headerRequestId;
    log.response(id, attempt, options.method, url, response.status, Date.now() - started, requestId, jsonOk ? json : text.slice(0, 500));

    if (options.host === "oapi") {
      if (response.status !== 200) throw this.httpError(response.status, jsonOk ? json : undefined, options, ctx, requestId);
      if (!jsonOk || !envelope.success) throw this.invalidResponse(options, ctx, requestId, "the reply is not JSON");
      const errcode = envelope.data.errcode ?? 0;
      if (errcode !== 0) throw this.oapiError(errcode, envelope.data, options, ctx, requestId);
    } else if (!response.ok) {
      throw this.httpError(response.status, jsonOk ? json : undefined, options, ctx, requestId);
    } else if (!jsonOk) {
      throw this.invalidResponse(options, ctx, requestId, "the reply is not JSON");
    }

    const parsed = options.schema.safeParse(json);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.map(String).join(".") || "(body)"}: ${i.message}`)
        .join("; ");
      throw this.invalidResponse(options, ctx, requestId, detail);
    }
    return parsed.data as z.output<S>;
  }

  private failure(kind: FailureKind, idempotent: boolean): { kind: FailureKind; retryable: boolean; outcome?: "unknown"; rateLimited: boolean } {
    const retryable = isRetryableKind(kind, idempotent);
    return { kind, retryable, outcome: kind === "server-error" && !idempotent ? "unknown" : undefined, rateLimited: kind === "rate-limited" };
  }

  private oapiError(errcode: number, reply: z.infer<typeof oapiEnvelope>, options: CallOptions<z.ZodType>, ctx: CallContext, requestId: string | undefined): DingTalkError {
    const subCode = reply.sub_code || undefined;
    return new DingTalkError({
      code: String(errcode),
      subCode,
      // topapi's errmsg around a sub_code is a wrapper ("ding talk error[subcode=…]"); sub_msg is the reason.
      message: (subCode && reply.sub_msg) || reply.errmsg || `DingTalk error ${errcode}`,
      host: "oapi",
      httpStatus: 200,
      requestId,
      base: ctx.base,
      path: options.path,
      ...this.failure(classifyOapiCode(errcode, subCode), options.idempotent),
    });
  }

  private httpError(status: number, json: unknown, options: CallOptions<z.ZodType>, ctx: CallContext, requestId: string | undefined): DingTalkError {
    const body = apiErrorBody.safeParse(json ?? {});
    const data = body.success ? body.data : {};
    const code = data.code || `HTTP_${status}`;
    const kind = options.host === "api" ? classifyApiStatus(status, data.code) : status >= 500 ? "server-error" : status === 429 ? "rate-limited" : "final";
    return new DingTalkError({
      code,
      message: data.message || `DingTalk answered HTTP ${status}`,
      host: options.host,
      httpStatus: status,
      requestId: data.requestid ?? data.requestId ?? requestId,
      requiredScopes: data.accessdenieddetail?.requiredScopes,
      base: ctx.base,
      path: options.path,
      ...this.failure(kind, options.idempotent),
    });
  }

  private invalidResponse(options: CallOptions<z.ZodType>, ctx: CallContext, requestId: string | undefined, detail: string): DingTalkError {
    return new DingTalkError({
      code: "INVALID_RESPONSE",
      message: `DingTalk's reply to ${options.method} ${options.path} was not what the client expects: ${detail}`,
      host: options.host,
      requestId,
      base: ctx.base,
      path: options.path,
      retryable: false,
    });
  }

  private networkError(error: unknown, options: CallOptions<z.ZodType>, ctx: CallContext, timeoutMs: number): DingTalkError {
    const code = causeCode(error);
    const notSent = code !== undefined && NOT_SENT.has(code);
    const timedOut = isTimeout(error);
    // Once the request may have left, a write might have been carried out: it is not repeated.
    const maybeArrived = !notSent;
    const unknown = maybeArrived && !options.idempotent;
    const message = timedOut
      ? `DingTalk at ${ctx.base} did not answer ${options.method} ${options.path} within ${timeoutMs} ms`
      : notSent
        ? `Cannot reach DingTalk at ${ctx.base} (${code})`
        : `The connection to DingTalk at ${ctx.base} failed during ${options.method} ${options.path}${code ? ` (${code})` : ""}`;
    return new DingTalkError({
      code: timedOut ? "TIMEOUT" : notSent ? "UNREACHABLE" : "NETWORK_ERROR",
      message,
      host: "network",
      base: ctx.base,
      path: options.path,
      retryable: !unknown,
      outcome: unknown ? "unknown" : undefined,
      cause: error,
    });
  }
}
