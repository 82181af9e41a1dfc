import { z } from "zod";
import type { Db } from "@/lib/db/client";
import type { LeaveType } from "@/lib/dingtalk";
import { jobEstimate, type JobEstimate } from "@/lib/budget/estimate";
import { addDaysTo, dayStart, daysBetween, parseDay, shanghaiDay } from "@/lib/time";
import {
  ATTENDANCE_CALL_AREA, createFetchJob, daysOf, parseDayLeave, planWindows, callEstimate, runFetchJob,
  type AttendanceDeps, type FetchNeeds, type FetchOptions, type FetchOutcome,
} from "./fetch";
import { addDay, emptySummary, totalOf, type DayRow, type PersonSummary } from "./summary";
import { withCallArea } from "@/lib/dingtalk/meter";

// The attendance report: who (departments with their sub-departments and/or people, optionally
// one attendance group), which days (up to a year), answered from AttendanceDay; a build fetches
// only the person-days not cached yet or that can still change.

export const MAX_REPORT_DAYS = 366;
/** A day's results can still change until this long after it ended (late punches, 补卡). */
export const SETTLE_MS = 3_600_000;

export const reportQuerySchema = z
  .object({
    deptIds: z.array(z.number().int().positive()).max(1000).default([]),
    userIds: z.array(z.string().min(1).max(64)).max(20_000).default([]),
    groupId: z.string().regex(/^\d+$/).optional(),
    from: z.string().refine((v) => parseDay(v) !== null, "a date written yyyy-MM-dd"),
    to: z.string().refine((v) => parseDay(v) !== null, "a date written yyyy-MM-dd"),
  })
  .refine((q) => q.deptIds.length + q.userIds.length > 0, { message: "choose at least one department or person", path: ["deptIds"] })
  // zod runs these even when a date failed: each checks only dates that parsed.
  .refine((q) => !(parseDay(q.from) && parseDay(q.to)) || q.from <= q.to, { message: "the range ends before it starts", path: ["to"] })
  .refine((q) => !(parseDay(q.from) && parseDay(q.to)) || daysBetween(q.from, q.to) + 1 <= MAX_REPORT_DAYS, { message: `a report covers at most ${MAX_REPORT_DAYS} days`, path: ["to"] });

export type ReportQuery = z.input<typeof reportQuerySchema>;

/** The people of a scope from the synced directory: members of the departments or below them, and the people named; not those who left. */
export async function scopePeople(db: Db, scope: { deptIds?: readonly number[]; includeSub?: boolean; userIds?: readonly string[] }): Promise<string[]> {
  const people = new Set<string>();
  if (scope.deptIds && scope.deptIds.length > 0) {
    const roots = await db.directoryDepartment.findMany({ where: { deptId: { in: [...scope.deptIds] } }, select: { path: true } });
    const depts = scope.includeSub === false
      ? scope.deptIds.map((deptId) => ({ deptId }))
      : await db.directoryDepartment.findMany({ where: { removedAt: null, OR: roots.map((r) => ({ path: { startsWith: r.path } })) }, select: { deptId: true } });
    const members = await db.directoryMembership.findMany({ where: { deptId: { in: depts.map((d) => d.deptId) } }, select: { userId: true } });
    for (const m of members) people.add(m.userId);
  }
  for (const u of scope.userIds ?? []) people.add(u);
  const active: string[] = [];
  const ids = [...people];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.directoryUser.findMany({ where: { userId: { in: ids.slice(i, i + 500) }, leftAt: null }, select: { userId: true } });
    active.push(...rows.map((r) => r.userId));
  }
  return active.sort();
}

export interface RefreshOptions {
  /** Fetch these days again for everyone in scope, cached or not. */
  days?: { from: string; to: string };
}

/**
 * The person-days a build must fetch: not cached, marked stale (leave changed), fetched before
 * the day had settled, or asked again by `refresh`. Days after today are never fetched.
 */
