import { TZDate } from "@date-fns/tz";
import { can, type RoleName } from "@/lib/authz/permissions";
import type { Db } from "@/lib/db/client";
import type { DingTalkClient } from "@/lib/dingtalk";
import type { AttendeeInput, CalendarEvent, EventInput, EventTime, EventUpdate } from "@/lib/dingtalk/calendar";
import { isDingTalkError } from "@/lib/dingtalk";
import { ActionFailure } from "@/lib/server/action-errors";
import { dayRange, shanghaiDay, shanghaiIso, TIME_ZONE } from "@/lib/time";
import type { EventForm, EventTiming } from "./event-form";
import { freeSlots, mergeIntervals, type Interval } from "./free-slots";
import { fromDingTalkRecurrence, toDingTalkRecurrence } from "./recurrence";

// The calendar's use cases: whose calendar may be read and changed, people turned into the
// unionIds DingTalk's calendar wants (from the synced directory, never a userId in their place),
// the form into DingTalk's event, attendees added and removed with DingTalk's own calls, and the
// free/busy of many people asked 20 at a time.

export interface CalendarDeps {
  db: Db;
  client: DingTalkClient;
}

/** A person as the calendar addresses them. */
export interface CalendarPerson {
  userId: string;
  name: string;
  unionId: string;
}

/** DingTalk's limit of people per querySchedule call. */
export const SCHEDULE_BATCH = 20;
/** Pages of 100 read for one visible range at most; a calendar fuller than that shows the first 1,000. */
const MAX_PAGES = 10;

/** May `actor` read and change `userId`'s calendar: their own always, another's with calendar.others. */
export function mayUseCalendarOf(actor: { userId: string; roles: readonly RoleName[] }, userId: string): boolean {
  return userId === actor.userId || can(actor.roles, "calendar.others");
}

/** People by userId with their unionId from the synced directory; those unknown or without one are named in `missing`. */
export async function calendarPeople(db: Db, userIds: readonly string[]): Promise<{ found: CalendarPerson[]; missing: { userId: string; name: string }[] }> {
  const rows = await db.directoryUser.findMany({ where: { userId: { in: [...userIds] } }, select: { userId: true, name: true, unionId: true } });
  const byId = new Map(rows.map((r) => [r.userId, r]));
  const found: CalendarPerson[] = [];
  const missing: { userId: string; name: string }[] = [];
  for (const id of userIds) {
    const row = byId.get(id);
    if (row?.unionId) found.push({ userId: id, name: row.name, unionId: row.unionId });
    else missing.push({ userId: id, name: row?.name ?? id });
  }
  return { found, missing };
}

/** userIds of people by unionId, for showing DingTalk's attendees as the directory's people. */
export async function peopleByUnionId(db: Db, unionIds: readonly string[]): Promise<Map<string, { userId: string; name: string }>> {
  if (unionIds.length === 0) return new Map();
  const rows = await db.directoryUser.findMany({ where: { unionId: { in: [...unionIds] } }, select: { userId: true, name: true, unionId: true } });
  return new Map(rows.map((r) => [r.unionId!, { userId: r.userId, name: r.name }]));
}

/** The owner of the calendar asked for, after the role check; refusals name the field. */
export async function calendarOwner(db: Db, actor: { userId: string; roles: readonly RoleName[] }, userId: string): Promise<CalendarPerson> {
  if (!mayUseCalendarOf(actor, userId)) throw new ActionFailure("CALENDAR_OTHERS_FORBIDDEN", "calendarOf");
  const { found, missing } = await calendarPeople(db, [userId]);
  if (missing.length > 0) throw new ActionFailure("CALENDAR_NO_UNION_ID", "calendarOf", { names: missing[0].name });
  return found[0];
}

async function attendeeInputs(db: Db, attendees: EventForm["attendees"], field = "attendees"): Promise<AttendeeInput[]> {
  const { found, missing } = await calendarPeople(db, attendees.map((a) => a.userId));
  if (missing.length > 0) throw new ActionFailure("CALENDAR_NO_UNION_ID", field, { names: missing.map((m) => m.name).join("、") });
  const optional = new Set(attendees.filter((a) => a.optional).map((a) => a.userId));
  return found.map((p) => ({ id: p.unionId, isOptional: optional.has(p.userId) }));
}

/**
 * Runs DingTalk calls with DingTalk's refusal of a person id (a userId where a unionId belongs,
 * or a unionId it does not know) turned into words that say so, on the attendees field.
 */
