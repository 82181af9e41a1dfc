import { z } from "zod";
import { apiErrors, oapiErrors, type ApiError, type OapiError } from "./errors";

type Style = "oapi" | "api";

/** Integers arrive as numbers in JSON and as strings in forms and query strings. */
export const intField = () =>
  z.preprocess((v) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v), z.number().int());

export const boolField = () =>
  z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

function toError(style: Style, error: z.ZodError): OapiError | ApiError {
  const issue = error.issues[0];
  const name = issue.path.map(String).join(".") || "body";
  const missing = issue.code === "invalid_type" && issue.input === undefined;
  const errors = style === "oapi" ? oapiErrors : apiErrors;
  if (missing) return errors.missingParam(name);
  return errors.invalidParam(`${name}: ${issue.message}`);
}

/** Validates an oapi body (a missing body reads as `{}`): 40035 for a missing field, 400002 for a bad one. */
export function parseOapi<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw toError("oapi", parsed.error);
  return parsed.data;
}

/** Validates an api body or query: HTTP 400 `Missing<field>` or `paramError`, as api.dingtalk.com does. */
export function parseApi<S extends z.ZodType>(schema: S, input: unknown, options: { bodyRequired?: boolean } = {}): z.output<S> {
  if (input === undefined && options.bodyRequired !== false) throw apiErrors.missingParam("body");
  const parsed = schema.safeParse(input ?? {}, { reportInput: true });
  if (!parsed.success) throw toError("api", parsed.error);
  return parsed.data;
}

/** Page size: DingTalk caps list calls at 100 per page. */
export const pageSizeField = (max = 100) =>
  intField().pipe(z.number().min(1, "不能小于 1").max(max, `不能超过 ${max}`));

export const offsetField = () => intField().pipe(z.number().min(0, "不能为负数"));

/** A non-empty string field of a body that has not been validated yet (for rate-limit keys). */
export function bodyString(body: unknown, name: string): string | null {
  if (!body || typeof body !== "object" || !(name in body)) return null;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "string" && value !== "" ? value : null;
}
