import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EmulatorControl, type OrgUserRow } from "@/emulator/control-client";
import { startEmulator, type RunningEmulator } from "@/emulator/server";
import { createDingTalkClient, type DingTalkClient } from "./client";
import { DingTalkError } from "./errors";
import { collect } from "./pagination";

let emu: RunningEmulator;
let control: EmulatorControl;
let client: DingTalkClient;
let people: OrgUserRow[];

async function failureOf(promise: Promise<unknown>): Promise<DingTalkError> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof DingTalkError)) throw new Error(`expected a DingTalkError, got ${String(outcome)}`);
  return outcome;
}

const meeting = (summary: string, start: string, end: string) => ({
  summary,
  start: { dateTime: start, timeZone: "Asia/Shanghai" },
  end: { dateTime: end, timeZone: "Asia/Shanghai" },
});

beforeAll(async () => {
  emu = await startEmulator({ port: 0, users: 60, seed: 3 });
  control = new EmulatorControl(emu.url, emu.controlToken);
  client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } });
  people = (await control.users({ limit: 10 })).users;
});

afterAll(async () => {
  await emu?.close();
});

beforeEach(async () => {
  await control.reset();
});

describe("calendar events", () => {
  it("creates, reads, updates and deletes an event", async () => {
    const [alice, bob] = people;
    const created = await client.calendar.createEvent(alice.unionId, {
      ...meeting("季度复盘", "2026-03-02T10:00:00+08:00", "2026-03-02T11:30:00+08:00"),
      description: "Q1 复盘",
      attendees: [{ id: bob.unionId, isOptional: true }],
      location: { displayName: "3F 会议室" },
      reminders: [{ method: "dingtalk", minutes: 30 }],
      onlineMeetingInfo: { type: "dingtalk" },
    });
    expect(created.id).toBeTruthy();
    expect(created.organizer).toMatchObject({ id: alice.unionId, displayName: alice.name, self: true });
    expect(created.attendees).toEqual([expect.objectContaining({ id: bob.unionId, isOptional: true, responseStatus: "needsAction", self: false })]);
    expect(created.onlineMeetingInfo?.url).toMatch(/^https:\/\/meeting\.dingtalk\.com\//);
    expect(created.reminders).toEqual([{ method: "dingtalk", minutes: 30 }]);

    const fetched = await client.calendar.getEvent(alice.unionId, created.id);
    expect(fetched).toEqual(created);

    const updated = await client.calendar.updateEvent(alice.unionId, created.id, {
      summary: "季度复盘（改期）",
      start: { dateTime: "2026-03-03T14:00:00+08:00", timeZone: "Asia/Shanghai" },
      end: { dateTime: "2026-03-03T15:00:00+08:00", timeZone: "Asia/Shanghai" },
    });
    expect(updated.summary).toBe("季度复盘（改期）");
    expect(updated.start.dateTime).toBe("2026-03-03T14:00:00+08:00");
    expect(updated.attendees.map((a) => a.id)).toEqual([bob.unionId]);

    await client.calendar.deleteEvent(alice.unionId, created.id);
    const gone = await failureOf(client.calendar.getEvent(alice.unionId, created.id));
    expect(gone.httpStatus).toBe(404);
    const listed = await client.calendar.listEvents(alice.unionId, { showDeleted: true });
    expect(listed.events.map((e) => [e.id, e.status])).toEqual([[created.id, "cancelled"]]);
    expect((await client.calendar.listEvents(alice.unionId)).events).toEqual([]);
  });

  it("keeps all-day events and local times in a named zone", async () => {
    const [alice] = people;
    const allDay = await client.calendar.createEvent(alice.unionId, { summary: "团建", start: { date: "2026-04-10" }, end: { date: "2026-04-11" }, isAllDay: true });
    expect(allDay.isAllDay).toBe(true);
    // 09:00 in Tokyo is 08:00 in Shanghai: inside a window that starts at 08:00 Shanghai time.
    const tokyo = await client.calendar.createEvent(alice.unionId, {
      summary: "东京电话会", start: { dateTime: "2026-04-10T09:00:00", timeZone: "Asia/Tokyo" }, end: { dateTime: "2026-04-10T09:30:00", timeZone: "Asia/Tokyo" },
    });
    const window = await client.calendar.listEvents(alice.unionId, { timeMin: "2026-04-10T08:00:00+08:00", timeMax: "2026-04-10T08:30:00+08:00" });
    expect(window.events.map((e) => e.id).sort()).toEqual([allDay.id, tokyo.id].sort());
    const later = await client.calendar.listEvents(alice.unionId, { timeMin: "2026-04-10T08:30:00+08:00", timeMax: "2026-04-10T09:00:00+08:00" });
    expect(later.events.map((e) => e.id)).toEqual([allDay.id]);
  });

  it("lists only the window asked for, a page at a time", async () => {
    const [alice] = people;
    const ids: string[] = [];
    for (let day = 1; day <= 7; day++) {
      const d = String(day).padStart(2, "0");
      ids.push((await client.calendar.createEvent(alice.unionId, meeting(`站会 ${day}`, `2026-05-${d}T09:00:00+08:00`, `2026-05-${d}T09:15:00+08:00`))).id);
    }
    const first = await client.calendar.listEvents(alice.unionId, { timeMin: "2026-05-02T00:00:00+08:00", timeMax: "2026-05-07T00:00:00+08:00", maxResults: 2 });
    expect(first.events.map((e) => e.summary)).toEqual(["站会 2", "站会 3"]);
    expect(first.nextToken).toBeTruthy();
    const all = await collect(client.calendar.iterateEvents(alice.unionId, { timeMin: "2026-05-02T00:00:00+08:00", timeMax: "2026-05-07T00:00:00+08:00", maxResults: 2 }));
    expect(all.map((e) => e.id)).toEqual(ids.slice(1, 6));
    const before = await client.calendar.listEvents(alice.unionId, { timeMax: "2026-05-01T09:00:00+08:00" });
    expect(before.events).toEqual([]);
  });

  it("shows an event in every attendee's calendar and follows additions and removals", async () => {
    const [alice, bob, carol] = people;
    const event = await client.calendar.createEvent(alice.unionId, { ...meeting("评审", "2026-06-01T15:00:00+08:00", "2026-06-01T16:00:00+08:00"), attendees: [{ id: bob.unionId }] });
    const inBob = await client.calendar.getEvent(bob.unionId, event.id);
    expect(inBob.organizer?.self).toBe(false);
    expect(inBob.attendees.find((a) => a.id === bob.unionId)?.self).toBe(true);
    expect((await client.calendar.listEvents(carol.unionId)).events).toEqual([]);

    await client.calendar.addAttendees(alice.unionId, event.id, [{ id: carol.unionId }]);
    expect((await client.calendar.listEvents(carol.unionId)).events.map((e) => e.id)).toEqual([event.id]);
    expect((await client.calendar.getEvent(alice.unionId, event.id)).attendees.map((a) => a.id).sort()).toEqual([bob.unionId, carol.unionId].sort());

    await client.calendar.removeAttendees(alice.unionId, event.id, [bob.unionId]);
    expect((await client.calendar.listEvents(bob.unionId)).events).toEqual([]);
    expect((await failureOf(client.calendar.getEvent(bob.unionId, event.id))).httpStatus).toBe(404);
    expect((await client.calendar.getEvent(alice.unionId, event.id)).attendees.map((a) => a.id)).toEqual([carol.unionId]);

    // Only the organizer manages attendees.
    const refused = await failureOf(client.calendar.addAttendees(carol.unionId, event.id, [{ id: bob.unionId }]));
    expect(refused.httpStatus).toBe(403);
  });

  it("answers free/busy for organizers and attendees", async () => {
    const [alice, bob, carol] = people;
    await client.calendar.createEvent(alice.unionId, { ...meeting("一对一", "2026-07-01T10:00:00+08:00", "2026-07-01T10:30:00+08:00"), attendees: [{ id: bob.unionId }] });
    await client.calendar.createEvent(alice.unionId, meeting("午后专注", "2026-07-01T14:00:00+08:00", "2026-07-01T16:00:00+08:00"));
    const schedules = await client.calendar.querySchedule(alice.unionId, {
      userIds: [alice.unionId, bob.unionId, carol.unionId], startTime: "2026-07-01T09:00:00+08:00", endTime: "2026-07-01T12:00:00+08:00",
    });
    expect(schedules.map((s) => [s.userId, s.items.map((i) => i.status)])).toEqual([
      [alice.unionId, ["BUSY"]],
      [bob.unionId, ["TENTATIVE"]],
      [carol.unionId, []],
    ]);
    expect(schedules[0].items[0].start.dateTime).toBe("2026-07-01T10:00:00+08:00");
  });
});

describe("recurring events", () => {
  it("lists a series as its instances inside a window, each with seriesMasterId, and as one master without", async () => {
    const [alice, bob] = people;
    const weekly = await client.calendar.createEvent(alice.unionId, {
      ...meeting("周会", "2026-03-02T10:00:00+08:00", "2026-03-02T11:00:00+08:00"),
      attendees: [{ id: bob.unionId }],
      recurrence: { pattern: { type: "weekly", interval: 1, daysOfWeek: "monday,thursday" }, range: { type: "numbered", numberOfOccurrences: 5 } },
    });
    expect(weekly.recurrence).toEqual({ pattern: { type: "weekly", interval: 1, daysOfWeek: "monday,thursday" }, range: { type: "numbered", numberOfOccurrences: 5 } });
    const window = { timeMin: "2026-03-01T00:00:00+08:00", timeMax: "2026-04-01T00:00:00+08:00" };
    const instances = await collect(client.calendar.iterateEvents(bob.unionId, { ...window, maxResults: 2 }));
    // Mon 2, Thu 5, Mon 9, Thu 12, Mon 16: five occurrences, then the range ends.
    expect(instances.map((e) => e.start.dateTime)).toEqual(["2026-03-02", "2026-03-05", "2026-03-09", "2026-03-12", "2026-03-16"].map((d) => `${d}T10:00:00+08:00`));
    expect(instances.every((e) => e.seriesMasterId === weekly.id && e.id !== weekly.id && e.end.dateTime?.endsWith("T11:00:00+08:00"))).toBe(true);
    expect((await client.calendar.listEvents(alice.unionId)).events.map((e) => [e.id, e.seriesMasterId])).toEqual([[weekly.id, undefined]]);

    // One occurrence deleted by its instance id is gone from lists and free/busy; the rest stay.
    await client.calendar.deleteEvent(alice.unionId, instances[1].id);
    expect((await client.calendar.listEvents(alice.unionId, window)).events.map((e) => e.start.dateTime?.slice(0, 10))).toEqual(["2026-03-02", "2026-03-09", "2026-03-12", "2026-03-16"]);
    const [busy] = await client.calendar.querySchedule(alice.unionId, { userIds: [bob.unionId], startTime: "2026-03-05T00:00:00+08:00", endTime: "2026-03-10T00:00:00+08:00" });
    expect(busy.items.map((i) => i.start.dateTime)).toEqual(["2026-03-09T10:00:00+08:00"]);

    // Moving the series moves every instance; a monthly series on the 31st skips shorter months.
    await client.calendar.updateEvent(alice.unionId, weekly.id, meeting("周会", "2026-03-02T14:00:00+08:00", "2026-03-02T15:00:00+08:00"));
    expect((await client.calendar.listEvents(bob.unionId, window)).events.every((e) => e.start.dateTime?.endsWith("T14:00:00+08:00"))).toBe(true);
    await client.calendar.createEvent(alice.unionId, {
      ...meeting("月结", "2026-01-31T09:00:00+08:00", "2026-01-31T10:00:00+08:00"),
      recurrence: { pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: 31 }, range: { type: "endDate", endDate: "2026-06-01T00:00:00+08:00" } },
    });
    const monthly = await client.calendar.listEvents(alice.unionId, { timeMin: "2026-01-01T00:00:00+08:00", timeMax: "2027-01-01T00:00:00+08:00" });
    expect(monthly.events.filter((e) => e.summary === "月结").map((e) => e.start.dateTime?.slice(0, 10))).toEqual(["2026-01-31", "2026-03-31", "2026-05-31"]);
  });

  it("refuses a malformed recurrence and a change to one instance", async () => {
    const [alice] = people;
    const bad = await failureOf(client.calendar.createEvent(alice.unionId, { ...meeting("x", "2026-03-02T10:00:00+08:00", "2026-03-02T11:00:00+08:00"), recurrence: { pattern: { type: "weekly", daysOfWeek: "funday" } } }));
    expect([bad.httpStatus, bad.code]).toEqual([400, "paramError"]);
    expect(bad.message).toContain("daysOfWeek");
    const daily = await client.calendar.createEvent(alice.unionId, { ...meeting("站会", "2026-03-02T09:00:00+08:00", "2026-03-02T09:15:00+08:00"), recurrence: { pattern: { type: "daily", interval: 1 }, range: { type: "noEnd" } } });
    const [first] = (await client.calendar.listEvents(alice.unionId, { timeMin: "2026-03-03T00:00:00+08:00", timeMax: "2026-03-04T00:00:00+08:00" })).events;
    expect(first.seriesMasterId).toBe(daily.id);
    expect((await client.calendar.getEvent(alice.unionId, first.id)).start.dateTime).toBe("2026-03-03T09:00:00+08:00");
    const refused = await failureOf(client.calendar.updateEvent(alice.unionId, first.id, { summary: "改" }));
    expect(refused.message).toContain("seriesMasterId");
  });
});

