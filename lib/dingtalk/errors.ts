/** Where an error came from: one of DingTalk's two hosts, or the network in between. */
export type DingTalkHost = "oapi" | "api" | "network";

/** A credential DingTalk refused when the client asked for an app token. */
export type DingTalkCredential = "appKey" | "appSecret";

export interface DingTalkErrorInit {
  code: string;
  message: string;
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
    this.host = init.host;
    this.retryable = init.retryable;
    this.httpStatus = init.httpStatus;
    this.requestId = init.requestId;
    this.outcome = init.outcome;
    this.credential = init.credential;
    this.requiredScopes = init.requiredScopes;
    this.base = init.base;
    this.path = init.path;
    this.rateLimited = init.rateLimited ?? false;
  }

  /** A copy with some fields changed (errors are immutable once thrown). */
  with(changes: Partial<DingTalkErrorInit>): DingTalkError {
    return new DingTalkError({ ...this.toInit(), ...changes });
  }

  toInit(): DingTalkErrorInit {
    return {
      code: this.code,
      message: this.message,
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
