import type { Route } from "../http/router";

/** Attendance routes; see dingtalk-api.md. */
export function attendanceRoutes(): Route[] {
  return [];
}
