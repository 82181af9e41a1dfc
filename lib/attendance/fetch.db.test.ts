import { expect, it } from "vitest";
import type { AttendanceResult, DingTalkClient, LeaveStatus } from "@/lib/dingtalk";
import { dialectOf } from "@/lib/db/sql-dialect";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { dayStart } from "@/lib/time";
import { createFetchJob, runFetchJob, upsertDays, type StoredDay } from "./fetch";

// The fetch's writes on both databases: its one-statement INSERT of a window's days against
// Prisma's own createMany, and results and leave answered in either order.

const DAYS = ["2026-10-05", "2026-10-06", "2026-10-07"];
const HOUR = 3_600_000;

function sampleDays(userId: string): StoredDay[] {
  return DAYS.map((day, i) => {
    const on = dayStart(day).getTime() + 9 * HOUR;
    return {
      userId, day, groupId: i === 2 ? null : "7", planned: i === 2 ? 0 : 2,
      onDutyResult: i === 2 ? null : "Late", onDutySource: i === 2 ? null : "USER",
      onDutyPlannedAt: i === 2 ? null : new Date(on), onDutyAt: i === 2 ? null : new Date(on + 754_321),
      offDutyResult: i === 0 ? "NotSigned" : null, offDutySource: i === 0 ? "SYSTEM" : null,
      offDutyPlannedAt: i === 0 ? new Date(on + 9 * HOUR) : null, offDutyAt: null,
      outside: i, leave: i === 1 ? `[{"code":"annual","percent":50,"unit":"percent_day"}]` : "[]", fetchedAt: new Date(Date.UTC(2026, 10, 1, 3, 4, 5, 678)),
    };
  });
}

/** One result per scheduled check, as `/attendance/list` sends it. */
function resultsOf(userIds: readonly string[]): AttendanceResult[] {
  return userIds.flatMap((userId, u) =>
    DAYS.flatMap((day, d) => {
      const base = dayStart(day).getTime() + 9 * HOUR;
      return (["OnDuty", "OffDuty"] as const).map((checkType, c) => ({
        id: u * 100 + d * 10 + c, userId, workDate: dayStart(day).getTime(), checkType,
        timeResult: checkType === "OnDuty" && d === 1 ? ("Late" as const) : ("Normal" as const), locationResult: "Normal" as const,
        baseCheckTime: base + c * 9 * HOUR, userCheckTime: base + c * 9 * HOUR + 60_000, groupId: 7, sourceType: "USER",
      }));
    }),
  );
}

/** A client answering from fixed results and leave, one of the two kinds held back until the other is in. */
function fakeClient(results: AttendanceResult[], leaves: LeaveStatus[], first: "results" | "leave"): Pick<DingTalkClient, "attendance"> {
  let firstDone!: () => void;
  const firstIn = new Promise<void>((resolve) => (firstDone = () => setTimeout(resolve, 50)));
  const answer = async <T>(kind: "results" | "leave", value: T): Promise<T> => {
    if (kind === first) firstDone();
    else await firstIn;
    return value;
  };
  return {
    attendance: {
      listResults: (q: { userIds: string[]; offset: number; limit: number }) => {
        const mine = results.filter((r) => q.userIds.includes(r.userId));
        return answer("results", { results: mine.slice(q.offset, q.offset + q.limit), hasMore: q.offset + q.limit < mine.length });
      },
      getLeaveStatus: (q: { userIds: string[]; offset: number; size: number }) => {
        const mine = leaves.filter((l) => q.userIds.includes(l.userId));
        return answer("leave", { leaves: mine.slice(q.offset, q.offset + q.size), hasMore: q.offset + q.size < mine.length });
      },
    } as unknown as DingTalkClient["attendance"],
  };
}

