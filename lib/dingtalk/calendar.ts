import { z } from "zod";
import { checkPageSize, checkText } from "./arguments";
import { eachItem, nextTokenPages } from "./pagination";
import type { Call } from "./transport";
import { wireFlag, wireOptionalText, wireText } from "./wire";

/** A start or end: a moment with its time zone, or the date of an all-day event. */
export interface EventTime {
  dateTime?: string;
  timeZone?: string;
  date?: string;
}

export interface EventPerson {
  /** unionId */
  id: string;
  displayName: string;
  responseStatus: string;
  /** True when this person is the one whose calendar was read. */
  self: boolean;
  isOptional?: boolean;
}

export interface CalendarEvent {
  id: string;
  /** For an instance of a recurring series (listed with timeMin and timeMax): the series' own id. */
  seriesMasterId?: string;
  summary: string;
  description: string;
  start: EventTime;
  end: EventTime;
  isAllDay: boolean;
  recurrence?: Record<string, unknown>;
  organizer?: EventPerson;
  attendees: EventPerson[];
  location?: { displayName: string; meetingRooms?: string[] };
  reminders: { method: string; minutes: number }[];
  onlineMeetingInfo?: { type: string; conferenceId?: string; url?: string };
  /** "confirmed", or "cancelled" for a deleted event (listed only with showDeleted). */
  status: string;
  createTime?: string;
  updateTime?: string;
}

export interface AttendeeInput {
  /** The attendee's unionId (a userId is refused). */
  id: string;
  isOptional?: boolean;
}

export interface EventInput {
  summary: string;
  description?: string;
  start: EventTime;
  end: EventTime;
  isAllDay?: boolean;
  recurrence?: Record<string, unknown>;
  attendees?: AttendeeInput[];
  location?: { displayName: string };
  reminders?: { method: "dingtalk"; minutes: number }[];
  onlineMeetingInfo?: { type: "dingtalk" };
}

/** Only what changes; `recurrence: null` makes a series a single event. */
export type EventUpdate = Partial<Omit<EventInput, "recurrence">> & { recurrence?: Record<string, unknown> | null };

export interface ListEventsOptions {
  /** ISO 8601 with an offset, e.g. 2026-03-02T00:00:00+08:00. */
  timeMin?: string;
  timeMax?: string;
  maxResults?: number;
  nextToken?: string;
  showDeleted?: boolean;
}

export interface EventPage {
  events: CalendarEvent[];
  nextToken?: string;
  syncToken?: string;
}

export interface ScheduleItem {
  /** BUSY, TENTATIVE or FREE. */
  status: string;
  start: EventTime;
  end: EventTime;
}

export interface Schedule {
  /** unionId */
  userId: string;
  items: ScheduleItem[];
}

/** Calendar events; every `unionId` argument is the person's unionId (DingTalk refuses a userId there). */
export interface Calendar {
  createEvent(unionId: string, event: EventInput): Promise<CalendarEvent>;
  listEvents(unionId: string, options?: ListEventsOptions): Promise<EventPage>;
  iterateEvents(unionId: string, options?: Omit<ListEventsOptions, "nextToken">): AsyncIterable<CalendarEvent>;
  getEvent(unionId: string, eventId: string): Promise<CalendarEvent>;
  updateEvent(unionId: string, eventId: string, changes: EventUpdate): Promise<CalendarEvent>;
  deleteEvent(unionId: string, eventId: string): Promise<void>;
  addAttendees(unionId: string, eventId: string, attendees: AttendeeInput[]): Promise<void>;
  removeAttendees(unionId: string, eventId: string, attendeeIds: string[]): Promise<void>;
  /** Free/busy of up to 20 people between two ISO 8601 instants. */
  querySchedule(unionId: string, query: { userIds: string[]; startTime: string; endTime: string }): Promise<Schedule[]>;
}

