import type { Org, User } from "../org/model";
import { hashString } from "../util/random";

/** Share of active people who, on a given day, did not sign in. */
const ABSENT_PER_DAY = 0.12;

/** "yyyyMMdd" as the Asia/Shanghai midnight that starts it, ms; null when not a real date. */
export function shanghaiDay(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return utc - 8 * 3_600_000;
}

/**
 * Whether `user` did not sign in to DingTalk on the day starting at `dayStart`: people who never
 * activated their account never did; of the others a stable, seeded ~12% each day. Nobody is
 * counted before they were hired.
 */
export function absentOn(user: User, day: string, dayStart: number): boolean | null {
  if (user.hiredDate >= dayStart + 86_400_000) return null;
  if (!user.active) return true;
  return hashString(`${user.userId}:${day}`) % 10_000 < ABSENT_PER_DAY * 10_000;
}

/** People of `deptIds` (direct members; everyone when absent) who were (not) signed in on `day`. */
export function signInList(org: Org, day: string, dayStart: number, options: { active: boolean; deptIds?: readonly number[] }): string[] {
  const pool: readonly User[] = options.deptIds && options.deptIds.length > 0
    ? [...new Set(options.deptIds.flatMap((id) => org.departments.get(id)?.memberIds ?? []))].flatMap((id) => org.usersById.get(id) ?? [])
    : org.users;
  return pool.filter((u) => {
    const absent = absentOn(u, day, dayStart);
    return absent !== null && absent !== options.active;
  }).map((u) => u.userId);
}
