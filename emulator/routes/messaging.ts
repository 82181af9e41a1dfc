import type { Route } from "../http/router";
import { chatRoutes } from "../messaging/chat-routes";
import { messagingControlRoutes } from "../messaging/control-routes";
import { notificationRoutes } from "../messaging/notification-routes";
import { robotRoutes } from "../messaging/robot-routes";
import { webhookRoutes } from "../messaging/webhook-routes";

/** Robots, custom robot webhooks, work notifications and group chats routes; see dingtalk-api.md. */
export function messagingRoutes(): Route[] {
  return [...robotRoutes(), ...webhookRoutes(), ...notificationRoutes(), ...chatRoutes(), ...messagingControlRoutes()];
}
