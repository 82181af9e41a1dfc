import type { IncomingHttpHeaders } from "node:http";
import { reply, type Route } from "../http/router";
import { messaging } from "./store";
import { parseWebhookMessage } from "./webhook-message";

/**
 * The sender's address for the IP allow-list: the first `x-forwarded-for` hop when a proxy sets
 * it, else loopback (the emulator is reached locally; the router does not hand routes the socket).
 */
function callerIp(headers: IncomingHttpHeaders): string {
  const forwarded = headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  return first || "127.0.0.1";
}

/** The custom robot webhook (`/robot/send?access_token=`), authenticated by the robot's own token. */
export function webhookRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/robot/send", style: "oapi", auth: "none",
      handler(ctx) {
        const m = messaging(ctx.state);
        const robot = m.customRobots.authenticate({
          accessToken: ctx.query.get("access_token"),
          timestamp: ctx.query.get("timestamp"),
          sign: ctx.query.get("sign"),
          ip: callerIp(ctx.headers),
        });
        const message = parseWebhookMessage(ctx.body);
        const chat = robot.openConversationId ? m.chats.byOpenConversationId(robot.openConversationId) : undefined;
        m.customRobots.deliver(robot, message, chat?.useridlist ?? []);
        return reply.json({});
      },
    },
  ];
}