const wireTime = z.object({ dateTime: wireOptionalText, timeZone: wireOptionalText, date: wireOptionalText }).transform(
  (t): EventTime => ({
    ...(t.dateTime !== undefined ? { dateTime: t.dateTime } : {}),
    ...(t.timeZone !== undefined ? { timeZone: t.timeZone } : {}),
    ...(t.date !== undefined ? { date: t.date } : {}),
  }),
);

const wirePerson = z.object({
  id: z.string(),
  displayName: wireText,
  responseStatus: wireText,
  self: wireFlag,
  isOptional: z.boolean().nullish().transform((v) => v ?? undefined),
});

const wireEvent = z
  .object({
    id: z.string(),
    seriesMasterId: wireOptionalText,
    summary: wireText,
    description: wireText,
    start: wireTime,
    end: wireTime,
    isAllDay: wireFlag,
    recurrence: z.record(z.string(), z.unknown()).nullish(),
    organizer: wirePerson.nullish(),
    attendees: z.array(wirePerson).nullish(),
    location: z.object({ displayName: wireText, meetingRooms: z.array(z.string()).nullish() }).nullish(),
    reminders: z.array(z.object({ method: wireText, minutes: z.coerce.number() })).nullish(),
    onlineMeetingInfo: z.object({ type: wireText, conferenceId: wireOptionalText, url: wireOptionalText }).nullish(),
    status: wireText,
    createTime: wireOptionalText,
    updateTime: wireOptionalText,
  })
  .transform(
    (e): CalendarEvent => ({
      id: e.id,
      ...(e.seriesMasterId ? { seriesMasterId: e.seriesMasterId } : {}),
      summary: e.summary,
      description: e.description,
      start: e.start,
      end: e.end,
      isAllDay: e.isAllDay,
      recurrence: e.recurrence ?? undefined,
      organizer: e.organizer ?? undefined,
      attendees: e.attendees ?? [],
      location: e.location ? { displayName: e.location.displayName, meetingRooms: e.location.meetingRooms ?? undefined } : undefined,
      reminders: e.reminders ?? [],
      onlineMeetingInfo: e.onlineMeetingInfo ?? undefined,
      status: e.status || "confirmed",
      createTime: e.createTime,
      updateTime: e.updateTime,
    }),
  );

const wirePage = z.object({ events: z.array(wireEvent).nullish(), nextToken: wireOptionalText, syncToken: wireOptionalText });
const wireSchedule = z.object({
  scheduleInformation: z
    .array(z.object({ userId: z.string(), scheduleItems: z.array(z.object({ status: wireText, start: wireTime, end: wireTime })).nullish() }))
    .nullish(),
});
const empty = z.unknown();

/** Rate-limit bucket for calendar paths, whose unionId varies per call but counts as one API. */
const RATE_KEY = {
  events: "/v1.0/calendar/users/{unionId}/calendars/primary/events",
  event: "/v1.0/calendar/users/{unionId}/calendars/primary/events/{eventId}",
  attendees: "/v1.0/calendar/users/{unionId}/calendars/primary/events/{eventId}/attendees",
  remove: "/v1.0/calendar/users/{unionId}/calendars/primary/events/{eventId}/attendees/batchRemove",
  schedule: "/v1.0/calendar/users/{unionId}/querySchedule",
};

const MAX_PAGE = 100;

function eventsPath(unionId: string): string {
  return `/v1.0/calendar/users/${encodeURIComponent(checkText(unionId, "unionId"))}/calendars/primary/events`;
}

function eventPath(unionId: string, eventId: string): string {
  return `${eventsPath(unionId)}/${encodeURIComponent(checkText(eventId, "eventId"))}`;
}

function checkSummary(summary: string): string {
  return checkText(summary, "event summary");
}

