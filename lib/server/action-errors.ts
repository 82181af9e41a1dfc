import type { z } from "zod";
import type { ActionError } from "@/lib/auth/current";

/** A zod failure as one message per field, for the form to show beside each input. */
export function fieldErrors(error: z.ZodError): { ok: false; error: ActionError } {
  const byField: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (byField[key] ??= []).push(issue.message);
  }
  return { ok: false, error: { code: "INVALID_INPUT", message: "请检查标出的字段 / Please check the marked fields", fieldErrors: byField } };
}

/**
 * Any other failure. Errors of our own that carry a code were written for people and are shown;
 * anything else (a database driver's words, a bug) is logged and replaced by a generic message.
 */
export function failure(error: unknown): { ok: false; error: ActionError } {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === "string" && !/^P\d{4}$/.test(code)) {
    return { ok: false, error: { code, message: error.message } };
  }
  console.error("[action]", error);
  return { ok: false, error: { code: "UNKNOWN_ERROR", message: "出现了意外错误，已记录，请重试 / Something unexpected went wrong; it was logged. Please try again." } };
}
