import { z } from "zod";
import { checkText } from "./arguments";
import type { Call } from "./transport";
import { wireOptionalText } from "./wire";

/** A signed-in person's tokens from DingTalk's login (扫码/账号登录). */
export interface UserTokens {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token lives. */
  expireIn: number;
  corpId?: string;
}

/** The signed-in person as `/v1.0/contact/users/me` describes them. */
export interface CurrentUser {
  nick: string;
  unionId: string;
  openId?: string;
  mobile?: string;
  email?: string;
  avatarUrl?: string;
  stateCode?: string;
}

const userTokens = z
  .object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1),
    expireIn: z.coerce.number().positive(),
    corpId: wireOptionalText,
  })
  .transform((t): UserTokens => ({ accessToken: t.accessToken, refreshToken: t.refreshToken, expireIn: t.expireIn, corpId: t.corpId }));

const currentUser = z
  .object({
    nick: z.string().nullish().transform((v) => v ?? ""),
    unionId: z.string().min(1),
    openId: wireOptionalText,
    mobile: wireOptionalText,
    email: wireOptionalText,
    avatarUrl: wireOptionalText,
    stateCode: wireOptionalText,
  })
  .transform((u): CurrentUser => ({ ...u }));

export interface AuthorizeUrlOptions {
  redirectUri: string;
  state: string;
  /** `openid` (default); add `corpid` to learn the person's org. */
  scope?: string;
  /** `consent` (default) shows DingTalk's consent page. */
  prompt?: string;
}

export interface OAuth {
  authorizeUrl(options: AuthorizeUrlOptions): string;
  exchangeCode(code: string): Promise<UserTokens>;
  refreshUserToken(refreshToken: string): Promise<UserTokens>;
  getCurrentUser(userAccessToken: string): Promise<CurrentUser>;
}

/** DingTalk sign-in for people: the login page, the code exchange and the profile. */
export function createOAuth(call: Call, app: { appKey: string; appSecret: string; loginBase: string }): OAuth {
  const userToken = (grant: { code: string } | { refreshToken: string }) =>
    call({
      host: "api",
      method: "POST",
      path: "/v1.0/oauth2/userAccessToken",
      body: {
        clientId: app.appKey,
        clientSecret: app.appSecret,
        ...("code" in grant ? { code: grant.code, grantType: "authorization_code" } : { refreshToken: grant.refreshToken, grantType: "refresh_token" }),
      },
      schema: userTokens,
      // A code or refresh token is spent by its first use; repeating could only fail or mislead.
      idempotent: false,
      auth: "none",
    });

  return {
    authorizeUrl({ redirectUri, state, scope = "openid", prompt = "consent" }) {
      if (!/^https?:\/\//.test(redirectUri)) throw new RangeError(`redirectUri must be an absolute http(s) URL, got "${redirectUri}"`);
      const params = new URLSearchParams({ redirect_uri: redirectUri, response_type: "code", client_id: app.appKey, scope, state, prompt });
      return `${app.loginBase}/oauth2/auth?${params.toString()}`;
    },

    exchangeCode(code) {
      return userToken({ code: checkText(code, "authorization code") });
    },

    refreshUserToken(refreshToken) {
      return userToken({ refreshToken: checkText(refreshToken, "refresh token") });
    },

    getCurrentUser(userAccessToken) {
      return call({
        host: "api",
        method: "GET",
        path: "/v1.0/contact/users/me",
        schema: currentUser,
        idempotent: true,
        auth: { userToken: checkText(userAccessToken, "user access token") },
      });
    },
  };
}