export async function fetchNeeds(deps: AttendanceDeps, userIds: readonly string[], from: string, to: string, refresh: RefreshOptions = {}): Promise<Map<string, string[]>> {
  const now = deps.now ? deps.now() : new Date();
  const last = [to, shanghaiDay(now)].sort()[0];
  const days = daysOf(from, last);
  const needs = new Map<string, string[]>();
  if (days.length === 0) return needs;
  const forced = new Set(refresh.days ? days.filter((d) => d >= refresh.days!.from && d <= refresh.days!.to) : []);
  const settledAfter = new Map(days.map((d) => [d, dayStart(addDaysTo(d, 1)).getTime() + SETTLE_MS]));
  const allSettledAfter = new Date(settledAfter.get(last)!);
  for (let i = 0; i < userIds.length; i += 200) {
    const chunk = userIds.slice(i, i + 200);
    const where = { userId: { in: chunk }, day: { gte: from, lte: last } };
    // The usual case, a range fetched after it was over and nothing marked: two counts, no rows read.
    if (forced.size === 0) {
      const [settled, stale] = await Promise.all([
        deps.db.attendanceDay.count({ where: { ...where, fetchedAt: { gte: allSettledAfter } } }),
        deps.db.attendanceStaleDay.count({ where }),
      ]);
      if (settled === chunk.length * days.length && stale === 0) continue;
    }
    const [rows, stale] = await Promise.all([
      deps.db.attendanceDay.findMany({ where, select: { userId: true, day: true, fetchedAt: true } }),
      deps.db.attendanceStaleDay.findMany({ where, select: { userId: true, day: true } }),
    ]);
    const fresh = new Set<string>();
    for (const r of rows) {
      const settled = r.fetchedAt.getTime() >= settledAfter.get(r.day)!;
      if (settled && !forced.has(r.day)) fresh.add(`${r.userId}|${r.day}`);
    }
    for (const s of stale) fresh.delete(`${s.userId}|${s.day}`);
    for (const userId of chunk) {
      const missing = days.filter((d) => !fresh.has(`${userId}|${d}`));
      if (missing.length > 0) needs.set(userId, missing);
    }
  }
  return needs;
}

/**
 * Person-days up to today whose results were never fetched: a report shows once there are none
 * (days fetched before they settled are shown, and offered for a refresh).
 */
export async function unfetchedPersonDays(deps: AttendanceDeps, userIds: readonly string[], from: string, to: string): Promise<number> {
  const last = [to, shanghaiDay(deps.now ? deps.now() : new Date())].sort()[0];
  const days = daysOf(from, last).length;
  let stored = 0;
  for (let i = 0; i < userIds.length; i += 500) {
    // Leave written ahead of its day's results has fetchedAt at the epoch: not fetched.
    stored += await deps.db.attendanceDay.count({ where: { userId: { in: userIds.slice(i, i + 500) }, day: { gte: from, lte: last }, fetchedAt: { gt: new Date(0) } } });
  }
  return userIds.length * days - stored;
}

/** Marks people's days to be fetched again by the next build (their leave or punches changed). */
export async function markAttendanceStale(db: Db, userId: string, from: string, to: string, at: Date = new Date()): Promise<void> {
  const days = daysOf(from, to);
  await db.$transaction(async (tx) => {
    await tx.attendanceStaleDay.deleteMany({ where: { userId, day: { in: days } } });
    await tx.attendanceStaleDay.createMany({ data: days.map((day) => ({ userId, day, markedAt: at })) });
  });
}

/** What a build would cost before it starts: calls and their share of the month's quota. */
export async function estimateBuild(
  deps: AttendanceDeps,
  userIds: readonly string[],
  from: string,
  to: string,
  usage: { quota: number | null; used: number },
  refresh: RefreshOptions = {},
): Promise<{ needs: FetchNeeds; personDays: number; estimate: JobEstimate }> {
  const needs = await fetchNeeds(deps, userIds, from, to, refresh);
  const personDays = [...needs.values()].reduce((n, d) => n + d.length, 0);
  // Plus the names a fetch brings along when none are stored: leave types (one call) and attendance
  // groups (a call a page of ten, counted as one). Nothing to fetch: no names either.
  const names = needs.size === 0 ? 0 : (await leaveTypesToFetch(deps.db)) + ((await deps.db.attendanceGroup.count()) === 0 ? 1 : 0);
  return { needs, personDays, estimate: jobEstimate(usage, callEstimate(planWindows(needs)) + names) };
}

async function leaveTypesToFetch(db: Db): Promise<number> {
  return (await db.attendanceLeaveType.count()) === 0 ? 1 : 0;
}

/** The org's leave types, from the database; fetched (as the first admin) when none are stored yet or `force`. */
export async function leaveTypes(deps: AttendanceDeps, force = false, callArea = ATTENDANCE_CALL_AREA): Promise<LeaveType[]> {
  const stored = await deps.db.attendanceLeaveType.findMany({ orderBy: { name: "asc" } });
  if (stored.length > 0 && !force) return stored.map((t) => ({ leaveCode: t.leaveCode, name: t.name, unit: t.unit as LeaveType["unit"], bizType: "", hoursPerDay: t.hoursPerDay }));
  const admin = await deps.db.directoryUser.findFirst({ where: { admin: true, leftAt: null }, orderBy: { userId: "asc" }, select: { userId: true } });
  if (!admin) throw new Error("leave types are listed as an admin of the org, and the synced directory has none: sync the directory first");
  const types = await withCallArea(callArea, () => deps.client.attendance.listLeaveTypes(admin.userId));
  const now = deps.now ? deps.now() : new Date();
  await deps.db.$transaction(async (tx) => {
    await tx.attendanceLeaveType.deleteMany();
    await tx.attendanceLeaveType.createMany({ data: types.map((t) => ({ leaveCode: t.leaveCode, name: t.name, unit: t.unit, hoursPerDay: t.hoursPerDay, fetchedAt: now })) });
  });
  return types;
}

