// Checks on what callers pass, so that a mistake is reported in words before DingTalk is asked.

/** DingTalk pages lists by at most 100 (some APIs fewer). */
export function checkPageSize(size: number, max = 100): number {
  if (!Number.isInteger(size) || size < 1 || size > max) throw new RangeError(`page size must be a whole number from 1 to ${max}, got ${size}`);
  return size;
}

export function checkOffset(offset: number): number {
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number of at least 0, got ${offset}`);
  return offset;
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