export async function explainingRefusals<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isDingTalkError(error) && error.code === "paramError" && /unionId/i.test(error.message)) {
      throw new ActionFailure("CALENDAR_UNION_ID_REFUSED", "attendees", { detail: error.message });
    }
    throw error;
  }
}

function times(timing: EventTiming): Pick<EventInput, "start" | "end" | "isAllDay"> {
  if (timing.allDay) return { start: { date: timing.startDay! }, end: { date: timing.endDay! }, isAllDay: true };
  return { start: { dateTime: shanghaiIso(timing.start), timeZone: TIME_ZONE }, end: { dateTime: shanghaiIso(timing.end), timeZone: TIME_ZONE }, isAllDay: false };
}

/** The form as DingTalk's event (attendees aside, which differ between create and edit). */
function eventFields(form: EventForm): Omit<EventInput, "attendees"> {
  return {
    summary: form.title,
    description: form.description,
    ...times(form.timing),
    ...(form.location ? { location: { displayName: form.location } } : {}),
    reminders: form.reminderMinutes === null ? [] : [{ method: "dingtalk", minutes: form.reminderMinutes }],
    ...(form.onlineMeeting ? { onlineMeetingInfo: { type: "dingtalk" as const } } : {}),
  };
}

export async function createCalendarEvent({ db, client }: CalendarDeps, owner: CalendarPerson, form: EventForm): Promise<CalendarEvent> {
  const attendees = await attendeeInputs(db, form.attendees.filter((a) => a.userId !== owner.userId));
  const recurrence = toDingTalkRecurrence(form.repeat, form.timing.start);
  return explainingRefusals(() =>
    client.calendar.createEvent(owner.unionId, { ...eventFields(form), ...(recurrence ? { recurrence: { ...recurrence } } : {}), attendees }),
  );
}

/**
 * Saves an edited event: its fields in one update, then the attendees who left removed and those
 * who came (or whose optional mark changed) added, with DingTalk's attendee calls.
 */
export async function updateCalendarEvent({ db, client }: CalendarDeps, owner: CalendarPerson, form: EventForm & { eventId: string }) {
  const wanted = await attendeeInputs(db, form.attendees.filter((a) => a.userId !== owner.userId));
  return explainingRefusals(async () => {
    const before = await client.calendar.getEvent(owner.unionId, form.eventId);
    const recurrence = toDingTalkRecurrence(form.repeat, form.timing.start);
    const update: EventUpdate = { ...eventFields(form), recurrence: recurrence ? { ...recurrence } : before.recurrence ? null : undefined };
    if (!form.onlineMeeting) delete update.onlineMeetingInfo;
    const updated = await client.calendar.updateEvent(owner.unionId, form.eventId, update);
    const had = new Map(before.attendees.filter((a) => a.id !== owner.unionId).map((a) => [a.id, a.isOptional ?? false]));
    const toAdd = wanted.filter((a) => had.get(a.id) !== a.isOptional);
    // Someone the directory does not hold cannot be in the form, so is not taken for removed.
    const known = await peopleByUnionId(db, [...had.keys()]);
    const toRemove = [...had.keys()].filter((id) => known.has(id) && !wanted.some((a) => a.id === id));
    if (toRemove.length > 0) await client.calendar.removeAttendees(owner.unionId, form.eventId, toRemove);
    if (toAdd.length > 0) await client.calendar.addAttendees(owner.unionId, form.eventId, toAdd);
    return { event: updated, added: toAdd.length, removed: toRemove.length };
  });
}

/** The instant an event time stands for: a date is its Shanghai midnight, a local time is read in its zone. */
export function instantOf(time: EventTime): number {
  if (time.date !== undefined) return dayRange(time.date).start.getTime();
  const value = time.dateTime ?? "";
  if (/(Z|[+-]\d{2}:?\d{2})$/.test(value)) return Date.parse(value);
  const [y, mo, d, h, mi, s] = value.split(/[-T:]/).map(Number);
  return new TZDate(y, mo - 1, d, h, mi, s || 0, time.timeZone ?? TIME_ZONE).getTime();
}

export interface EventMove {
  eventId: string;
  seriesMasterId: string;
  previousStart: string;
  allDay: boolean;
  start: string;
  end: string;
}

