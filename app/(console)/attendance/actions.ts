"use server";

import { z } from "zod";
import { attendanceAccess, visiblePeople } from "@/lib/attendance/access";
import { attemptDelivery, PERIODS, subscribe } from "@/lib/attendance/delivery";
import { createFetchJob, runFetchJob, type FetchOutcome } from "@/lib/attendance/fetch";
import { groupsToFetch, refreshAttendanceGroups } from "@/lib/attendance/groups";
import { fetchNeeds, leaveTypes, MAX_REPORT_DAYS } from "@/lib/attendance/report";
import { env } from "@/lib/env";
import { serverAction } from "@/lib/server/action";
import { ActionFailure } from "@/lib/server/action-errors";
import { getDingTalk } from "@/lib/server/dingtalk";
import { daysBetween, parseDay } from "@/lib/time";

// The report page's writes: start (or resume) the fetch a report needs, subscribe a scope to
// scheduled delivery, end a subscription, try a failed delivery again.

const idList = (item: RegExp, max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .default("")
    .refine((v) => v === "" || v.split(",").every((p) => item.test(p)))
    .transform((v) => (v === "" ? [] : [...new Set(v.split(","))]));

const scopeFields = {
  depts: idList(/^[1-9]\d{0,9}$/, 2_000).transform((ids) => ids.map(Number)),
  sub: z.enum(["1", "0"]).default("1"),
  users: idList(/^[\w.@-]{1,64}$/, 70_000),
  group: z.string().trim().max(20).regex(/^\d*$/).default(""),
};

const day = z.string().refine((v) => parseDay(v) !== null);
const bothDays = (q: { from: unknown; to: unknown }) => typeof q.from === "string" && typeof q.to === "string" && parseDay(q.from) !== null && parseDay(q.to) !== null;

const reportInput = z
  .object({ ...scopeFields, from: day, to: day, estimatedCalls: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).optional()) })
  // zod runs these even when a field failed: each checks only what parsed.
  .refine((q) => !Array.isArray(q.depts) || !Array.isArray(q.users) || q.depts.length + q.users.length > 0, { message: "attendance.errors.scopeRequired", path: ["depts"] })
  .refine((q) => !bothDays(q) || q.from <= q.to, { message: "attendance.errors.rangeReversed", path: ["to"] })
  .refine((q) => !bothDays(q) || daysBetween(q.from, q.to) + 1 <= MAX_REPORT_DAYS, { message: "attendance.errors.rangeTooLong", path: ["to"] });

// The fetches started here, until they end: each audit entry waits for its fetch, to record every call.
const running = new Map<string, Promise<FetchOutcome>>();

interface FetchStarted {
  jobId: string | null;
}

/** Fetches what the report lacks (or what can still change) in the background; the page polls the job's row. */
export const startFetchAction = serverAction({
  permission: "attendance.read.ownDepartments",
  input: reportInput,
  audit: {
    action: "attendance.fetch",
    target: (i) => ({ type: "attendanceReport", id: `${i.from}..${i.to}` }),
    requestIdOf: (d: FetchStarted) => d.jobId ?? undefined,
    settledBy: (d: FetchStarted) => (d.jobId ? running.get(d.jobId) : undefined),
  },
  async run(input, { db, actor }): Promise<FetchStarted> {
    const access = await attendanceAccess(db, actor);
    const { userIds, outside } = await visiblePeople(db, access, { deptIds: input.depts, includeSub: input.sub === "1", userIds: input.users });
    if (outside > 0) throw new ActionFailure("ATTENDANCE_OUTSIDE_SCOPE", "depts");
    if (userIds.length === 0) throw new ActionFailure("ATTENDANCE_EMPTY_SCOPE", "depts");
    const deps = { db, client: getDingTalk() };
    const needs = await fetchNeeds(deps, userIds, input.from, input.to);
    if (needs.size === 0) return { jobId: null };
    const job = await createFetchJob(deps, needs, actor.userId);
    // Shown as running from the first poll; should this process die, its stale heartbeat lets the schedule resume it.
    await db.attendanceFetchJob.update({ where: { id: job.jobId }, data: { status: "running", heartbeatAt: new Date() } });
    const finished = runFetchJob(deps, job.jobId, { startedBy: actor.userId }).then(async (outcome) => {
      // The leave types' names head the leave columns; fetched once, with the first report. The
      // groups' names label the group choice; fetched again when a result names a group not known.
      if (outcome.status === "done") {
        await leaveTypes(deps).catch((error: unknown) => console.warn("[attendance] leave types:", error));
        if (await groupsToFetch(db)) await refreshAttendanceGroups(deps).catch((error: unknown) => console.warn("[attendance] groups:", error));
      }
      return outcome;
    });
    running.set(job.jobId, finished);
    void finished.catch((error: unknown) => console.warn("[attendance] fetch failed:", error)).finally(() => running.delete(job.jobId));
    return { jobId: job.jobId };
  },
});

export const subscribeAction = serverAction({
  permission: "attendance.subscribe",
  input: z
    .object({ ...scopeFields, period: z.enum(PERIODS) })
    .refine((q) => !Array.isArray(q.depts) || !Array.isArray(q.users) || q.depts.length + q.users.length > 0, { message: "attendance.errors.scopeRequired", path: ["depts"] }),
  audit: { action: "attendance.subscribe", target: () => ({ type: "attendanceSubscription" }) },
  async run(input, { db, actor }) {
    // A subscription names departments as chosen; with "only this department" it names its direct members instead.
    const scope = input.sub === "1" ? { deptIds: input.depts, userIds: input.users } : { deptIds: [], userIds: await directMembers(db, input.depts, input.users) };
    return { id: await subscribe(db, actor.userId, { ...scope, ...(input.group ? { groupId: input.group } : {}) }, input.period) };
  },
  revalidate: ["/attendance/subscriptions"],
});

async function directMembers(db: Parameters<typeof visiblePeople>[0], deptIds: number[], userIds: string[]): Promise<string[]> {
  const members = await db.directoryMembership.findMany({ where: { deptId: { in: deptIds } }, select: { userId: true } });
  return [...new Set([...members.map((m) => m.userId), ...userIds])].sort();
}

const idInput = z.object({ id: z.string().trim().uuid() });

export const unsubscribeAction = serverAction({
  permission: "attendance.subscribe",
  input: idInput,
  audit: { action: "attendance.unsubscribe", target: (i) => ({ type: "attendanceSubscription", id: i.id }) },
  async run({ id }, { db }) {
    const done = await db.attendanceSubscription.updateMany({ where: { id, removedAt: null }, data: { removedAt: new Date() } });
    if (done.count === 0) throw new ActionFailure("ATTENDANCE_NO_SUBSCRIPTION", "id");
  },
  revalidate: ["/attendance/subscriptions"],
});

/** A failed delivery attempted again now, as the person who asked. */
export const retryDeliveryAction = serverAction({
  permission: "attendance.subscribe",
  input: idInput,
  audit: { action: "attendance.delivery.retry", target: (i) => ({ type: "attendanceDelivery", id: i.id }) },
  async run({ id }, { db, actor }) {
    const delivery = await db.attendanceDelivery.findUnique({ where: { id } });
    if (!delivery || delivery.status === "sent") throw new ActionFailure("ATTENDANCE_NO_DELIVERY", "id");
    return { status: await attemptDelivery({ db, client: getDingTalk(), baseUrl: env().NEXTAUTH_URL }, id, "retry", actor) };
  },
  revalidate: ["/attendance/subscriptions"],
});
