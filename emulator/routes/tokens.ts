import { z } from "zod";
import { checkApp } from "../auth/credentials";
import { apiErrors, oapiErrors } from "../http/errors";
import { reply, type Route } from "../http/router";
import { bodyString, parseApi } from "../http/validate";

const accessTokenBody = z.object({ appKey: z.string().min(1), appSecret: z.string().min(1) });

/** App tokens in both styles; the QPS limit counts against the app key presented; never metered. */
export function tokenRoutes(): Route[] {
  return [
    {
      method: "GET",
      path: "/gettoken",
      style: "oapi",
      auth: "none",
      metered: false,
      rateLimitKey: (ctx) => ctx.query.get("appkey") || ctx.query.get("corpid") || null,
      handler: (ctx) => {
        const appKey = ctx.query.get("appkey") || ctx.query.get("corpid");
        const appSecret = ctx.query.get("appsecret") || ctx.query.get("corpsecret");
        if (!appKey) throw oapiErrors.missingAppKey();
        if (!appSecret) throw oapiErrors.missingParam("appsecret");
        const verdict = checkApp(ctx.state.credentials, appKey, appSecret);
        if (verdict === "unknownKey") throw oapiErrors.unknownAppKey();
        if (verdict === "wrongSecret") throw oapiErrors.wrongAppSecret();
        const { token, expiresIn } = ctx.state.tokens.issueAppToken(appKey, "oapi");
        return reply.json({ access_token: token, expires_in: expiresIn });
      },
    },
    {
      method: "POST",
      path: "/v1.0/oauth2/accessToken",
      style: "api",
      auth: "none",
      metered: false,
      rateLimitKey: (ctx) => bodyString(ctx.body, "appKey"),
      handler: (ctx) => {
        const body = parseApi(accessTokenBody, ctx.body);
        const verdict = checkApp(ctx.state.credentials, body.appKey, body.appSecret);
        if (verdict === "unknownKey") throw apiErrors.unknownClientId();
        if (verdict === "wrongSecret") throw apiErrors.wrongClientSecret();
        const { token, expiresIn } = ctx.state.tokens.issueAppToken(body.appKey, "api");
        return reply.json({ accessToken: token, expireIn: expiresIn });
      },
    },
  ];
}
