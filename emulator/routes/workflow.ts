import type { Route } from "../http/router";

/** Approvals (OA 审批) routes; see dingtalk-api.md. */
export function workflowRoutes(): Route[] {
  return [];
}
