import type { z } from "zod";
import type { ActionError } from "./action";
import { DingTalkConfigError, describeDingTalkError, isDingTalkError } from "@/lib/dingtalk";
import type { Translate } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locale";

// How a server action's failures reach the person: in their language, per field where a field
// is at fault, and never with a driver's words or a stack trace.

/** `t` for a key computed at run time; `has` first, since a missing key would throw. */
function lookup(t: Translate, key: string, values?: Record<string, string | number>): string | undefined {
  const dynamic = t as unknown as { (key: string, values?: Record<string, string | number>): string; has(key: string): boolean };
  return dynamic.has(key) ? dynamic(key, values) : undefined;
}

/**
 * One issue in words. A schema may name its own message as a key of the messages ("actions.
 * validation.choosePerson"); any other issue is described by its kind (missing, too long, not
 * one of the choices), so schemas need no words of their own.
 */
function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  const own = lookup(t, issue.message);
  if (own) return own;
  const v = (key: string, values?: Record<string, string | number>) => lookup(t, `actions.validation.${key}`, values) ?? t("actions.validation.invalid");
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined || issue.input === null || issue.input === "" ? v("required") : issue.expected === "number" ? v("notNumber") : v("invalid");
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? v("required") : v("tooShort", { min: Number(issue.minimum) });
      if (issue.origin === "array" || issue.origin === "set") return v("chooseAtLeast", { min: Number(issue.minimum) });
      return v("tooSmall", { min: Number(issue.minimum) });
    case "too_big":
      if (issue.origin === "string") return v("tooLong", { max: Number(issue.maximum) });
      if (issue.origin === "array" || issue.origin === "set") return v("chooseAtMost", { max: Number(issue.maximum) });
      return v("tooBig", { max: Number(issue.maximum) });
    case "invalid_value":
      return v("choose");
    default:
      return v("invalid");
  }
}

/** A zod failure as messages per field (the first path segment), for the form to show beside each input. */
export function fieldErrors(error: z.ZodError, t: Translate): { ok: false; error: ActionError } {
  const byField: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    const message = issueMessage(issue, t);
    const list = (byField[key] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return { ok: false, error: { code: "INVALID_INPUT", message: t("actions.invalidInput"), fieldErrors: byField } };
}

/** A failure the action itself decided on, named by a key of `actions.errors` (its code) and shown on `field` when given. */
export class ActionFailure extends Error {
  constructor(
    readonly code: string,
    readonly field?: string,
    readonly values?: Record<string, string | number>,
    /** Messages per field already in the person's language (a form checked against a schema known only at run time). */
    readonly fieldMessages?: Record<string, string[]>,
  ) {
    super(code);
    this.name = "ActionFailure";
  }
}

/**
 * Anything the call threw. DingTalk's errors are described in the person's language with what
 * to do (the missing scope named); our own errors that carry a code have words under
 * `actions.errors.<code>`; anything else (a database driver's words, a bug) is logged and replaced.
 */
export function failure(error: unknown, t: Translate, locale: Locale, actionName: string): { ok: false; error: ActionError } {
  if (isDingTalkError(error)) return { ok: false, error: { code: error.code, message: describeDingTalkError(error, locale) } };
  if (error instanceof DingTalkConfigError) return { ok: false, error: { code: "DINGTALK_CONFIG", message: describeDingTalkError(error, locale) } };
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && !/^P\d{4}$/.test(code)) {
    const values = error instanceof ActionFailure ? error.values : undefined;
    const message = lookup(t, `actions.errors.${code}`, values);
    if (message) {
      const field = error instanceof ActionFailure ? error.field : undefined;
      const own = error instanceof ActionFailure ? error.fieldMessages : undefined;
      return { ok: false, error: { code, message, fieldErrors: own ?? (field ? { [field]: [message] } : undefined) } };
    }
  }
  console.error(`[action] ${actionName}:`, error);
  return { ok: false, error: { code: "UNKNOWN_ERROR", message: t("actions.unknownError") } };
}
