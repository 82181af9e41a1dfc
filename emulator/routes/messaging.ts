import type { Route } from "../http/router";

/** Robots, custom robot webhooks, work notifications and group chats routes; see dingtalk-api.md. */
export function messagingRoutes(): Route[] {
  return [];
}