describe("calendar refusals", () => {
  it("refuses a userId in the path as DingTalk does", async () => {
    const [alice] = people;
    const error = await failureOf(client.calendar.listEvents(alice.userId));
    expect(error.httpStatus).toBe(400);
    expect(error.code).toBe("paramError");
    expect(error.message).toContain("unionId");
    expect(error.retryable).toBe(false);
  });

  it("refuses a userId among the attendees", async () => {
    const [alice, bob] = people;
    const error = await failureOf(client.calendar.createEvent(alice.unionId, { ...meeting("x", "2026-03-02T10:00:00+08:00", "2026-03-02T11:00:00+08:00"), attendees: [{ id: bob.userId }] }));
    expect([error.httpStatus, error.code]).toEqual([400, "paramError"]);
    expect(error.message).toContain("unionId");
    expect((await client.calendar.listEvents(alice.unionId)).events).toEqual([]);
  });

  it("refuses an end before the start, a missing summary and a bad time zone", async () => {
    const [alice] = people;
    const backwards = await failureOf(client.calendar.createEvent(alice.unionId, meeting("倒序", "2026-03-02T11:00:00+08:00", "2026-03-02T10:00:00+08:00")));
    expect([backwards.httpStatus, backwards.code]).toEqual([400, "paramError"]);
    expect(backwards.message).toContain("end");

    const noSummary = await failureOf(
      client.call({ host: "api", method: "POST", path: `/v1.0/calendar/users/${alice.unionId}/calendars/primary/events`, body: { start: { dateTime: "2026-03-02T10:00:00+08:00" }, end: { dateTime: "2026-03-02T11:00:00+08:00" } }, schema: z.unknown(), idempotent: false }),
    );
    expect([noSummary.httpStatus, noSummary.code]).toEqual([400, "Missingsummary"]);
    expect(noSummary.outcome).toBeUndefined();

    const zone = await failureOf(client.calendar.createEvent(alice.unionId, { summary: "x", start: { dateTime: "2026-03-02T10:00:00", timeZone: "Mars/Olympus" }, end: { dateTime: "2026-03-02T11:00:00", timeZone: "Mars/Olympus" } }));
    expect(zone.code).toBe("paramError");
    expect(zone.message).toContain("Mars/Olympus");
  });

  it("checks the summary before sending", async () => {
    await expect(client.calendar.createEvent(people[0].unionId, meeting("  ", "2026-03-02T10:00:00+08:00", "2026-03-02T11:00:00+08:00"))).rejects.toThrow(RangeError);
  });
});
