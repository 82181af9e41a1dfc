/** Where an error came from: one of DingTalk's two hosts, or the network in between. */
export type DingTalkHost = "oapi" | "api" | "network";

/** A credential DingTalk refused when the client asked for an app token. */
export type DingTalkCredential = "appKey" | "appSecret";

/**
 * What a failure means, whatever form it came in: DingTalk's two hosts (and oapi's old and
 * `/topapi/` paths) spell the same refusal differently, so `code` stays DingTalk's own and `kind`
 * is the normalised meaning that callers and pages key on.
 * - `quota-exhausted`: the org's monthly call quota is spent (oapi `90020`, api HTTP 403
 *   `Forbidden.AccessDenied.ApiCountLimitForOrg`). Never retried; calls resume on the 1st of the
 *   month (Asia/Shanghai). `isQuotaRefusal` tests for it.
 * - `token-rejected`: the app token was refused before its time (oapi `40014`/`40001`/`42001`,
 *   topapi `88` with `sub_code` `40014`, api HTTP 400 `InvalidAuthentication`). The transport
 *   renews the token once and repeats the call once.
 * - `rate-limited`: refused for going too fast (oapi `90018`/`90002`/`90006`/`130101`…, api HTTP
 *   403 `Forbidden.AccessDenied.QpsLimit*`). Retried with backoff.
 * - `busy` (oapi `-1`, HTTP 503) and `server-error` (oapi `88004`, HTTP 5xx): DingTalk failed.
 * - `network`: no reply (timeout, refused connection); `invalid-response`: a reply of the wrong shape.
 * - `final`: any other refusal (bad parameter, not found, no permission).
 * DingTalk did not run (and did not meter) a call refused as `quota-exhausted`, `token-rejected`
 * or `rate-limited`.
 */
export type DingTalkErrorKind =
  | "quota-exhausted"
  | "token-rejected"
  | "rate-limited"
  | "busy"
  | "server-error"
  | "network"
  | "invalid-response"
  | "final";

/** The kinds a reply from DingTalk itself can have (not `network` or `invalid-response`). */
export type ReplyKind = Exclude<DingTalkErrorKind, "network" | "invalid-response">;

// oapi errcodes, by meaning. On `/topapi/` paths DingTalk may wrap them as errcode 88 with the
// meaningful code in `sub_code`; both forms are looked up here.
const OAPI_QUOTA = new Set([90020]);
const OAPI_TOKEN_REJECTED = new Set([40014, 40001, 42001]);
// Refused for going too fast: the call did not run, so it is safe to repeat.
const OAPI_RATE_LIMITED = new Set([90002, 90005, 90006, 90010, 90018, 130101]);
// "System busy": DingTalk turned the call away before doing anything.
const OAPI_BUSY = new Set([-1]);
// "Server internal error": the call may have run.
const OAPI_SERVER_ERROR = new Set([88004]);
// topapi's wrapper code: the meaning is in sub_code.
const TOPAPI_WRAPPED = 88;

/** What an oapi errcode (with topapi's `sub_code`, when there is one) means. */
export function classifyOapiCode(errcode: number, subCode?: string): ReplyKind {
  const sub = subCode !== undefined && /^-?\d+$/.test(subCode.trim()) ? Number(subCode) : undefined;
  const code = errcode === TOPAPI_WRAPPED && sub !== undefined ? sub : errcode;
  if (OAPI_QUOTA.has(code)) return "quota-exhausted";
  if (OAPI_TOKEN_REJECTED.has(code)) return "token-rejected";
  if (OAPI_RATE_LIMITED.has(code)) return "rate-limited";
  if (OAPI_BUSY.has(code)) return "busy";
  if (OAPI_SERVER_ERROR.has(code)) return "server-error";
  return "final";
}

/** What an api (new host) HTTP error means, from its status and `code`. */
export function classifyApiStatus(status: number, code?: string): ReplyKind {
  if (code === "Forbidden.AccessDenied.ApiCountLimitForOrg") return "quota-exhausted";
  // DingTalk answers 400; 401 is what other gateways use for the same thing.
  if (code === "InvalidAuthentication" && (status === 400 || status === 401)) return "token-rejected";
  if (code !== undefined && code.startsWith("Forbidden.AccessDenied.QpsLimit")) return "rate-limited";
  if (status === 429 || (code !== undefined && /^Throttling/i.test(code))) return "rate-limited";
  if (status === 503) return "busy";
  if (status >= 500) return "server-error";
  return "final";
}

function defaultKind(init: DingTalkErrorInit): DingTalkErrorKind {
  if (init.host === "network") return "network";
  if (init.code === "INVALID_RESPONSE") return "invalid-response";
  if (init.host === "oapi" && /^-?\d+$/.test(init.code) && (init.httpStatus ?? 200) === 200) {
    const kind = classifyOapiCode(Number(init.code), init.subCode);
    if (kind !== "final") return kind;
  }
  if (init.host === "api" && init.httpStatus !== undefined) {
    const kind = classifyApiStatus(init.httpStatus, init.code);
    if (kind !== "final") return kind;
  }
  return init.rateLimited ? "rate-limited" : "final";
}

