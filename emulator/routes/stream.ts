import type { Route } from "../http/router";

/** Stream gateway, bot conversations and HTTP event callbacks routes; see dingtalk-api.md. */
export function streamRoutes(): Route[] {
  return [];
}
