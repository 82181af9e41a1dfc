import type { Route } from "../http/router";

/** Calendar routes; see dingtalk-api.md. */
export function calendarRoutes(): Route[] {
  return [];
}