export interface DingTalkErrorInit {
  /** DingTalk's own code (oapi errcode as text, api `code`), or ours for network and shape failures. */
  code: string;
  message: string;
  /** What the failure means; derived from host, code and status when not given. */
  kind?: DingTalkErrorKind;
  /** topapi's `sub_code` when DingTalk wrapped the error as errcode 88. */
  subCode?: string;
  host: DingTalkHost;
  retryable: boolean;
  httpStatus?: number;
  requestId?: string;
  /** Set on writes that may have reached DingTalk before the failure: nobody knows whether they took effect. */
  outcome?: "unknown";
  credential?: DingTalkCredential;
  /** Scopes DingTalk says the app lacks (api 403 `accessdenieddetail.requiredScopes`). */
  requiredScopes?: string[];
  /** The base URL and path of the call, for messages such as "cannot reach <base>". */
  base?: string;
  path?: string;
  /** True when DingTalk refused the call for going over its rate limit. */
  rateLimited?: boolean;
  cause?: unknown;
}

/** The one error the DingTalk client throws, whatever went wrong. */
// A bundler may load this module more than once (Next.js keeps separate copies for route
// handlers and server rendering) while one client is shared through globalThis, so
// `instanceof` checks a brand rather than the class identity.
const ERROR_BRAND = Symbol.for("dingtalk-console.DingTalkError");
const CONFIG_ERROR_BRAND = Symbol.for("dingtalk-console.DingTalkConfigError");

function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

export class DingTalkError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, ERROR_BRAND);
  }

  readonly [ERROR_BRAND] = true;
  readonly code: string;
  readonly kind: DingTalkErrorKind;
  readonly subCode?: string;
  readonly host: DingTalkHost;
  readonly retryable: boolean;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly outcome?: "unknown";
  readonly credential?: DingTalkCredential;
  readonly requiredScopes?: string[];
  readonly base?: string;
  readonly path?: string;
  readonly rateLimited: boolean;

  constructor(init: DingTalkErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "DingTalkError";
    this.code = init.code;
    this.kind = init.kind ?? defaultKind(init);
    this.subCode = init.subCode;
    this.host = init.host;
    this.retryable = init.retryable;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.outcome = init.outcome;
    this.credential = init.credential;
    this.requiredScopes = init.requiredScopes;
    this.base = init.base;
    this.path = init.path;
    this.rateLimited = init.rateLimited ?? this.kind === "rate-limited";
  }

  /** A copy with some fields changed (errors are immutable once thrown). */
  with(changes: Partial<DingTalkErrorInit>): DingTalkError {
    return new DingTalkError({ ...this.toInit(), ...changes });
  }

  toInit(): DingTalkErrorInit {
    return {
      code: this.code,
      message: this.message,
      kind: this.kind,
      subCode: this.subCode,
      host: this.host,
      retryable: this.retryable,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      outcome: this.outcome,
      credential: this.credential,
      requiredScopes: this.requiredScopes,
      base: this.base,
      path: this.path,
      rateLimited: this.rateLimited,
      cause: this.cause,
    };
  }

  /** The fields worth logging or returning from an action; no stack, no secrets. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      kind: this.kind,
      subCode: this.subCode,
      message: this.message,
      host: this.host,
      httpStatus: this.httpStatus,
      requestId: this.requestId,
      retryable: this.retryable,
      outcome: this.outcome,
      credential: this.credential,
      requiredScopes: this.requiredScopes,
      path: this.path,
    };
  }
}

export function isDingTalkError(error: unknown): error is DingTalkError {
  return error instanceof DingTalkError;
}

/**
 * Whether DingTalk refused a call because the org's monthly call quota is spent (oapi `90020`,
 * api HTTP 403 `Forbidden.AccessDenied.ApiCountLimitForOrg`), also when that refusal is the
 * `cause` of another error. Such a call is never retried: work that needs DingTalk stops until
 * the month turns (Asia/Shanghai); what was read into the database still works.
 */
export function isQuotaRefusal(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 8 && current !== null && current !== undefined; depth++) {
    if (current instanceof DingTalkError) return current.kind === "quota-exhausted";
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}

/** A client built with settings that cannot work; the message names each field to fix. */
export class DingTalkConfigError extends Error {
  static [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, CONFIG_ERROR_BRAND);
  }

  readonly [CONFIG_ERROR_BRAND] = true;
  readonly code = "DINGTALK_CONFIG_INVALID";
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`DingTalk client settings are invalid: ${problems.join("; ")}`);
    this.name = "DingTalkConfigError";
    this.problems = problems;
  }
}
