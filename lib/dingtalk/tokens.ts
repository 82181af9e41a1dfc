import { z } from "zod";
import { DingTalkError, type DingTalkCredential } from "./errors";
import type { Call } from "./transport";

/** The two app tokens: oapi's `access_token` and the new host's `x-acs-dingtalk-access-token`. */
export type AppTokenKind = "oapi" | "api";

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

export type TokenFetcher = () => Promise<IssuedToken>;

interface Cached {
  token: string;
  /** When we stop using it (DingTalk's expiry minus the margin), in ms. */
  renewAt: number;
}

export interface TokenManagerOptions {
  refreshMarginSeconds: number;
  now?: () => number;
  onRefresh?: (kind: AppTokenKind, reason: string) => void;
}

/**
 * The app tokens of one client, for both hosts. A token is reused until shortly before it
 * expires; all callers that need a new one at the same moment wait on the same request.
 */
export class TokenManager {
  private readonly cache = new Map<AppTokenKind, Cached>();
  private readonly inFlight = new Map<AppTokenKind, Promise<string>>();
  private readonly now: () => number;

  constructor(
    private readonly fetchers: Record<AppTokenKind, TokenFetcher>,
    private readonly options: TokenManagerOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  /** A token that is valid for a while yet, fetched only when there is none. */
  get(kind: AppTokenKind): Promise<string> {
    const cached = this.cache.get(kind);
    if (cached && this.now() < cached.renewAt) return Promise.resolve(cached.token);
    return this.refresh(kind, cached ? "expiring" : "none cached");
  }

  /**
   * Forgets `token` after DingTalk refused it before its time. Only that token: when many
   * calls were refused together, the first to get here drops it and the rest find its replacement.
   */
  invalidate(kind: AppTokenKind, token: string): void {
    if (this.cache.get(kind)?.token === token) this.cache.delete(kind);
  }

  private refresh(kind: AppTokenKind, reason: string): Promise<string> {
    const running = this.inFlight.get(kind);
    if (running) return running;
    this.options.onRefresh?.(kind, reason);
    const request = this.fetchers[kind]()
      .then(({ token, expiresInSeconds }) => {
        // A lifetime shorter than the margin would make every call fetch a new token: keep half of it.
        const margin = Math.min(this.options.refreshMarginSeconds, expiresInSeconds / 2);
        this.cache.set(kind, { token, renewAt: this.now() + (expiresInSeconds - margin) * 1000 });
        return token;
      })
      .finally(() => this.inFlight.delete(kind));
    this.inFlight.set(kind, request);
    return request;
  }
}

/**
 * Whether DingTalk refused the token itself (as opposed to the call), in any of its forms:
 * oapi `40014`/`40001`/`42001`, topapi `88` with `sub_code` `40014`, api HTTP 400 `InvalidAuthentication`.
 */
export function isTokenRejected(error: unknown): boolean {
  return error instanceof DingTalkError && error.kind === "token-rejected";
}

/** The paths that hand out app tokens; a refusal there is about the app's credentials. */
export const TOKEN_PATHS = { oapi: "/gettoken", api: "/v1.0/oauth2/accessToken" } as const;

const oapiToken = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const apiToken = z.object({ accessToken: z.string().min(1), expireIn: z.coerce.number().positive() });

/**
 * Which credential a refusal of the token request is about, when DingTalk's words say so
 * ("invalid appSecret", "不合法的appKey"). Undefined when they name both or neither.
 */
export function refusedCredential(error: DingTalkError): DingTalkCredential | undefined {
  const text = `${error.code} ${error.message}`;
  const secret = /secret/i.test(text);
  const key = /app_?key|client_?id|corp_?id/i.test(text);
  // "the secret does not match the key" names both but blames the secret.
  const secretMismatch = /secret\s*(与.{0,20}不匹配|错误|does not match|mismatch)/i.test(text);
  if (secret && (!key || secretMismatch)) return "appSecret";
  if (key && !secret) return "appKey";
  return undefined;
}

function markCredential(error: unknown): never {
  if (error instanceof DingTalkError && error.host !== "network" && !error.retryable && error.code !== "INVALID_RESPONSE") {
    throw error.with({ credential: refusedCredential(error) });
  }
  throw error;
}

/** The requests that fetch the app's token on each host. */
export function appTokenFetchers(call: Call, appKey: string, appSecret: string): Record<AppTokenKind, TokenFetcher> {
  return {
    oapi: async () => {
      const r = await call({
        host: "oapi",
        method: "GET",
        path: TOKEN_PATHS.oapi,
        query: { appkey: appKey, appsecret: appSecret },
        schema: oapiToken,
        idempotent: true,
        auth: "none",
      }).catch(markCredential);
      return { token: r.access_token, expiresInSeconds: r.expires_in };
    },
    api: async () => {
      const r = await call({
        host: "api",
        method: "POST",
        path: TOKEN_PATHS.api,
        body: { appKey, appSecret },
        schema: apiToken,
        idempotent: true,
        auth: "none",
      }).catch(markCredential);
      return { token: r.accessToken, expiresInSeconds: r.expireIn };
    },
  };
}