/**
 * A drag or resize in the calendar. A single event takes the new times; an instance of a series
 * moves the whole series by the same amount (its weekday or day of month following), since
 * DingTalk changes a series through its master.
 */
export async function moveCalendarEvent({ client }: CalendarDeps, owner: CalendarPerson, move: EventMove): Promise<CalendarEvent> {
  const start = Date.parse(move.start);
  const end = Date.parse(move.end);
  const when = (from: number, to: number): Pick<EventInput, "start" | "end" | "isAllDay"> =>
    move.allDay
      ? { start: { date: shanghaiDay(from) }, end: { date: shanghaiDay(to) }, isAllDay: true }
      : { start: { dateTime: shanghaiIso(from), timeZone: TIME_ZONE }, end: { dateTime: shanghaiIso(to), timeZone: TIME_ZONE }, isAllDay: false };
  return explainingRefusals(async () => {
    if (!move.seriesMasterId) return client.calendar.updateEvent(owner.unionId, move.eventId, when(start, end));
    const master = await client.calendar.getEvent(owner.unionId, move.seriesMasterId);
    const masterStart = instantOf(master.start) + (start - Date.parse(move.previousStart));
    const { repeat, exact } = fromDingTalkRecurrence(master.recurrence);
    const recurrence = exact ? toDingTalkRecurrence(repeat, new Date(masterStart)) : undefined;
    return client.calendar.updateEvent(owner.unionId, move.seriesMasterId, { ...when(masterStart, masterStart + (end - start)), ...(recurrence ? { recurrence: { ...recurrence } } : {}) });
  });
}

/** Deletes an event (the whole series for a series); DingTalk tells the attendees. */
export async function deleteCalendarEvent({ client }: CalendarDeps, owner: CalendarPerson, eventId: string): Promise<void> {
  await explainingRefusals(() => client.calendar.deleteEvent(owner.unionId, eventId));
}

/** Every event in a person's calendar overlapping [from, to), series expanded by DingTalk, page after page. */
export async function eventsInRange(client: DingTalkClient, unionId: string, from: Date, to: Date): Promise<{ events: CalendarEvent[]; truncated: boolean }> {
  const events: CalendarEvent[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const r = await explainingRefusals(() => client.calendar.listEvents(unionId, { timeMin: shanghaiIso(from), timeMax: shanghaiIso(to), maxResults: 100, nextToken: token }));
    events.push(...r.events);
    token = r.nextToken;
    if (!token) return { events, truncated: false };
  }
  return { events, truncated: true };
}

export interface PersonSchedule {
  userId: string;
  name: string;
  busy: (Interval & { tentative: boolean })[];
}

export interface FreeTime {
  schedules: PersonSchedule[];
  slots: Interval[];
  /** querySchedule calls made (people / 20, rounded up). */
  calls: number;
}

/** Free/busy of `people` over Shanghai days [from, to] asked 20 at a time, and the first free slots of `minutes` for all. */
export async function findFreeTime(
  { client }: CalendarDeps,
  asker: CalendarPerson,
  people: CalendarPerson[],
  query: { from: string; to: string; minutes: number; limit?: number; now?: number },
): Promise<FreeTime> {
  const startTime = shanghaiIso(dayRange(query.from).start);
  const endTime = shanghaiIso(dayRange(query.to).end);
  const schedules: PersonSchedule[] = [];
  let calls = 0;
  for (let i = 0; i < people.length; i += SCHEDULE_BATCH) {
    const batch = people.slice(i, i + SCHEDULE_BATCH);
    calls++;
    const answer = await explainingRefusals(() => client.calendar.querySchedule(asker.unionId, { userIds: batch.map((p) => p.unionId), startTime, endTime }));
    const byUnion = new Map(answer.map((s) => [s.userId, s.items]));
    for (const p of batch) {
      const items = (byUnion.get(p.unionId) ?? []).filter((item) => item.status !== "FREE");
      const busy = items.map((item) => ({ start: instantOf(item.start), end: instantOf(item.end), tentative: item.status === "TENTATIVE" }));
      schedules.push({ userId: p.userId, name: p.name, busy: busy.sort((a, b) => a.start - b.start) });
    }
  }
  const slots = freeSlots({
    busy: mergeIntervals(schedules.flatMap((s) => s.busy)),
    from: query.from,
    to: query.to,
    minutes: query.minutes,
    limit: query.limit ?? 8,
    notBefore: query.now,
  });
  return { schedules, slots, calls };
}
