import { isLoopback } from "../http/loopback";
import { reply, type RequestContext, type Route } from "../http/router";
import { messaging } from "./store";
import { parseWebhookMessage } from "./webhook-message";

/**
 * The sender's address for the IP allow-list: the socket's peer, or, when the peer is a local
 * proxy (or a test standing in for one), the first `x-forwarded-for` hop.
 */
function callerIp(ctx: RequestContext): string {
  const forwarded = ctx.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first && isLoopback(ctx.remoteAddress) ? first : ctx.remoteAddress;
}

/** The custom robot webhook (`/robot/send?access_token=`), authenticated by the robot's own token. */
export function webhookRoutes(): Route[] {
  return [
    {
      // A custom robot's messages have their own limit (20 a minute), not the org's call quota.
      method: "POST", path: "/robot/send", style: "oapi", auth: "none", metered: false,
      handler(ctx) {
        const m = messaging(ctx.state);
        const robot = m.customRobots.authenticate({
          accessToken: ctx.query.get("access_token"),
          timestamp: ctx.query.get("timestamp"),
          sign: ctx.query.get("sign"),
          ip: callerIp(ctx),
        });
        const message = parseWebhookMessage(ctx.body);
        const chat = robot.openConversationId ? m.chats.byOpenConversationId(robot.openConversationId) : undefined;
        m.customRobots.deliver(robot, message, chat?.useridlist ?? []);
        return reply.json({});
      },
    },
  ];
}