describeEachDatabase("attendance fetch writes", ({ db }) => {
  it("writes a window's days in one INSERT as Prisma's createMany writes them, and a day stored already keeps the columns not named", async () => {
    await db().attendanceDay.deleteMany();
    await db().attendanceDay.createMany({ data: sampleDays("by-prisma").map((r) => ({ ...r })) });
    const d = await dialectOf(db());
    await db().$transaction((tx) => upsertDays(tx, d, sampleDays("by-insert"), ["planned"]));
    const read = async (userId: string) =>
      (await db().attendanceDay.findMany({ where: { userId }, orderBy: { day: "asc" } })).map((r) => ({ ...r, userId: "" }));
    expect(await read("by-insert")).toEqual(await read("by-prisma"));
    // Stored the same way, they compare the same way: fetchNeeds counts days by fetchedAt.
    const at = new Date(Date.UTC(2026, 10, 1, 3, 4, 5, 678));
    for (const userId of ["by-prisma", "by-insert"]) {
      expect(await db().attendanceDay.count({ where: { userId, fetchedAt: { gte: at }, onDutyPlannedAt: { gt: new Date(0) } } })).toBe(2);
      expect(await db().attendanceDay.count({ where: { userId, fetchedAt: { gt: at } } })).toBe(0);
    }

    // Written again: only `planned` changes on the days already stored.
    const again = sampleDays("by-insert").map((r) => ({ ...r, planned: 9, outside: 5, leave: "[]" }));
    await db().$transaction((tx) => upsertDays(tx, d, again, ["planned"]));
    const after = await read("by-insert");
    expect(after.map((r) => r.planned)).toEqual([9, 9, 9]);
    expect(after.map((r) => ({ ...r, planned: 0 }))).toEqual((await read("by-prisma")).map((r) => ({ ...r, planned: 0 })));
  });

  it("stores the same days whichever of a window's leave and its results DingTalk answers first, the leave kept by the results", async () => {
    const people = ["p-1", "p-2", "p-3"];
    const leaves: LeaveStatus[] = [
      { userId: "p-2", startTime: dayStart(DAYS[1]).getTime() + 9 * HOUR, endTime: dayStart(DAYS[1]).getTime() + 13 * HOUR, durationPercent: 50, durationUnit: "percent_day", leaveCode: "annual" },
    ];
    const stored: unknown[] = [];
    for (const first of ["leave", "results"] as const) {
      await db().$transaction([db().attendanceDay.deleteMany(), db().attendanceFetchWindow.deleteMany(), db().attendanceFetchJob.deleteMany()]);
      // A leave fetched earlier and since withdrawn: the new fetch must clear it, in either order.
      await db().attendanceDay.create({ data: { ...sampleDays("p-1")[1], fetchedAt: new Date(0) } });
      const deps = { db: db(), client: fakeClient(resultsOf(people), leaves, first) };
      const job = await createFetchJob(deps, new Map(people.map((p) => [p, DAYS])), "hr");
      const outcome = await runFetchJob(deps, job.jobId, { startedBy: "hr", callsPerSecond: 1000 });
      expect(outcome.status).toBe("done");
      const rows = await db().attendanceDay.findMany({ orderBy: [{ userId: "asc" }, { day: "asc" }] });
      stored.push(rows.map((r) => ({ ...r, fetchedAt: r.fetchedAt.getTime() > 0 })));
    }
    expect(stored[0]).toEqual(stored[1]);
    const rows = stored[0] as Array<{ userId: string; day: string; leave: string; planned: number; fetchedAt: boolean; onDutyResult: string | null }>;
    expect(rows).toHaveLength(people.length * DAYS.length);
    expect(rows.every((r) => r.fetchedAt && r.planned === 2)).toBe(true);
    expect(rows.filter((r) => r.leave !== "[]").map((r) => [r.userId, r.day, JSON.parse(r.leave)])).toEqual([
      ["p-2", DAYS[1], [{ code: "annual", percent: 50, unit: "percent_day" }]],
    ]);
    expect(rows.filter((r) => r.onDutyResult === "Late").map((r) => r.day)).toEqual([DAYS[1], DAYS[1], DAYS[1]]);
  });

  it("writes no results when a leave window failed: a day counted as fetched always has its leave", async () => {
    await db().$transaction([db().attendanceDay.deleteMany(), db().attendanceFetchWindow.deleteMany(), db().attendanceFetchJob.deleteMany()]);
    const people = ["p-1", "p-2"];
    const client = fakeClient(resultsOf(people), [], "results");
    client.attendance.getLeaveStatus = async () => {
      await new Promise((r) => setTimeout(r, 100));
      throw new Error("leave status unavailable");
    };
    const deps = { db: db(), client };
    const job = await createFetchJob(deps, new Map(people.map((p) => [p, DAYS])), "hr");
    const outcome = await runFetchJob(deps, job.jobId, { startedBy: "hr", callsPerSecond: 1000 });
    expect(outcome).toMatchObject({ status: "failed", windowsDone: 0, error: "leave status unavailable" });
    expect(await db().attendanceDay.count()).toBe(0);
  });
});