/** Calendar events (日程) on the new host; each person has one primary calendar. */
export function createCalendar(call: Call): Calendar {
  const listEvents: Calendar["listEvents"] = async (unionId, options = {}) => {
    const r = await call({
      host: "api",
      method: "GET",
      path: eventsPath(unionId),
      query: {
        timeMin: options.timeMin,
        timeMax: options.timeMax,
        maxResults: options.maxResults === undefined ? undefined : checkPageSize(options.maxResults, MAX_PAGE),
        nextToken: options.nextToken,
        showDeleted: options.showDeleted,
      },
      schema: wirePage,
      idempotent: true,
      rateKey: RATE_KEY.events,
    });
    return { events: r.events ?? [], nextToken: r.nextToken, syncToken: r.syncToken };
  };

  return {
    async createEvent(unionId, event) {
      return call({
        host: "api",
        method: "POST",
        path: eventsPath(unionId),
        body: { ...event, summary: checkSummary(event.summary) },
        schema: wireEvent,
        // A second attempt would create a second event.
        idempotent: false,
        rateKey: RATE_KEY.events,
      });
    },

    listEvents,

    iterateEvents(unionId, options = {}) {
      const size = checkPageSize(options.maxResults ?? MAX_PAGE, MAX_PAGE);
      return eachItem(
        nextTokenPages(async (token?: string) => {
          const page = await listEvents(unionId, { ...options, maxResults: size, nextToken: token });
          return { items: page.events, nextToken: page.nextToken };
        }, size),
      );
    },

    async getEvent(unionId, eventId) {
      return call({ host: "api", method: "GET", path: eventPath(unionId, eventId), schema: wireEvent, idempotent: true, rateKey: RATE_KEY.event });
    },

    async updateEvent(unionId, eventId, changes) {
      const body = changes.summary === undefined ? changes : { ...changes, summary: checkSummary(changes.summary) };
      return call({
        host: "api",
        method: "PUT",
        path: eventPath(unionId, eventId),
        body: { ...body, id: eventId },
        schema: wireEvent,
        // The same full update applied twice leaves the same event.
        idempotent: true,
        rateKey: RATE_KEY.event,
      });
    },

    async deleteEvent(unionId, eventId) {
      await call({ host: "api", method: "DELETE", path: eventPath(unionId, eventId), schema: empty, idempotent: true, rateKey: RATE_KEY.event });
    },

    async addAttendees(unionId, eventId, attendees) {
      if (attendees.length === 0) throw new RangeError("addAttendees needs at least one attendee");
      await call({
        host: "api",
        method: "POST",
        path: `${eventPath(unionId, eventId)}/attendees`,
        body: { attendeesToAdd: attendees.map((a) => ({ id: checkText(a.id, "attendee unionId"), isOptional: a.isOptional ?? false })) },
        schema: empty,
        idempotent: true,
        rateKey: RATE_KEY.attendees,
      });
    },

    async removeAttendees(unionId, eventId, attendeeIds) {
      if (attendeeIds.length === 0) throw new RangeError("removeAttendees needs at least one attendee");
      await call({
        host: "api",
        method: "POST",
        path: `${eventPath(unionId, eventId)}/attendees/batchRemove`,
        body: { attendeesToRemove: attendeeIds.map((id) => ({ id: checkText(id, "attendee unionId") })) },
        schema: empty,
        idempotent: true,
        rateKey: RATE_KEY.remove,
      });
    },

    async querySchedule(unionId, query) {
      if (query.userIds.length === 0) throw new RangeError("querySchedule needs at least one unionId");
      const r = await call({
        host: "api",
        method: "POST",
        path: `/v1.0/calendar/users/${encodeURIComponent(checkText(unionId, "unionId"))}/querySchedule`,
        body: { userIds: query.userIds, startTime: checkText(query.startTime, "startTime"), endTime: checkText(query.endTime, "endTime") },
        schema: wireSchedule,
        idempotent: true,
        rateKey: RATE_KEY.schedule,
      });
      return (r.scheduleInformation ?? []).map((s) => ({ userId: s.userId, items: s.scheduleItems ?? [] }));
    },
  };
}
