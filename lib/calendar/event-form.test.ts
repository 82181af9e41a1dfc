import { describe, expect, it } from "vitest";
import { fromShanghaiInput } from "@/lib/time";
import { eventEditSchema, eventFormSchema, freeTimeSchema, MAX_ATTENDEES } from "./event-form";

const base = { calendarOf: "u1", title: "周会", start: "2026-03-02T10:00", end: "2026-03-02T11:00" };
const errorsOf = (input: Record<string, unknown>, schema: typeof eventFormSchema | typeof eventEditSchema = eventFormSchema) => {
  const r = schema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("event form", () => {
  it("reads a timed event in Shanghai, attendees with their optional mark, reminder and repetition", () => {
    const form = eventFormSchema.parse({ ...base, attendees: ["u2", "u3"], optionalAttendees: "u4", reminder: "30", repeat: "weekly", repeatEnd: "count", count: "6", onlineMeeting: "on" });
    expect(form.timing).toEqual({ allDay: false, start: fromShanghaiInput("2026-03-02T10:00"), end: fromShanghaiInput("2026-03-02T11:00") });
    expect(form.attendees).toEqual([{ userId: "u2", optional: false }, { userId: "u3", optional: false }, { userId: "u4", optional: true }]);
    expect([form.reminderMinutes, form.onlineMeeting, form.repeat]).toEqual([30, true, { kind: "weekly", end: { kind: "count", count: 6 } }]);
  });

  it("reads an all-day event's last day as DingTalk's exclusive end", () => {
    const form = eventFormSchema.parse({ ...base, allDay: "on", start: "2026-03-02", end: "2026-03-03", reminder: "none" });
    expect([form.timing.startDay, form.timing.endDay, form.reminderMinutes]).toEqual(["2026-03-02", "2026-03-04", null]);
    expect(errorsOf({ ...base, allDay: "on" })).toEqual({ start: "calendar.form.errors.badDay", end: "calendar.form.errors.badDay" });
  });

  it("puts each mistake on its field", () => {
    expect(errorsOf({ ...base, title: "   " })).toEqual({ title: "calendar.form.errors.titleRequired" });
    // Both at once: a field's own mistake does not hide the check across fields.
    expect(errorsOf({ ...base, title: "", end: "2026-03-02T09:00" })).toEqual({ title: "calendar.form.errors.titleRequired", end: "calendar.form.errors.endBeforeStart" });
    expect(errorsOf({ ...base, end: "2026-03-02T09:00" })).toEqual({ end: "calendar.form.errors.endBeforeStart" });
    expect(errorsOf({ ...base, end: "2026-03-02T10:00" })).toEqual({ end: "calendar.form.errors.endBeforeStart" });
    expect(errorsOf({ ...base, start: "2026-02-30T10:00" })).toEqual({ start: "calendar.form.errors.badTime" });
    expect(errorsOf({ ...base, repeat: "daily", repeatEnd: "until", until: "2026-03-01" })).toEqual({ until: "calendar.form.errors.untilBeforeStart" });
    expect(errorsOf({ ...base, repeat: "daily", repeatEnd: "count", count: "0" })).toEqual({ count: "calendar.form.errors.badCount" });
    expect(errorsOf({ ...base, attendees: ["u2"], optionalAttendees: ["u2"] })).toEqual({ optionalAttendees: "calendar.form.errors.attendeeTwice" });
    const many = Array.from({ length: MAX_ATTENDEES }, (_, i) => `p${i}`);
    expect(errorsOf({ ...base, attendees: many })).toEqual({});
    expect(errorsOf({ ...base, attendees: many, optionalAttendees: ["one-more"] })).toEqual({ attendees: "calendar.form.errors.tooManyAttendees" });
    expect(errorsOf(base, eventEditSchema)).toEqual({ eventId: "calendar.form.errors.noEvent" });
    expect(errorsOf({ ...base, eventId: "e1" }, eventEditSchema)).toEqual({});
  });

  it("checks the free-time finder's range", () => {
    expect(freeTimeSchema.safeParse({ people: "u1", from: "2026-03-02", to: "2026-03-06", minutes: "30" }).success).toBe(true);
    const r = freeTimeSchema.safeParse({ people: [], from: "2026-03-02", to: "2026-05-06", minutes: "30" });
    expect(r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]))).toEqual({ people: "calendar.form.errors.choosePeople", to: "calendar.form.errors.rangeTooLong" });
  });
});