/** Everything a build needs fetched, fetched; the outcome is null when everything was cached. */
export async function ensureFetched(
  deps: AttendanceDeps,
  userIds: readonly string[],
  from: string,
  to: string,
  options: FetchOptions & { refresh?: RefreshOptions; onJob?: (jobId: string, estimate: number) => void },
): Promise<FetchOutcome | null> {
  const needs = await fetchNeeds(deps, userIds, from, to, options.refresh);
  if (needs.size === 0) return null;
  const job = await createFetchJob(deps, needs, options.startedBy);
  options.onJob?.(job.jobId, job.estimate);
  return runFetchJob(deps, job.jobId, options);
}

/** One person's days in the range, as stored, in date order. */
export interface PersonDays {
  userId: string;
  days: Array<DayRow & { fetchedAt: Date }>;
}

/** Stored days of the people, a chunk of people at a time (bounded memory for exports). */
export async function* readPersonDays(db: Db, userIds: readonly string[], from: string, to: string, chunk = 200): AsyncGenerator<PersonDays> {
  for (let i = 0; i < userIds.length; i += chunk) {
    const ids = userIds.slice(i, i + chunk);
    const rows = await db.attendanceDay.findMany({ where: { userId: { in: ids }, day: { gte: from, lte: to } }, orderBy: [{ userId: "asc" }, { day: "asc" }] });
    const byUser = new Map<string, PersonDays["days"]>(ids.map((id) => [id, []]));
    for (const r of rows) byUser.get(r.userId)?.push({ ...r, leave: parseDayLeave(r.leave) });
    for (const [userId, days] of byUser) yield { userId, days };
  }
}

export interface AttendanceReport {
  from: string;
  to: string;
  people: PersonSummary[];
  total: PersonSummary;
  leaveTypes: LeaveType[];
  /** The oldest and newest fetch among the report's days; null when nothing is stored. */
  freshness: { oldest: Date | null; newest: Date | null; byDay: Record<string, Date> };
  /** The fetch this build made; null when answered from the database alone. */
  fetch: FetchOutcome | null;
}

/** Summaries of stored days; a group filter keeps the people whose days were in that attendance group. */
export async function summarize(
  db: Db,
  userIds: readonly string[],
  from: string,
  to: string,
  types: readonly LeaveType[],
  groupId?: string,
  /** Sees each person's stored days as they are read (the views built in the same pass). */
  onPerson?: (person: PersonDays, summary: PersonSummary) => void,
): Promise<Omit<AttendanceReport, "fetch" | "leaveTypes">> {
  const typeMap = new Map(types.map((t) => [t.leaveCode, t]));
  const people: PersonSummary[] = [];
  const byDay: Record<string, Date> = {};
  let oldest: Date | null = null;
  let newest: Date | null = null;
  for await (const { userId, days } of readPersonDays(db, userIds, from, to)) {
    if (groupId !== undefined && !days.some((d) => d.groupId === groupId)) continue;
    const summary = emptySummary(userId);
    for (const d of days) {
      addDay(summary, d, typeMap);
      const seen = byDay[d.day];
      if (!seen || d.fetchedAt < seen) byDay[d.day] = d.fetchedAt;
      if (!oldest || d.fetchedAt < oldest) oldest = d.fetchedAt;
      if (!newest || d.fetchedAt > newest) newest = d.fetchedAt;
    }
    people.push(summary);
    onPerson?.({ userId, days }, summary);
  }
  return { from, to, people, total: totalOf(people), freshness: { oldest, newest, byDay } };
}

/** Builds the report: fetches what is missing or can still change, then reads it all from the database. */
export async function buildAttendanceReport(
  deps: AttendanceDeps,
  query: ReportQuery,
  options: FetchOptions & { refresh?: RefreshOptions; onJob?: (jobId: string, estimate: number) => void },
): Promise<AttendanceReport> {
  const q = reportQuerySchema.parse(query);
  const userIds = await scopePeople(deps.db, q);
  const fetch = await ensureFetched(deps, userIds, q.from, q.to, options);
  if (fetch && fetch.status !== "done") {
    throw new Error(`the attendance fetch stopped (${fetch.status}${fetch.error ? `: ${fetch.error}` : ""}); ${fetch.windowsDone} of ${fetch.windowsTotal} windows are in and it resumes from there`);
  }
  const types = await leaveTypes(deps, false, options.callArea);
  return { ...(await summarize(deps.db, userIds, q.from, q.to, types, q.groupId)), leaveTypes: types, fetch };
}
