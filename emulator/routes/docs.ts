import type { Route } from "../http/router";

/** Knowledge base and documents routes; see dingtalk-api.md. */
export function docsRoutes(): Route[] {
  return [];
}
