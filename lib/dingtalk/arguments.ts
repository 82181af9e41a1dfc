import type { z } from "zod";

// Checks on what callers pass, so that a mistake is reported in words before DingTalk is asked.

/** DingTalk pages lists by at most 100 (some APIs fewer). */
export function checkPageSize(size: number, max = 100): number {
  if (!Number.isInteger(size) || size < 1 || size > max) throw new RangeError(`page size must be a whole number from 1 to ${max}, got ${size}`);
  return size;
}

/** A whole number of at least 0: an offset, an index, ms since the epoch. */
export function checkWholeNumber(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number of at least 0, got ${n}`);
  return n;
}

export function checkOffset(offset: number): number {
  return checkWholeNumber(offset, "offset");
}

/** A numeric id DingTalk hands out (task ids): safe integers only, as they travel as JSON numbers. */
export function checkPositiveId(id: number, what: string): number {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`${what} must be a positive whole number, got ${id}`);
  return id;
}

export function checkDeptId(deptId: number): number {
  if (!Number.isInteger(deptId) || deptId < 1) throw new RangeError(`department id must be a positive whole number, got ${deptId}`);
  return deptId;
}

export function checkText(value: string, what: string): string {
  const v = typeof value === "string" ? value.trim() : "";
  if (v === "") throw new RangeError(`${what} must not be empty`);
  return v;
}

/** A non-empty list of ids (at most `max`), each non-blank; returns them trimmed. */
export function checkIdList(ids: readonly string[], what: string, max = Number.POSITIVE_INFINITY): string[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new RangeError(`${what} must hold at least one id`);
  if (ids.length > max) throw new RangeError(`${what} holds ${ids.length} ids; DingTalk takes at most ${max} per call`);
  return ids.map((id, i) => checkText(id, `${what}[${i}]`));
}

/** Checks a value against a schema; the RangeError names the first field to fix. */
export function checkShape<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new RangeError(`${what} ${issue.path.map(String).join(".") || "(whole)"}: ${issue.message}`);
}
