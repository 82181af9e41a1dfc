import { controlRoute, parseControl } from "../control/route-helpers";
import { z } from "zod";
import { streamSubscriptionSchema } from "../../lib/dingtalk/stream";
import { checkApp } from "../auth/credentials";
import {
  callbackRegistration, httpCallbackDeliveries, registerHttpCallback, unregisterHttpCallback,
} from "../events/http-callback";
import { eventBus } from "../events/bus";
import { isLoopback } from "../http/loopback";
import { ApiError, apiErrors } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { bodyString, parseApi } from "../http/validate";
import { messageLog } from "../messages/log";
import {
  addDepartment, addDepartmentInput, addUser, addUserInput, modifyDepartment, modifyDepartmentInput, modifyUser,
  modifyUserInput, removeDepartment, removeUser,
} from "../org-changes/changes";
import { botMessageInput, replyBySession, writeToBot } from "../stream/bot";
import { botPage } from "../stream/bot-page";
import { streamGateway } from "../stream/gateway";

const openBody = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  subscriptions: z.array(streamSubscriptionSchema).min(1),
  ua: z.string().default(""),
  localIp: z.string().optional(),
});

const settingsBody = z
  .object({
    redeliveryMs: z.number().int().min(10).max(3_600_000),
    maxDeliveries: z.number().int().min(1).max(100),
    pingIntervalMs: z.number().int().min(0).max(3_600_000),
    disconnectGraceMs: z.number().int().min(0).max(600_000),
    ticketTtlMs: z.number().int().min(1).max(86_400_000),
  })
  .partial();

const connectionBody = z.object({ connectionId: z.string().min(1).optional() });
const emitBody = z.object({ eventType: z.string().min(1), data: z.record(z.string(), z.unknown()).default({}) });


function deptIdParam(ctx: RequestContext): number {
  const id = Number(ctx.params.deptId);
  if (!Number.isInteger(id)) throw new ApiError(400, "invalidControlRequest", `deptId must be an integer, got ${ctx.params.deptId}`);
  return id;
}

function replies(ctx: RequestContext) {
  const conversationId = ctx.query.get("conversationId") ?? undefined;
  return messageLog(ctx.state).list({ channel: "robot.session-webhook", conversationId });
}

// The demo page needs no token, so it answers only callers on this machine.
function loopbackOnly(ctx: RequestContext): void {
  if (!isLoopback(ctx.remoteAddress)) {
    throw new ApiError(403, "Forbidden", "the bot page is served on 127.0.0.1 / localhost only");
  }
}

