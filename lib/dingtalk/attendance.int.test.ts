import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { planAttendanceQueries, type AttendanceResult } from "./attendance";
import { createDingTalkClient, type DingTalkClient } from "./client";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";

let emu: RunningEmulator;
let other: RunningEmulator;
let client: DingTalkClient;
let otherClient: DingTalkClient;
let userIds: string[];
let otherUserIds: string[];

function clientOf(e: RunningEmulator): DingTalkClient {
  return createDingTalkClient({ appKey: e.appKey, appSecret: e.appSecret, oapiBase: e.url, apiBase: e.url, loginBase: e.url, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
}

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

/** The raw call, past the client's own checks, to see what DingTalk itself answers. */
function rawList(body: Record<string, unknown>) {
  return client.call({ host: "oapi", method: "POST", path: "/attendance/list", body, schema: z.unknown(), idempotent: true });
}

const shanghaiDate = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
// A past week with a holiday run and a swapped Saturday: 10-05..07 off (国庆), 10-08..10 worked, 10-11 Sunday.
const WEEK = { from: "2026-10-05", to: "2026-10-11" };

beforeAll(async () => {
  [emu, other] = await Promise.all([startEmulator({ port: 0, users: 150, seed: 11 }), startEmulator({ port: 0, users: 150, seed: 12 })]);
  client = clientOf(emu);
  otherClient = clientOf(other);
  userIds = (await new EmulatorControl(emu.url, emu.controlToken).users({ limit: 120 })).users.map((u) => u.userId);
  otherUserIds = (await new EmulatorControl(other.url, other.controlToken).users({ limit: 120 })).users.map((u) => u.userId);
});

afterAll(async () => {
  await Promise.all([emu?.close(), other?.close()]);
});

describe("attendance results", () => {
  it("are the same on every call and differ between seeds", async () => {
    const query = { userIds: userIds.slice(0, 50), ...WEEK };
    const first = await collect(client.attendance.iterateResults(query));
    const second = await collect(client.attendance.iterateResults(query));
    expect(first.length).toBeGreaterThan(200);
    expect(second).toEqual(first);
    const shape = (rs: AttendanceResult[]) => rs.map((r) => `${r.checkType}:${r.timeResult}:${r.userCheckTime - r.baseCheckTime}`);
    const elsewhere = await collect(otherClient.attendance.iterateResults({ userIds: otherUserIds.slice(0, 50), ...WEEK }));
    expect(shape(elsewhere)).not.toEqual(shape(first));
  });

  it("have nothing on weekends and holidays", async () => {
    const results = await collect(client.attendance.iterateResults({ userIds: userIds.slice(0, 50), ...WEEK }));
    expect(new Set(results.map((r) => shanghaiDate(r.workDate)))).toEqual(new Set(["2026-10-08", "2026-10-09", "2026-10-10"]));
    const holiday = await client.attendance.listResults({ userIds: userIds.slice(0, 50), from: "2026-10-01", to: "2026-10-07", offset: 0, limit: 50 });
    expect(holiday).toEqual({ results: [], hasMore: false });
  });

  it("page by 50 with hasMore, the pages adding up to the whole", async () => {
    const query = { userIds: userIds.slice(0, 20), from: "2026-09-07", to: "2026-09-11" };
    const pages: AttendanceResult[][] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await client.attendance.listResults({ ...query, offset, limit: 50 });
      pages.push(page.results);
      expect(page.results.length).toBeLessThanOrEqual(50);
      if (!page.hasMore) break;
      expect(page.results).toHaveLength(50);
    }
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const flat = pages.flat();
    expect(new Set(flat.map((r) => r.id)).size).toBe(flat.length);
    expect(await collect(client.attendance.iterateResults(query))).toEqual(flat);
    // 20 people × 5 workdays × 2 checks, less the few not yet known.
    expect(flat.length).toBe(200);
  });

  it("refuse a span over 7 days, over 50 users and a page over 50 with DingTalk's errors", async () => {
    const base = { workDateFrom: "2026-09-01 00:00:00", workDateTo: "2026-09-07 00:00:00", userIdList: userIds.slice(0, 5), offset: 0, limit: 50 };
    await expect(rawList(base)).resolves.toMatchObject({ errcode: 0 });
    const span = await failureOf(rawList({ ...base, workDateTo: "2026-09-08 00:00:00" }));
    expect(span.code).toBe("400002");
    expect(span.message).toContain("7");
    const users = await failureOf(rawList({ ...base, userIdList: userIds.slice(0, 51) }));
    expect(users.code).toBe("400002");
    expect(users.message).toContain("50");
    const limit = await failureOf(rawList({ ...base, limit: 51 }));
    expect(limit.code).toBe("400002");
    const missing = await failureOf(rawList({ ...base, userIdList: undefined }));
    expect(missing.code).toBe("40035");
    // The client says so before sending.
    await expect(client.attendance.listResults({ userIds: userIds.slice(0, 51), ...WEEK, offset: 0, limit: 50 })).rejects.toThrow(RangeError);
    await expect(client.attendance.listResults({ userIds: userIds.slice(0, 5), from: "2026-09-01", to: "2026-09-08", offset: 0, limit: 50 })).rejects.toThrow(/7 days/);
  });

  it("cover 60 people over two weeks in the planned windows, each person and workday once", async () => {
    const people = userIds.slice(0, 60);
    const plan = planAttendanceQueries(people, "2026-09-07", "2026-09-18");
    expect(plan).toHaveLength(2 * 2);
    const seen = new Set<string>();
    for (const window of plan) {
      for (const r of await collect(client.attendance.iterateResults(window))) {
        const key = `${r.userId}|${shanghaiDate(r.workDate)}|${r.checkType}`;
        expect(seen.has(key)).toBe(false);
        seen.add(key);
      }
    }
    // 60 people × 10 workdays × 2 checks, less the days before someone was hired.
    expect(seen.size).toBeGreaterThan(1000);
    expect(seen.size).toBeLessThanOrEqual(1200);
  });
});

describe("raw punches", () => {
  it("hold the punch behind each signed result and obey the same limits", async () => {
    const query = { userIds: userIds.slice(0, 10), ...WEEK };
    const records = await client.attendance.listRecords(query);
    const results = await collect(client.attendance.iterateResults(query));
    const recordIds = new Set(records.map((r) => r.id));
    for (const r of results.filter((x) => x.sourceType === "USER")) expect(recordIds.has(r.recordId ?? -1)).toBe(true);
    expect(records.every((r) => r.userAddress !== "")).toBe(true);
    const span = await failureOf(client.call({ host: "oapi", method: "POST", path: "/attendance/listRecord", body: { userIds: userIds.slice(0, 2), checkDateFrom: "2026-09-01 00:00:00", checkDateTo: "2026-09-10 00:00:00" }, schema: z.unknown(), idempotent: true }));
    expect(span.code).toBe("400002");
  });
});

describe("leave status and groups", () => {
  it("lists leaves consistent with the results, a page of 20 at a time", async () => {
    const ids = userIds.slice(0, 100);
    const startTime = Date.parse("2026-06-01T00:00:00+08:00");
    const endTime = Date.parse("2026-08-31T00:00:00+08:00");
    const leaves = await collect(client.attendance.iterateLeaveStatus({ userIds: ids, startTime, endTime }));
    expect(leaves.length).toBeGreaterThan(20);
    const first = await client.attendance.getLeaveStatus({ userIds: ids, startTime, endTime, offset: 0, size: 20 });
    expect(first.hasMore).toBe(true);
    expect(first.leaves).toEqual(leaves.slice(0, 20));
    for (const l of leaves) {
      expect(ids).toContain(l.userId);
      expect(l.endTime).toBeGreaterThan(l.startTime);
      expect(["percent_day", "percent_hour"]).toContain(l.durationUnit);
    }
    // A full-day leave shows in the results as covered by the approval.
    const full = leaves.find((l) => l.durationUnit === "percent_day" && l.durationPercent === 100);
    expect(full).toBeDefined();
    if (!full) return;
    const date = shanghaiDate(full.startTime);
    const that = await client.attendance.listResults({ userIds: [full.userId], from: date, to: date, offset: 0, limit: 50 });
    expect(that.results.map((r) => r.sourceType)).toEqual(["APPROVE", "APPROVE"]);

    const tooMany = await failureOf(client.call({ host: "oapi", method: "POST", path: "/topapi/attendance/getleavestatus", body: { userid_list: userIds.slice(0, 101).join(","), start_time: startTime, end_time: endTime, offset: 0, size: 20 }, schema: z.unknown(), idempotent: true }));
    expect(tooMany.code).toBe("400002");
    const tooLong = await failureOf(client.call({ host: "oapi", method: "POST", path: "/topapi/attendance/getleavestatus", body: { userid_list: ids[0], start_time: startTime, end_time: startTime + 181 * 86_400_000, offset: 0, size: 20 }, schema: z.unknown(), idempotent: true }));
    expect(tooLong.code).toBe("400002");
    const bigPage = await failureOf(client.call({ host: "oapi", method: "POST", path: "/topapi/attendance/getleavestatus", body: { userid_list: ids[0], start_time: startTime, end_time: endTime, offset: 0, size: 21 }, schema: z.unknown(), idempotent: true }));
    expect(bigPage.code).toBe("400002");
  });

  it("lists the attendance groups with everyone in one of them", async () => {
    const groups = await collect(client.attendance.iterateGroups({ pageSize: 2 }));
    expect(groups.length).toBeGreaterThanOrEqual(3);
    expect(new Set(groups.map((g) => g.groupId)).size).toBe(groups.length);
    expect(groups.reduce((n, g) => n + g.memberCount, 0)).toBe(150);
    const results = await client.attendance.listResults({ userIds: userIds.slice(0, 50), ...WEEK, offset: 0, limit: 50 });
    const known = new Set(groups.map((g) => g.groupId));
    expect(results.results.every((r) => r.groupId !== undefined && known.has(r.groupId))).toBe(true);
  });
});
