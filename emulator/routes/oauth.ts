import { z } from "zod";
import { checkApp } from "../auth/credentials";
import { profileOf, type LoginIdentity } from "../auth/identity";
import { renderErrorPage, renderLoginPage, renderPeople, type LoginParams, type PersonOption } from "../auth/login-page";
import { apiErrors } from "../http/errors";
import { reply, type Reply, type RequestContext, type Route } from "../http/router";
import { bodyString, parseApi } from "../http/validate";
import type { Org, User } from "../org/model";
import { searchUsers } from "../org/search";

const PAGE_PEOPLE = 40;
const MOBILE = /^1[3-9]\d{9}$/;

const userAccessTokenBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  grantType: z.enum(["authorization_code", "refresh_token"]),
  code: z.string().optional(),
  refreshToken: z.string().optional(),
});

function personOption(org: Org, user: User): PersonOption {
  return {
    userId: user.userId,
    name: user.name,
    deptName: org.departments.get(user.deptIds[0])?.name ?? "",
    mobile: user.mobile,
    sysLevel: user.sysLevel,
    active: user.active,
  };
}

/** Admins first (people sign in as them most), then the org in order; or the search hits. */
function peopleFor(org: Org, query: string): PersonOption[] {
  if (query.trim() !== "") {
    return searchUsers(org, query, { includeContact: true }).slice(0, PAGE_PEOPLE).map((u) => personOption(org, u));
  }
  const admins = new Set(org.admins);
  const rest = org.users.slice(0, PAGE_PEOPLE + admins.size).filter((u) => !admins.has(u));
  return [...org.admins, ...rest].slice(0, PAGE_PEOPLE).map((u) => personOption(org, u));
}

type ParamSource = (name: string) => string | null;

