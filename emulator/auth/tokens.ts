import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import type { LoginIdentity } from "./identity";

/** oapi tokens come from /gettoken, api tokens from /v1.0/oauth2/accessToken; both are app tokens. */
export type AppTokenStyle = "oapi" | "api";
export type TokenKind = "app" | "user";

interface IssuedToken {
  readonly token: string;
  readonly kind: TokenKind;
  readonly appKey: string;
  expiresAt: number;
  revoked: boolean;
  readonly identity: LoginIdentity | null;
}

interface RefreshGrant {
  readonly appKey: string;
  readonly identity: LoginIdentity;
  readonly expiresAt: number;
}

export type TokenCheck =
  | { ok: true; kind: TokenKind; appKey: string; identity: LoginIdentity | null }
  | { ok: false; reason: "unknown" | "expired" };

export interface UserTokenGrant {
  accessToken: string;
  refreshToken: string;
  expireIn: number;
}

const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000;

function newToken(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Issued tokens and their lifetimes, on the emulator's clock. Like DingTalk, asking again for an
 * app token while one is still valid returns the same token with its lifetime renewed.
 */
export class TokenStore {
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly currentAppToken = new Map<string, string>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  readonly issued = { oapi: 0, api: 0, user: 0 };

  constructor(
    private readonly clock: Clock,
    private ttlSeconds: number,
  ) {}

  get ttl(): number {
    return this.ttlSeconds;
  }

  issueAppToken(appKey: string, style: AppTokenStyle): { token: string; expiresIn: number } {
    const now = this.clock.now();
    const slot = `${style}:${appKey}`;
    const currentId = this.currentAppToken.get(slot);
    const current = currentId ? this.tokens.get(currentId) : undefined;
    this.issued[style]++;
    if (current && !current.revoked && current.expiresAt > now) {
      current.expiresAt = now + this.ttlSeconds * 1000;
      return { token: current.token, expiresIn: this.ttlSeconds };
    }
    const token = newToken();
    this.tokens.set(token, { token, kind: "app", appKey, expiresAt: now + this.ttlSeconds * 1000, revoked: false, identity: null });
    this.currentAppToken.set(slot, token);
    return { token, expiresIn: this.ttlSeconds };
  }

  issueUserToken(appKey: string, identity: LoginIdentity): UserTokenGrant {
    const now = this.clock.now();
    const accessToken = newToken();
    const refreshToken = newToken();
    this.tokens.set(accessToken, {
      token: accessToken, kind: "user", appKey, expiresAt: now + this.ttlSeconds * 1000, revoked: false, identity,
    });
    this.refreshGrants.set(refreshToken, { appKey, identity, expiresAt: now + REFRESH_TOKEN_TTL_MS });
    this.issued.user++;
    return { accessToken, refreshToken, expireIn: this.ttlSeconds };
  }

  /** Spends a refresh token (each is single-use, a new one comes with the new access token). */
  redeemRefreshToken(appKey: string, refreshToken: string): UserTokenGrant | null {
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || grant.appKey !== appKey || grant.expiresAt <= this.clock.now()) return null;
    this.refreshGrants.delete(refreshToken);
    return this.issueUserToken(appKey, grant.identity);
  }

  check(token: string): TokenCheck {
    const issued = this.tokens.get(token);
    if (!issued) return { ok: false, reason: "unknown" };
    if (issued.revoked || issued.expiresAt <= this.clock.now()) return { ok: false, reason: "expired" };
    return { ok: true, kind: issued.kind, appKey: issued.appKey, identity: issued.identity };
  }

  /** Every token of the kind issued so far is refused from now on. */
  expireAll(kind: TokenKind | "all"): number {
    let count = 0;
    for (const issued of this.tokens.values()) {
      if ((kind === "all" || issued.kind === kind) && !issued.revoked) {
        issued.revoked = true;
        count++;
      }
    }
    if (kind !== "app") this.refreshGrants.clear();
    return count;
  }

  resetCounters(): void {
    this.issued.oapi = 0;
    this.issued.api = 0;
    this.issued.user = 0;
  }
}