/** Stream gateway, bot conversations, HTTP event callbacks and org changes; see dingtalk-api.md. */
export function streamRoutes(): Route[] {
  const control = controlRoute;
  const page = (method: Route["method"], path: string, handler: Route["handler"]): Route => ({
    method, path, style: "control", auth: "none",
    handler: (ctx) => {
      loopbackOnly(ctx);
      return handler(ctx);
    },
  });
  return [
    {
      method: "POST",
      path: "/v1.0/gateway/connections/open",
      style: "api",
      auth: "none",
      rateLimitKey: (ctx) => bodyString(ctx.body, "clientId"),
      handler: (ctx) => {
        const body = parseApi(openBody, ctx.body);
        const verdict = checkApp(ctx.state.credentials, body.clientId, body.clientSecret);
        if (verdict === "unknownKey") throw apiErrors.unknownClientId();
        if (verdict === "wrongSecret") throw apiErrors.wrongClientSecret();
        const ticket = streamGateway(ctx.state).issueTicket(body.clientId, body.subscriptions, body.ua);
        const endpoint = `${ctx.state.publicUrl.replace(/^http/, "ws")}/connect`;
        return reply.json({ endpoint, ticket });
      },
    },
    {
      method: "POST",
      path: "/robot/sendBySession",
      style: "oapi",
      auth: "none",
      metered: false,
      rateLimitKey: () => null,
      handler: (ctx) => {
        replyBySession(ctx.state, ctx.query.get("session"), ctx.body);
        return reply.json({});
      },
    },

    control("PUT", "/stream/settings", (ctx) => reply.json(streamGateway(ctx.state).configure(parseControl(settingsBody, ctx.body)))),
    control("GET", "/stream/connections", (ctx) => reply.json({ connections: streamGateway(ctx.state).connectionList() })),
    control("GET", "/stream/frames", (ctx) => {
      const after = Number(ctx.query.get("after") ?? "0");
      const frames = streamGateway(ctx.state).frameList({
        messageId: ctx.query.get("messageId") ?? undefined, topic: ctx.query.get("topic") ?? undefined,
        after: Number.isInteger(after) && after > 0 ? after : 0, withoutData: ctx.query.get("data") === "0",
      });
      return reply.json({ frames });
    }),
    control("POST", "/stream/ping", (ctx) => reply.json({ sent: streamGateway(ctx.state).ping(parseControl(connectionBody, ctx.body).connectionId) })),
    control("POST", "/stream/disconnect", (ctx) =>
      reply.json({ sent: streamGateway(ctx.state).disconnect(parseControl(connectionBody, ctx.body).connectionId) })),
    control("POST", "/stream/drop", (ctx) => reply.json({ dropped: streamGateway(ctx.state).drop(parseControl(connectionBody, ctx.body).connectionId) })),
    control("POST", "/stream/bot-messages", (ctx) => {
      const message = writeToBot(ctx.state, parseControl(botMessageInput, ctx.body));
      return reply.json({ msgId: message.msgId, conversationId: message.conversationId, sessionWebhook: message.sessionWebhook });
    }),
    control("GET", "/stream/replies", (ctx) => reply.json({ replies: replies(ctx) })),
    control("POST", "/stream/events", (ctx) => {
      const body = parseControl(emitBody, ctx.body);
      const event = eventBus(ctx.state).emit(body.eventType, body.data);
      return reply.json({ eventId: event.eventId });
    }),
    control("POST", "/stream/callback", async (ctx) => {
      await registerHttpCallback(ctx.state, parseControl(callbackRegistration, ctx.body));
      return reply.json({ ok: true });
    }),
    control("DELETE", "/stream/callback", (ctx) => reply.json({ removed: unregisterHttpCallback(ctx.state) })),
    control("GET", "/stream/callback/deliveries", async (ctx) => reply.json(await httpCallbackDeliveries(ctx.state))),

    control("POST", "/org/users", (ctx) => {
      const user = addUser(ctx.state, parseControl(addUserInput, ctx.body));
      return reply.json({ userId: user.userId, unionId: user.unionId });
    }),
    control("PUT", "/org/users/:userId", (ctx) => {
      const user = modifyUser(ctx.state, ctx.params.userId, parseControl(modifyUserInput, ctx.body));
      return reply.json({ userId: user.userId, unionId: user.unionId });
    }),
    control("DELETE", "/org/users/:userId", (ctx) => {
      removeUser(ctx.state, ctx.params.userId);
      return reply.json({ ok: true });
    }),
    control("POST", "/org/departments", (ctx) => reply.json({ deptId: addDepartment(ctx.state, parseControl(addDepartmentInput, ctx.body)).deptId })),
    control("PUT", "/org/departments/:deptId", (ctx) =>
      reply.json({ deptId: modifyDepartment(ctx.state, deptIdParam(ctx), parseControl(modifyDepartmentInput, ctx.body)).deptId })),
    control("DELETE", "/org/departments/:deptId", (ctx) => {
      removeDepartment(ctx.state, deptIdParam(ctx));
      return reply.json({ ok: true });
    }),

    page("GET", "/__bot", () => reply.html(botPage())),
    page("GET", "/__bot/people", (ctx) =>
      reply.json({ people: ctx.state.org.users.slice(0, 200).map((u) => ({ userId: u.userId, name: u.name })) })),
    page("POST", "/__bot/messages", (ctx) => {
      const message = writeToBot(ctx.state, parseControl(botMessageInput, ctx.body));
      return reply.json({ msgId: message.msgId, conversationId: message.conversationId });
    }),
    page("GET", "/__bot/replies", (ctx) => reply.json({ replies: replies(ctx) })),
  ];
}