/** Checks what login.dingtalk.com checks; an error here is a page, never a redirect. */
function loginParams(ctx: RequestContext, get: ParamSource): LoginParams | { error: string } {
  const clientId = get("client_id");
  const redirectUri = get("redirect_uri");
  const responseType = get("response_type") ?? "";
  const scope = get("scope") ?? "";
  if (!clientId) return { error: "缺少参数 client_id（应用的 AppKey / Client ID）。" };
  if (clientId !== ctx.state.credentials.appKey) return { error: `应用不存在：client_id「${clientId}」无效，请检查应用的 AppKey。` };
  if (!redirectUri) return { error: "缺少参数 redirect_uri（登录后回跳的地址）。" };
  let parsed: URL;
  try {
    parsed = new URL(redirectUri);
  } catch {
    return { error: `redirect_uri「${redirectUri}」不是合法的 URL。` };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return { error: "redirect_uri 必须是 http 或 https 地址。" };
  if (responseType !== "code") return { error: "response_type 只支持 code。" };
  if (!scope.split(/[\s+]+/).includes("openid")) return { error: "scope 须为 openid 或 openid corpid。" };
  return { clientId, redirectUri, responseType, scope, state: get("state"), prompt: get("prompt") };
}

function page(ctx: RequestContext, params: LoginParams, extra: { query?: string; error?: string; mobile?: string } = {}, status = 200): Reply {
  const org = ctx.state.org;
  const query = extra.query ?? "";
  return reply.html(
    renderLoginPage({
      companyName: org.companyName,
      params,
      people: peopleFor(org, query),
      totalPeople: org.users.length,
      query,
      error: extra.error ?? null,
      mobile: extra.mobile ?? "",
    }),
    status,
  );
}

function normalizeMobile(raw: string): string {
  return raw.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
}

function identityFor(ctx: RequestContext, form: Record<string, string>): LoginIdentity | { error: string } {
  const org = ctx.state.org;
  if (form.userid) {
    const user = org.usersById.get(form.userid);
    return user ? { kind: "member", userId: user.userId } : { error: `找不到成员 ${form.userid}。` };
  }
  const mobile = normalizeMobile(form.mobile ?? "");
  if (!MOBILE.test(mobile)) return { error: "请输入有效的 11 位手机号（13x–19x 开头）。" };
  const member = org.usersByMobile.get(mobile);
  return member ? { kind: "member", userId: member.userId } : ctx.state.outsider(mobile);
}

function formOf(body: unknown): Record<string, string> {
  if (!body || typeof body !== "object") return {};
  return Object.fromEntries(Object.entries(body).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** The login page, its code exchange and the signed-in person's profile. */
export function oauthRoutes(): Route[] {
  return [
    {
      method: "GET", path: "/oauth2/auth", style: "html", auth: "none",
      handler: (ctx) => {
        const params = loginParams(ctx, (name) => ctx.query.get(name));
        if ("error" in params) return reply.html(renderErrorPage("无法登录", params.error), 400);
        return page(ctx, params, { query: ctx.query.get("q") ?? "" });
      },
    },
    {
      method: "GET", path: "/oauth2/auth/people", style: "html", auth: "none",
      handler: (ctx) => {
        if (ctx.query.get("client_id") !== ctx.state.credentials.appKey) {
          return reply.json({ error: "client_id 无效" }, 400);
        }
        const people = peopleFor(ctx.state.org, ctx.query.get("q") ?? "");
        return reply.json({ people, html: renderPeople(people) });
      },
    },
    {
      method: "POST", path: "/oauth2/auth", style: "html", auth: "none",
      handler: (ctx) => {
        const form = formOf(ctx.body);
        const params = loginParams(ctx, (name) => form[name] ?? null);
        if ("error" in params) return reply.html(renderErrorPage("无法登录", params.error), 400);
        // Enter in the search box (no JS) posts the query only: show the matching people.
        if (!form.userid && !form.mobile) return page(ctx, params, { query: form.q ?? "" });
        const identity = identityFor(ctx, form);
        if ("error" in identity) return page(ctx, params, { error: identity.error, mobile: form.mobile ?? "" }, 400);
        const code = ctx.state.authCodes.create(params.clientId, identity);
        const target = new URL(params.redirectUri);
        target.searchParams.set("authCode", code);
        if (params.state !== null) target.searchParams.set("state", params.state);
        return reply.redirect(target.toString());
      },
    },
    {
      method: "POST", path: "/v1.0/oauth2/userAccessToken", style: "api", auth: "none", metered: false,
      rateLimitKey: (ctx) => bodyString(ctx.body, "clientId"),
      handler: (ctx) => {
        const body = parseApi(userAccessTokenBody, ctx.body);
        const verdict = checkApp(ctx.state.credentials, body.clientId, body.clientSecret);
        if (verdict === "unknownKey") throw apiErrors.unknownClientId();
        if (verdict === "wrongSecret") throw apiErrors.wrongClientSecret();
        const tokens = ctx.state.tokens;
        let grant;
        if (body.grantType === "authorization_code") {
          if (!body.code) throw apiErrors.missingParam("code");
          const identity = ctx.state.authCodes.redeem(body.clientId, body.code);
          if (!identity) throw apiErrors.invalidAuthCode();
          grant = tokens.issueUserToken(body.clientId, identity);
        } else {
          if (!body.refreshToken) throw apiErrors.missingParam("refreshToken");
          grant = tokens.redeemRefreshToken(body.clientId, body.refreshToken);
          if (!grant) throw apiErrors.invalidRefreshToken();
        }
        return reply.json({ ...grant, corpId: ctx.state.org.corpId });
      },
    },
    {
      method: "GET", path: "/v1.0/contact/users/:unionId", style: "api", auth: "user",
      handler: (ctx) => {
        const identity = ctx.identity;
        const profile = identity ? profileOf(identity, ctx.state.org) : null;
        if (!profile) throw apiErrors.invalidToken();
        if (ctx.params.unionId !== "me" && ctx.params.unionId !== profile.unionId) throw apiErrors.otherUser();
        return reply.json(profile);
      },
    },
  ];
}
