import type { z } from "zod";
import { ApiError } from "../http/errors";
import type { Route } from "../http/router";

/** A control body or query parsed with zod; the first problem becomes a 400 naming the field. */
export function parseControl<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new ApiError(400, "invalidControlRequest", `${where}${issue.message}`);
  }
  return parsed.data;
}

/** A `/__control…` route: bearer control token only. */
export function controlRoute(method: Route["method"], path: string, handler: Route["handler"]): Route {
  return { method, path: `/__control${path}`, style: "control", auth: "control", handler };
}
