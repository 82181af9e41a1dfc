import { z } from "zod";
import { parseDay, parseInstant } from "@/lib/time";

// A moment typed on the command line is read by lib/time (Shanghai unless it names an offset).
export { parseInstant };

// zod schemas for values that arrive as command-line strings; every one says what it wants.

export const text = (description: string) => z.string().trim().min(1, "must not be empty").describe(description);

export const optionalText = (description: string) => z.string().trim().min(1, "must not be empty").optional().describe(description);

const wholeNumber = z
  .string()
  .trim()
  .regex(/^\d+$/, "must be a whole number")
  .transform(Number)
  .pipe(z.number().int().safe("is too large"));

export const positiveInt = (description: string) => wholeNumber.pipe(z.number().min(1, "must be at least 1")).describe(description);

export const optionalInt = (description: string, range: { min: number; max: number }) =>
  wholeNumber
    .pipe(z.number().min(range.min, `must be at least ${range.min}`).max(range.max, `must be at most ${range.max}`))
    .optional()
    .describe(description);

export const flag = (description: string) => z.boolean().default(false).describe(description);

const splitList = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");

/** Comma-separated ids: `a,b,c`. */
export const idList = (description: string) =>
  z.string().transform(splitList).pipe(z.array(z.string()).min(1, "needs at least one id (comma-separated)")).describe(description);

export const optionalIdList = (description: string) =>
  z.string().transform(splitList).pipe(z.array(z.string()).min(1, "needs at least one id (comma-separated)")).optional().describe(description);

export const optionalIntList = (description: string) =>
  z
    .string()
    .transform(splitList)
    .pipe(z.array(z.string().regex(/^\d+$/, "must be whole numbers").transform(Number)).min(1, "needs at least one id (comma-separated)"))
    .optional()
    .describe(description);

/** yyyy-MM-dd, in form only. */
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date, yyyy-MM-dd, that exists. */
export const date = (description: string) =>
  z
    .string()
    .trim()
    .refine((v) => parseDay(v) !== null, "must be a date written yyyy-MM-dd")
    .describe(description);

/** A moment (see `parseInstant`) as ms since the epoch. */
export const instant = z.string().transform((v, ctx) => {
  const ms = parseInstant(v);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: "must be ms since the epoch, yyyy-MM-dd or an ISO 8601 date-time such as 2026-03-02T09:00:00+08:00" });
    return z.NEVER;
  }
  return ms;
});

export const optionalInstant = (description: string) => instant.optional().describe(description);

/** A period in ms: `to` defaults to now, `from` to `days` before `to`. */
export function periodOf(from: number | undefined, to: number | undefined, days = 30): { from: number; to: number } {
  const end = to ?? Date.now();
  return { from: from ?? end - days * 86_400_000, to: end };
}

/** A JSON value on the command line, checked against a schema. */
export const json = <S extends z.ZodType>(schema: S, description: string) =>
  z
    .string()
    .transform((v, ctx) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema)
    .describe(description);
