import type { OAuthConfig } from "next-auth/providers/oauth";
import type { DingTalkClient } from "@/lib/dingtalk";
import { describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import { currentLocale } from "@/lib/i18n/locale";

/** What DingTalk's `users/me` returns for the signed-in person. */
export interface DingTalkProfile {
  nick: string;
  unionId: string;
  openId?: string;
  mobile?: string;
  email?: string;
  avatarUrl?: string;
}

/**
 * The person as the sign-in callbacks see them: mapped to the org's userId, or marked as
 * an outsider, or as "could not be checked" with DingTalk's reason.
 */
export interface ConsoleUser {
  id: string;
  name: string;
  email: string | null;
  image: string | null;
  unionId: string;
  access: "member" | "outsider" | "error";
  problem?: string;
}

// DingTalk's "user not found" when a unionId does not belong to the org.
const NOT_IN_ORG = new Set(["60121", "33012"]);

export function dingTalkProvider(client: DingTalkClient, opts: { clientId: string; clientSecret: string; loginBase: string; apiBase: string }): OAuthConfig<DingTalkProfile> {
  return {
    id: "dingtalk",
    name: "DingTalk",
    type: "oauth",
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    checks: ["state"],
    idToken: false,
    authorization: {
      url: `${opts.loginBase}/oauth2/auth`,
      params: { response_type: "code", scope: "openid", prompt: "consent" },
    },
    // DingTalk's token exchange is JSON with camelCase fields, so the exchange is ours rather
    // than openid-client's. (The route handler copies DingTalk's `authCode` into `code`.)
    token: {
      url: `${opts.apiBase}/v1.0/oauth2/userAccessToken`,
      async request({ params }) {
        const code = params.code;
        if (!code) throw new Error("DingTalk did not return an authorization code");
        const t = await client.oauth.exchangeCode(code);
        return {
          tokens: {
            access_token: t.accessToken,
            refresh_token: t.refreshToken,
            expires_at: Math.floor(Date.now() / 1000) + t.expireIn,
            token_type: "bearer",
          },
        };
      },
    },
    userinfo: {
      url: `${opts.apiBase}/v1.0/contact/users/me`,
      async request({ tokens }) {
        if (!tokens.access_token) throw new Error("no DingTalk user token");
        const me = await client.oauth.getCurrentUser(tokens.access_token);
        return { ...me } as unknown as Record<string, unknown>;
      },
    },
    async profile(profile): Promise<ConsoleUser> {
      const base = {
        name: profile.nick,
        email: profile.email ?? null,
        image: profile.avatarUrl ?? null,
        unionId: profile.unionId,
      };
      try {
        const { userId } = await client.contacts.getUserIdByUnionId(profile.unionId);
        return { ...base, id: userId, access: "member" };
      } catch (error) {
        if (isDingTalkError(error) && NOT_IN_ORG.has(error.code)) {
          return { ...base, id: `outsider:${profile.unionId}`, access: "outsider" };
        }
        if (!isDingTalkError(error)) console.error("[auth] could not map the DingTalk account to the org", error);
        return { ...base, id: `unchecked:${profile.unionId}`, access: "error", problem: describeDingTalkError(error, await currentLocale()) };
      }
    },
  };
}
