import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { CalendarControl } from "@/emulator/control/calendar-client";
import type { OrgUserRow } from "@/emulator/control-client";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { runFullSync } from "@/lib/directory/sync/full-sync";
import { clearDirectory, startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { MESSAGES, type Translate } from "@/lib/i18n/catalog";
import { ActionFailure, failure } from "@/lib/server/action-errors";
import { createTranslator } from "next-intl";
import { eventFormSchema } from "./event-form";
import { calendarOwner, createCalendarEvent, deleteCalendarEvent, eventsInRange, findFreeTime, moveCalendarEvent, updateCalendarEvent, type CalendarPerson } from "./events";

// The calendar's use cases against the emulator over HTTP and the synced directory in SQLite and
// PostgreSQL: people reach DingTalk as unionIds, attendee changes use DingTalk's attendee calls,
// and DingTalk's refusal of a wrong id reaches the person as words that say what happened.

let org: EmulatorOrg;
let calendar: CalendarControl;
let people: OrgUserRow[];

async function refusal(promise: Promise<unknown>): Promise<ActionFailure> {
  const outcome = await promise.then(() => undefined, (e: unknown) => e);
  if (!(outcome instanceof ActionFailure)) throw new Error(`expected an ActionFailure, got ${String(outcome)}`);
  return outcome;
}

const form = (fields: Record<string, unknown>) => eventFormSchema.parse({ calendarOf: people[0].userId, title: "周会", start: "2026-03-02T10:00", end: "2026-03-02T11:00", ...fields });

beforeAll(async () => {
  org = await startEmulatorOrg({ users: 40, departments: 4, seed: 21 });
  calendar = new CalendarControl(org.emu.url, org.emu.controlToken);
  people = (await org.control.users({ active: true, limit: 40 })).users;
});

afterAll(async () => {
  await org?.close();
});

describeEachDatabase("calendar use cases", ({ db }) => {
  let alice: CalendarPerson;
  const deps = () => ({ db: db(), client: org.client });

  beforeAll(async () => {
    await clearDirectory(db());
    await runFullSync({ db: db(), client: org.client }, { startedBy: "test" });
  });

  beforeEach(async () => {
    await org.control.reset();
    alice = await calendarOwner(db(), { userId: people[0].userId, roles: ["viewer"] }, people[0].userId);
  });

  it("sends attendees as unionIds however the form names them, and changes them with DingTalk's attendee calls", async () => {
    const [, bob, carol, dave] = people;
    expect(alice.unionId).toBe(people[0].unionId);
    const created = await createCalendarEvent(deps(), alice, form({ attendees: [bob.userId], optionalAttendees: [carol.userId], repeat: "weekly", repeatEnd: "count", count: "4" }));
    const [held] = await calendar.events(alice.unionId);
    expect(held.attendees.map((a) => [a.id, a.isOptional])).toEqual([[bob.unionId, false], [carol.unionId, true]]);
    expect(held.attendees.map((a) => a.id)).not.toContain(bob.userId);
    expect(held.recurrence).toEqual({ pattern: { type: "weekly", interval: 1, daysOfWeek: "monday" }, range: { type: "numbered", numberOfOccurrences: 4 } });

    await org.control.resetStats();
    const saved = await updateCalendarEvent(deps(), alice, { ...form({ attendees: [carol.userId, dave.userId], title: "周会（新）" }), eventId: created.id });
    expect([saved.added, saved.removed]).toEqual([2, 1]);
    const [after] = await calendar.events(alice.unionId);
    expect([after.summary, after.recurrence]).toEqual(["周会（新）", undefined]);
    expect(after.attendees.map((a) => [a.id, a.isOptional]).sort()).toEqual([[carol.unionId, false], [dave.unionId, false]].sort());
    const calls = Object.keys((await org.control.stats()).calls);
    expect(calls.some((c) => c.endsWith("/attendees/batchRemove"))).toBe(true);
    expect(calls.some((c) => c.startsWith("POST") && c.endsWith("/attendees"))).toBe(true);
    expect(await calendar.events(bob.unionId)).toEqual([]);
  });

  it("cannot send a userId for a unionId: a person without one is refused on the field before DingTalk is asked", async () => {
    const [, bob] = people;
    await db().directoryUser.update({ where: { userId: bob.userId }, data: { unionId: null } });
    try {
      await org.control.resetStats();
      const missing = await refusal(createCalendarEvent(deps(), alice, form({ attendees: [bob.userId] })));
      expect([missing.code, missing.field, missing.values]).toEqual(["CALENDAR_NO_UNION_ID", "attendees", { names: bob.name }]);
      expect(Object.keys((await org.control.stats()).calls).filter((c) => c.includes("/calendar/"))).toEqual([]);
    } finally {
      await db().directoryUser.update({ where: { userId: bob.userId }, data: { unionId: bob.unionId } });
    }
  });

  it("shows DingTalk's refusal of a userId in a unionId's place as words saying so, if the directory ever held one", async () => {
    const [, bob] = people;
    // A directory row holding the userId where the unionId belongs: the emulator refuses it as DingTalk does.
    await db().directoryUser.update({ where: { userId: bob.userId }, data: { unionId: bob.userId } });
    try {
      const refused = await refusal(createCalendarEvent(deps(), alice, form({ attendees: [bob.userId] })));
      expect([refused.code, refused.field]).toEqual(["CALENDAR_UNION_ID_REFUSED", "attendees"]);
      const zh = failure(refused, createTranslator({ locale: "zh-CN", messages: MESSAGES["zh-CN"] }) as Translate, "zh-CN", "calendar.event.create");
      expect(zh.error.fieldErrors?.attendees?.[0]).toMatch(/^钉钉拒绝了人员标识：日程接口只认 unionId.*请重新同步通讯录.*userId/);
      const en = failure(refused, createTranslator({ locale: "en", messages: MESSAGES.en }) as Translate, "en", "calendar.event.create");
      expect(en.error.message).toContain("the calendar accepts only unionIds");
      expect(await calendar.events(alice.unionId)).toEqual([]);
    } finally {
      await db().directoryUser.update({ where: { userId: bob.userId }, data: { unionId: bob.unionId } });
    }
  });

  it("opens another person's calendar only for roles that manage others'", async () => {
    const other = people[5].userId;
    expect((await refusal(calendarOwner(db(), { userId: people[0].userId, roles: ["viewer", "approver"] }, other))).code).toBe("CALENDAR_OTHERS_FORBIDDEN");
    expect((await calendarOwner(db(), { userId: people[0].userId, roles: ["hr"] }, other)).unionId).toBe(people[5].unionId);
  });

  it("moves a whole series from one of its instances, its weekday following, and deletes it", async () => {
    const series = await createCalendarEvent(deps(), alice, form({ repeat: "weekly" }));
    const window = { from: new Date("2026-03-01T00:00:00+08:00"), to: new Date("2026-03-22T00:00:00+08:00") };
    const { events } = await eventsInRange(org.client, alice.unionId, window.from, window.to);
    expect(events.map((e) => e.start.dateTime)).toEqual(["2026-03-02T10:00:00+08:00", "2026-03-09T10:00:00+08:00", "2026-03-16T10:00:00+08:00"]);
    // The second Monday dragged to Tuesday 15:00 for 90 minutes.
    await moveCalendarEvent(deps(), alice, {
      eventId: events[1].id, seriesMasterId: series.id, previousStart: "2026-03-09T10:00:00+08:00", allDay: false, start: "2026-03-10T15:00:00+08:00", end: "2026-03-10T16:30:00+08:00",
    });
    const moved = await calendar.events(alice.unionId, { timeMin: "2026-03-01T00:00:00+08:00", timeMax: "2026-03-22T00:00:00+08:00" });
    expect(moved.map((e) => [e.start.dateTime, e.end.dateTime])).toEqual([
      ["2026-03-03T15:00:00+08:00", "2026-03-03T16:30:00+08:00"],
      ["2026-03-10T15:00:00+08:00", "2026-03-10T16:30:00+08:00"],
      ["2026-03-17T15:00:00+08:00", "2026-03-17T16:30:00+08:00"],
    ]);
    await deleteCalendarEvent(deps(), alice, series.id);
    expect(await calendar.events(alice.unionId)).toEqual([]);
  });

  it("reads a range page after page, series expanded", async () => {
    for (const hour of ["08", "12", "16", "20"]) {
      await createCalendarEvent(deps(), alice, form({ title: `每日 ${hour}`, start: `2026-03-01T${hour}:00`, end: `2026-03-01T${hour}:30`, repeat: "daily" }));
    }
    await org.control.resetStats();
    const { events, truncated } = await eventsInRange(org.client, alice.unionId, new Date("2026-03-01T00:00:00+08:00"), new Date("2026-04-01T00:00:00+08:00"));
    expect([events.length, truncated, new Set(events.map((e) => e.id)).size]).toEqual([124, false, 124]);
    expect(Object.entries((await org.control.stats()).calls).filter(([k]) => k.startsWith("GET")).map(([, n]) => n)).toEqual([2]);
  });

  it("asks free/busy 20 people at a time and proposes slots free for all in working hours", async () => {
    const everyone = await Promise.all(people.slice(0, 25).map((p) => calendarOwner(db(), { userId: p.userId, roles: ["admin"] }, p.userId)));
    // Monday 2026-03-02: the morning taken by one, 13:00–15:00 by another (tentatively, as an attendee);
    // 12:10–13:00 is too short for an hour, so 15:00 is Monday's only slot, then Tuesday 09:00.
    await createCalendarEvent(deps(), everyone[3], form({ calendarOf: everyone[3].userId, start: "2026-03-02T08:30", end: "2026-03-02T12:10" }));
    await createCalendarEvent(deps(), everyone[0], form({ start: "2026-03-02T13:00", end: "2026-03-02T15:00", attendees: [everyone[22].userId] }));
    await org.control.resetStats();
    const found = await findFreeTime(deps(), alice, everyone, { from: "2026-03-02", to: "2026-03-03", minutes: 60, limit: 3 });
    expect(found.calls).toBe(2);
    expect(Object.entries((await org.control.stats()).calls).filter(([k]) => k.endsWith("/querySchedule")).map(([, n]) => n)).toEqual([2]);
    expect(found.schedules.find((s) => s.userId === everyone[22].userId)?.busy).toEqual([{ start: Date.parse("2026-03-02T13:00:00+08:00"), end: Date.parse("2026-03-02T15:00:00+08:00"), tentative: true }]);
    expect(found.slots.map((s) => new Date(s.start).toISOString())).toEqual(["2026-03-02T07:00:00.000Z", "2026-03-03T01:00:00.000Z"]);
    const schedules = await calendar.schedule(everyone.slice(0, 20).map((p) => p.unionId), "2026-03-02T00:00:00+08:00", "2026-03-04T00:00:00+08:00");
    for (const slot of found.slots) {
      for (const s of schedules) for (const item of s.scheduleItems) expect(Date.parse(item.start.dateTime!) < slot.end && slot.start < Date.parse(item.end.dateTime!)).toBe(false);
    }
  });
});
