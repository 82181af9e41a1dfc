import { afterAll, beforeAll, expect, it } from "vitest";
import { attendanceGroups, groupOf } from "@/emulator/attendance/groups";
import { attendanceDay, LEAVE_TYPES, type AttendanceDay } from "@/emulator/attendance/punches";
import { isWorkday } from "@/emulator/attendance/workdays";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import type { Db } from "@/lib/db/client";
import { runFullSync } from "@/lib/directory/sync/full-sync";
import { clearDirectory, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { addDaysTo, shanghaiDay } from "@/lib/time";
import { strFromU8, unzipSync } from "fflate";
import { attendanceCsv, attendanceXlsx, databasePages, summaryHeader } from "./export";
import { createFetchJob, daysOf, runFetchJob, unfinishedFetchJobs } from "./fetch";
import { buildAttendanceReport, estimateBuild, fetchNeeds, markAttendanceStale, readPersonDays, scopePeople } from "./report";
import { addDay, emptySummary, SUMMARY_COLUMNS, type DayRow, type PersonSummary } from "./summary";

// The report against the emulator over HTTP, into SQLite and PostgreSQL, checked against the
// emulator's own punches and leave (its generator, read here directly), not the report's code.

const SEED = 12;
const USERS = 130;
const FROM = "2026-11-01";
const TO = "2026-11-30";
// The emulator runs without a QPS limit here; pacing at DingTalk's 20 a second is the benchmark's business.
const FAST = 10_000;
const RESULTS = "POST /attendance/list";
const LEAVE = "POST /topapi/attendance/getleavestatus";

/** DingTalk's monthly summary of one person, computed from the emulator's punches and leave. */
function expectedSummary(userId: string, hiredDay: string): PersonSummary {
  const groups = attendanceGroups(SEED);
  const group = groupOf(groups, SEED, userId);
  const s = emptySummary(userId);
  for (const date of daysOf(FROM, TO)) {
    if (date < hiredDay || !isWorkday(date)) {
      s.restDays++;
      continue;
    }
    s.plannedDays++;
    const day: AttendanceDay = attendanceDay(SEED, userId, date, group, Date.now());
    const valid = day.punches.filter((p) => !p.invalidRecordMsg);
    const leave = day.leave;
    if (leave) {
      const type = LEAVE_TYPES.find((t) => t.leaveCode === leave.leaveCode)!;
      const hoursPerDay = type.hoursInPerDay / 100;
      const amount = leave.durationUnit === "percent_day"
        ? (type.leaveViewUnit === "hour" ? (leave.durationPercent / 100) * hoursPerDay : leave.durationPercent / 100)
        : (type.leaveViewUnit === "hour" ? leave.durationPercent / 100 : leave.durationPercent / 100 / hoursPerDay);
      s.leave[leave.leaveCode] = Math.round(((s.leave[leave.leaveCode] ?? 0) + amount) * 100) / 100;
    }
    if (valid.length > 0) s.attendedDays++;
    const on = valid.find((p) => p.checkType === "OnDuty");
    const off = valid.find((p) => p.checkType === "OffDuty");
    const onCovered = leave !== null;
    const offCovered = leave?.fullDay === true;
    if (on?.timeResult === "Late") {
      s.lateCount++;
      s.lateMinutes += Math.floor((on.userCheckTime - on.baseCheckTime) / 60_000);
    }
    if (on?.timeResult === "SeriousLate") {
      s.seriousLateCount++;
      s.seriousLateMinutes += Math.floor((on.userCheckTime - on.baseCheckTime) / 60_000);
    }
    if (on?.timeResult === "Absenteeism") s.absentLateCount++;
    if (!on && !onCovered) s.missedOnDuty++;
    if (off?.timeResult === "Early") {
      s.earlyCount++;
      s.earlyMinutes += Math.ceil((off.baseCheckTime - off.userCheckTime) / 60_000);
    }
    if (!off && !offCovered) s.missedOffDuty++;
    if (!on && !off && !leave) s.absentDays++;
    s.outsideCount += valid.filter((p) => p.locationResult === "Outside").length;
  }
  return s;
}

describeEachDatabase("attendance report", ({ db }) => {
  let org: EmulatorOrg;
  let people: string[];
  let hired: Map<string, string>;
  let rootId: number;

  const deps = () => ({ db: db(), client: org.client });
  // An idle keep-alive connection may be closed by the emulator just as it is reused: asked again once.
  const stats = () => org.control.stats().catch(() => org.control.stats());
  const callsOf = async (path: string) => (await stats()).calls[path] ?? 0;
  const attendanceCalls = async () => {
    const { calls } = await stats();
    return Object.entries(calls).filter(([k]) => k.includes("/attendance/")).reduce((n, [, v]) => n + v, 0);
  };

  async function clearAttendance(d: Db) {
    await d.$transaction([d.attendanceDay.deleteMany(), d.attendanceStaleDay.deleteMany(), d.attendanceFetchWindow.deleteMany(), d.attendanceFetchJob.deleteMany(), d.attendanceLeaveType.deleteMany()]);
  }

  beforeAll(async () => {
    await clearDirectory(db());
    org = await startEmulatorOrg({ users: USERS, departments: 9, seed: SEED });
    const sync = await runFullSync({ db: db(), client: org.client }, { startedBy: "test" });
    expect(sync?.status).toBe("done");
    const root = await db().directoryDepartment.findFirstOrThrow({ where: { parentId: null } });
    rootId = root.deptId;
    people = await scopePeople(db(), { deptIds: [rootId] });
    const rows = await db().directoryUser.findMany({ select: { userId: true, hiredAt: true } });
    hired = new Map(rows.map((r) => [r.userId, r.hiredAt ? shanghaiDay(r.hiredAt) : "1970-01-01"]));
  }, 60_000);

  afterAll(async () => {
    await org.close();
  });

  it("counts a seeded month as the emulator's punches and leave do, person by person, with totals equal to the rows, and rebuilds from the database with no call", async () => {
    await clearAttendance(db());
    expect(people).toHaveLength(USERS);
    const estimate = await estimateBuild(deps(), people, FROM, TO, { quota: 10_000, used: 9_990 });
    expect(estimate.personDays).toBe(people.length * 30);
    await org.control.resetStats();
    const report = await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST });
    expect(report.fetch?.status).toBe("done");
    // Known before the fetch: close to what it cost, its share of the quota, and a confirmation when it exceeds what is left.
    const spent = (await attendanceCalls()) ?? 0;
    expect(estimate.estimate.calls).toBeGreaterThanOrEqual(spent * 0.8);
    expect(estimate.estimate.calls).toBeLessThanOrEqual(spent * 1.3);
    expect(estimate.estimate).toMatchObject({ share: estimate.estimate.calls / 10_000, remaining: 10, confirm: true });
    expect((await estimateBuild(deps(), people, FROM, TO, { quota: 10_000, used: 0 })).estimate).toMatchObject({ calls: 0, confirm: false });
    expect(report.people.map((p) => p.userId)).toEqual(people);
    for (const row of report.people) expect(row).toEqual(expectedSummary(row.userId, hired.get(row.userId)!));
    for (const [key] of SUMMARY_COLUMNS) expect(report.total[key]).toBe(report.people.reduce((n, p) => n + p[key], 0));
    expect(report.total.lateCount).toBeGreaterThan(0);
    expect(Object.keys(report.total.leave).length).toBeGreaterThan(0);
    expect(report.leaveTypes.map((t) => t.name).sort()).toEqual(["事假", "年假", "病假"]);

    // The minimum: every 50 people × 7 days window's pages, nothing fetched twice.
    const results = await callsOf(RESULTS);
    let minimum = 0;
    for (let u = 0; u < people.length; u += 50) {
      for (let d = FROM; d <= TO; d = addDaysTo(d, 7)) {
        const last = [addDaysTo(d, 6), TO].sort()[0];
        const checks = people.slice(u, u + 50).reduce((n, id) => n + daysOf(d, last).filter((x) => x >= hired.get(id)! && isWorkday(x)).length * 2, 0);
        minimum += Math.max(1, Math.ceil(checks / 50));
      }
    }
    expect(results).toBe(minimum);
    expect(report.fetch?.apiCalls).toBe(results + (await callsOf(LEAVE)));

    await org.control.resetStats();
    const again = await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST });
    expect(await attendanceCalls()).toBe(0);
    expect(again.fetch).toBeNull();
    expect(again.people).toEqual(report.people);
  }, 120_000);

  it("shows a half-day leave in its leave type's column and no absence that day", async () => {
    const groups = attendanceGroups(SEED);
    let found: { userId: string; date: string; code: string } | undefined;
    for (const userId of people) {
      for (const date of daysOf(FROM, TO)) {
        const leave = attendanceDay(SEED, userId, date, groupOf(groups, SEED, userId), Date.now()).leave;
        if (date >= hired.get(userId)! && leave && leave.durationUnit === "percent_day" && leave.durationPercent === 50) found ??= { userId, date, code: leave.leaveCode };
      }
    }
    expect(found).toBeDefined();
    const { userId, date, code } = found!;
    const report = await buildAttendanceReport(deps(), { userIds: [userId], from: date, to: date }, { startedBy: "hr-1", callsPerSecond: FAST });
    const type = LEAVE_TYPES.find((t) => t.leaveCode === code)!;
    expect(report.people[0].leave[code]).toBe(type.leaveViewUnit === "hour" ? type.hoursInPerDay / 200 : 0.5);
    expect(report.people[0]).toMatchObject({ plannedDays: 1, absentDays: 0, missedOnDuty: 0 });
    const read: Array<{ days: DayRow[] }> = [];
    for await (const person of readPersonDays(db(), [userId], date, date)) read.push(person);
    const [{ days }] = read;
    expect(days[0]).toMatchObject({ onDutySource: "APPROVE", onDutyResult: "Normal", leave: [{ code, percent: 50, unit: "percent_day" }] });
    const alone = emptySummary(userId);
    addDay(alone, days[0], new Map(report.leaveTypes.map((t) => [t.leaveCode, t])));
    expect(alone.absentDays).toBe(0);
  });

  it("refreshes one day with only that day's windows, and fetches again only the days marked stale", async () => {
    const before = await db().attendanceDay.findMany({ where: { day: { lt: TO } }, orderBy: [{ userId: "asc" }, { day: "asc" }] });
    await org.control.resetStats();
    const refreshed = await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST, refresh: { days: { from: TO, to: TO } } });
    expect(refreshed.fetch?.status).toBe("done");
    const checksOnDay = (ids: string[]) => ids.filter((id) => TO >= hired.get(id)! && isWorkday(TO)).length * 2;
    let expected = 0;
    for (let u = 0; u < people.length; u += 50) expected += Math.max(1, Math.ceil(checksOnDay(people.slice(u, u + 50)) / 50));
    expect(await callsOf(RESULTS)).toBe(expected);
    expect(await callsOf(LEAVE)).toBe(Math.ceil(people.length / 100));
    // The other days were not touched.
    expect(await db().attendanceDay.findMany({ where: { day: { lt: TO } }, orderBy: [{ userId: "asc" }, { day: "asc" }] })).toEqual(before);
    for (const row of refreshed.people) expect(row).toEqual(expectedSummary(row.userId, hired.get(row.userId)!));

    // A day fetched before it was over can still change: the next build fetches it again.
    await db().attendanceDay.update({ where: { userId_day: { userId: people[5], day: "2026-11-20" } }, data: { fetchedAt: new Date("2026-11-20T10:00:00+08:00") } });
    expect([...(await fetchNeeds(deps(), people, FROM, TO))]).toEqual([[people[5], ["2026-11-20"]]]);
    await buildAttendanceReport(deps(), { userIds: [people[5]], from: "2026-11-20", to: "2026-11-20" }, { startedBy: "hr-1", callsPerSecond: FAST });

    await markAttendanceStale(db(), people[3], "2026-11-10", "2026-11-11");
    const needs = await fetchNeeds(deps(), people, FROM, TO);
    expect([...needs]).toEqual([[people[3], ["2026-11-10", "2026-11-11"]]]);
    await org.control.resetStats();
    await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST });
    expect(await callsOf(RESULTS)).toBe(1);
    expect(await callsOf(LEAVE)).toBe(1);
    expect((await fetchNeeds(deps(), people, FROM, TO)).size).toBe(0);
  }, 60_000);

  it("resumes a fetch stopped halfway at the windows still to do, and ends with the same month", async () => {
    await clearAttendance(db());
    await org.control.resetStats();
    const needs = await fetchNeeds(deps(), people, FROM, TO);
    const job = await createFetchJob(deps(), needs, "hr-1");
    const stop = new AbortController();
    const timer = setInterval(() => {
      void db().attendanceFetchJob.findUnique({ where: { id: job.jobId } }).then((j) => {
        if (j && j.windowsDone >= 6) stop.abort();
      });
    }, 5);
    const first = await runFetchJob(deps(), job.jobId, { startedBy: "hr-1", callsPerSecond: FAST, signal: stop.signal, concurrency: 2 });
    clearInterval(timer);
    expect(first.status).toBe("interrupted");
    expect(first.windowsDone).toBeGreaterThanOrEqual(6);
    expect(first.windowsDone).toBeLessThan(first.windowsTotal);
    expect(await unfinishedFetchJobs(deps())).toEqual([job.jobId]);
    const firstCalls = await attendanceCalls();

    const second = await runFetchJob(deps(), job.jobId, { startedBy: "hr-1", callsPerSecond: FAST });
    expect(second).toMatchObject({ status: "done", windowsDone: second.windowsTotal });
    expect(await unfinishedFetchJobs(deps())).toEqual([]);
    // Windows already in were not fetched again: the second run cost only what was left.
    expect(await attendanceCalls()).toBe(second.apiCalls);
    expect(second.apiCalls - first.apiCalls).toBe((await attendanceCalls()) - firstCalls);

    await org.control.resetStats();
    const report = await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST });
    expect(report.fetch).toBeNull();
    for (const row of report.people) expect(row).toEqual(expectedSummary(row.userId, hired.get(row.userId)!));
  }, 60_000);

  it("exports the summary and the daily sheet as XLSX with frozen headers and as CSV, rows equal to the report's", async () => {
    const report = await buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST });
    const scope = { userIds: people, from: FROM, to: TO, leaveTypes: report.leaveTypes };
    const parts: Uint8Array[] = [];
    // Pages of 40 people: the sheets are read from the database in several pages.
    for await (const chunk of attendanceXlsx(db(), scope, databasePages(db(), scope, 40))) parts.push(chunk);
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const files = unzipSync(bytes);
    expect(strFromU8(files["xl/workbook.xml"])).toContain('name="月度汇总"');
    const sheet = (n: number) => {
      const xml = strFromU8(files[`xl/worksheets/sheet${n}.xml`]);
      expect(xml).toContain('state="frozen"');
      return [...xml.matchAll(/<row r="\d+">(.*?)<\/row>/g)].map((m) =>
        [...m[1].matchAll(/<c r="([A-Z]+)\d+"[^>]*>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>/g)].map((c) => c[2] !== undefined ? Number(c[2]) : c[3]));
    };
    const summary = sheet(1);
    const header = summaryHeader(report.leaveTypes);
    expect(summary[0]).toEqual(header);
    expect(summary).toHaveLength(people.length + 2);
    const byUser = new Map(report.people.map((p) => [p.userId, p]));
    for (const row of summary.slice(1, -1)) {
      const person = byUser.get(String(row[3]))!;
      expect(row.slice(4)).toEqual([...SUMMARY_COLUMNS.map(([k]) => person[k]), ...report.leaveTypes.map((t) => person.leave[t.leaveCode] ?? 0)]);
    }
    expect(summary.at(-1)!.slice(0, 1).concat(summary.at(-1)!.slice(1))).toEqual(["合计", ...SUMMARY_COLUMNS.map(([k]) => report.total[k]), ...report.leaveTypes.map((t) => report.total.leave[t.leaveCode] ?? 0)]);
    const daily = sheet(2);
    expect(daily).toHaveLength(people.length + 1);
    expect(daily[0].slice(4)).toEqual(daysOf(FROM, TO));
    const lateDays = daily.slice(1).flatMap((r) => r.slice(4)).filter((t) => String(t).startsWith("迟到")).length;
    expect(lateDays).toBe(report.total.lateCount);

    let csv = "";
    for await (const text of attendanceCsv(db(), scope, "summary")) csv += text;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(people.length + 2);
    expect(lines[0].replace("\uFEFF", "").split(",")).toEqual(header);
  });

  it("stops at DingTalk's quota refusal, resumable, with what was fetched kept", async () => {
    await clearAttendance(db());
    const { used } = await org.control.quota();
    await org.control.setQuota({ quota: used + 8 });
    try {
      await expect(buildAttendanceReport(deps(), { deptIds: [rootId], from: FROM, to: TO }, { startedBy: "hr-1", callsPerSecond: FAST, concurrency: 1 })).rejects.toThrow(/quota/);
      const [jobId] = await unfinishedFetchJobs(deps());
      const job = await db().attendanceFetchJob.findUniqueOrThrow({ where: { id: jobId } });
      expect(job).toMatchObject({ status: "interrupted" });
      expect(job.windowsDone).toBeLessThan(job.windowsTotal);
    } finally {
      await org.control.setQuota({ quota: null });
    }
  }, 60_000);
});
