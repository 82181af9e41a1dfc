import { ApiError, apiErrors } from "../http/errors";
import type { Org, User } from "../org/model";
import type { EmulatorState } from "../state";
import { stateSlot } from "../state-slot";
import { hashString } from "../util/random";
import { occurrenceStarts, parseRecurrence, type Recurrence } from "./recurrence";
import { DEFAULT_TIME_ZONE, instantOf, shanghaiIso, zonedIso, type EventTime } from "./times";

export interface AttendeeInput {
  id: string;
  isOptional?: boolean;
}

/** What create and update may set; update leaves out what it does not change. */
export interface EventInput {
  summary?: string;
  description?: string;
  start?: EventTime;
  end?: EventTime;
  isAllDay?: boolean;
  /** null in an update ends the repetition: the event becomes a single one. */
  recurrence?: Record<string, unknown> | null;
  attendees?: AttendeeInput[];
  location?: { displayName?: string; meetingRooms?: string[] };
  reminders?: { method: string; minutes: number }[];
  onlineMeetingInfo?: { type: string };
}

interface Attendance {
  isOptional: boolean;
  responseStatus: "needsAction" | "accepted" | "declined" | "tentative";
}

export interface StoredEvent {
  readonly id: string;
  readonly organizerId: string;
  summary: string;
  description: string;
  start: EventTime;
  end: EventTime;
  isAllDay: boolean;
  recurrence?: Recurrence;
  /** Starts (ms) of occurrences of the series deleted one by one. */
  cancelledStarts: Set<number>;
  /** By unionId, organizer excluded. */
  attendees: Map<string, Attendance>;
  location?: { displayName: string; meetingRooms?: string[] };
  reminders: { method: string; minutes: number }[];
  onlineMeetingInfo?: { type: string; conferenceId: string; url: string };
  status: "confirmed" | "cancelled";
  startMs: number;
  endMs: number;
  readonly createTime: number;
  updateTime: number;
}

/** DingTalk's attendee limit for one event. */
export const MAX_ATTENDEES = 500;

/** The person a calendar path or attendee id names; DingTalk wants the unionId there and refuses a userId. */
export function requireUnionId(org: Org, id: string, field: string): User {
  const user = org.usersByUnionId.get(id);
  if (user) return user;
  if (org.usersById.has(id)) {
    throw new ApiError(400, "paramError", `参数错误：${field} 需要用户的 unionId，"${id}" 是 userId；可用 /topapi/v2/user/get 查到它的 unionid`);
  }
  throw new ApiError(400, "paramError", `参数错误：${field} "${id}" 不是本组织成员的 unionId`);
}

/** One occurrence of an event in a window: the event itself, or an instance of its series. */
export interface Occurrence {
  event: StoredEvent;
  startMs: number;
  endMs: number;
  /** For an instance of a series: its own id (`<seriesMasterId>_<yyyyMMddTHHmmssZ>` of its start). */
  instanceId?: string;
}

const INSTANCE_ID = /^(.+)_(\d{8}T\d{6}Z)$/;

function instanceIdOf(masterId: string, startMs: number): string {
  return `${masterId}_${new Date(startMs).toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z")}`;
}

function instanceStart(stamp: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(stamp)!;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

export const calendarErrors = {
  eventNotFound: (eventId: string) => new ApiError(404, "eventNotFound", `日程不存在或已被删除：${eventId}`),
  notOrganizer: () => new ApiError(403, "Forbidden.AccessDenied", "只有日程的组织者可以修改日程或管理参与人"),
};

/** Calendar events of the org: each is in the organizer's and every attendee's primary calendar. */
export class CalendarStore {
  private readonly events = new Map<string, StoredEvent>();
  private counter = 0;

  constructor(
    private readonly state: EmulatorState,
  ) {}

  private newId(): string {
    this.counter += 1;
    const stamp = hashString(`${this.state.options.seed}|event|${this.counter}`).toString(36);
    return Buffer.from(`${stamp}:${this.counter}:${this.state.options.seed}`).toString("base64url");
  }

  private attendeesFrom(input: AttendeeInput[], organizerId: string, existing?: Map<string, Attendance>): Map<string, Attendance> {
    const map = new Map(existing ?? []);
    input.forEach((a, i) => {
      requireUnionId(this.state.org, a.id, `attendees[${i}].id`);
      if (a.id === organizerId) return;
      const previous = map.get(a.id);
      map.set(a.id, { isOptional: a.isOptional ?? previous?.isOptional ?? false, responseStatus: previous?.responseStatus ?? "needsAction" });
    });
    if (map.size > MAX_ATTENDEES) throw apiErrors.invalidParam(`参与人最多 ${MAX_ATTENDEES} 个`);
    return map;
  }

  /** Checks and applies the timing fields; a missing end, or an end not after the start, is refused. */
  private timing(start: EventTime, end: EventTime, isAllDay: boolean): { startMs: number; endMs: number } {
    if (isAllDay && (start.date === undefined || end.date === undefined)) {
      throw apiErrors.invalidParam("全天日程（isAllDay=true）的 start 与 end 需要 date（yyyy-MM-dd）");
    }
    if (!isAllDay && (start.dateTime === undefined || end.dateTime === undefined)) {
      throw apiErrors.invalidParam("非全天日程的 start 与 end 需要 dateTime；全天日程请设 isAllDay=true 并使用 date");
    }
    const startMs = instantOf(start, "start");
    const endMs = instantOf(end, "end");
    if (endMs <= startMs) throw apiErrors.invalidParam("end 必须晚于 start（全天日程的 end.date 是结束日的次日）");
    return { startMs, endMs };
  }

  create(organizer: User, input: EventInput): StoredEvent {
    const summary = input.summary?.trim() ?? "";
    if (input.summary === undefined) throw apiErrors.missingParam("summary");
    if (summary === "") throw apiErrors.invalidParam("summary 不能为空");
    if (!input.start) throw apiErrors.missingParam("start");
    if (!input.end) throw apiErrors.missingParam("end");
    const isAllDay = input.isAllDay ?? (input.start.date !== undefined);
    const { startMs, endMs } = this.timing(input.start, input.end, isAllDay);
    const now = this.state.clock.now();
    const id = this.newId();
    const event: StoredEvent = {
      id,
      organizerId: organizer.unionId,
      summary,
      description: input.description ?? "",
      start: input.start,
      end: input.end,
      isAllDay,
      recurrence: input.recurrence ? parseRecurrence(input.recurrence) : undefined,
      cancelledStarts: new Set(),
      attendees: this.attendeesFrom(input.attendees ?? [], organizer.unionId),
      location: input.location ? { displayName: input.location.displayName ?? "", meetingRooms: input.location.meetingRooms } : undefined,
      reminders: input.reminders ?? [{ method: "dingtalk", minutes: 15 }],
      onlineMeetingInfo: input.onlineMeetingInfo ? this.meeting(id, input.onlineMeetingInfo.type) : undefined,
      status: "confirmed",
      startMs,
      endMs,
      createTime: now,
      updateTime: now,
    };
    this.events.set(id, event);
    return event;
  }

  private meeting(eventId: string, type: string) {
    const conferenceId = String(100_000_000 + (hashString(`meeting|${eventId}`) % 900_000_000));
    return { type, conferenceId, url: `https://meeting.dingtalk.com/j/${conferenceId}` };
  }

  /** An event as the person sees it in their calendar; undefined when it is not there. */
  visible(unionId: string, eventId: string, showDeleted = false): StoredEvent | undefined {
    const event = this.events.get(eventId);
    if (!event) {
      const occurrence = this.instance(unionId, eventId);
      return occurrence && !occurrence.event.cancelledStarts.has(occurrence.startMs) ? occurrence.event : undefined;
    }
    if (!event) return undefined;
    if (event.organizerId !== unionId && !event.attendees.has(unionId)) return undefined;
    if (event.status === "cancelled" && !showDeleted) return undefined;
    return event;
  }

  /** The occurrence an instance id names, if its series is in the person's calendar and repeats then. */
  instance(unionId: string, instanceId: string): Occurrence | undefined {
    const m = INSTANCE_ID.exec(instanceId);
    const event = m ? this.visible(unionId, m[1]) : undefined;
    if (!m || !event?.recurrence) return undefined;
    const startMs = instanceStart(m[2]);
    const starts = occurrenceStarts(event.recurrence, event.startMs, event.start.timeZone ?? DEFAULT_TIME_ZONE, startMs + 1);
    if (!starts.includes(startMs)) return undefined;
    return { event, startMs, endMs: startMs + (event.endMs - event.startMs), instanceId };
  }

  require(unionId: string, eventId: string): StoredEvent {
    const event = this.visible(unionId, eventId);
    if (!event) throw calendarErrors.eventNotFound(eventId);
    return event;
  }

  requireOrganized(unionId: string, eventId: string): StoredEvent {
    const event = this.require(unionId, eventId);
    if (event.organizerId !== unionId) throw calendarErrors.notOrganizer();
    return event;
  }

  update(unionId: string, eventId: string, input: EventInput): StoredEvent {
    if (!this.events.has(eventId) && this.instance(unionId, eventId)) {
      throw apiErrors.invalidParam(`${eventId} 是重复日程的一次实例；修改整个系列请用 seriesMasterId`);
    }
    const event = this.requireOrganized(unionId, eventId);
    if (input.summary !== undefined && input.summary.trim() === "") throw apiErrors.invalidParam("summary 不能为空");
    const start = input.start ?? event.start;
    const end = input.end ?? event.end;
    const isAllDay = input.isAllDay ?? (input.start ? input.start.date !== undefined : event.isAllDay);
    const timing = this.timing(start, end, isAllDay);
    // Attendees given in an update replace the list (those already there keep their answers).
    const attendees = input.attendees
      ? this.attendeesFrom(input.attendees, event.organizerId, new Map([...event.attendees].filter(([id]) => input.attendees?.some((a) => a.id === id))))
      : event.attendees;
    if (input.summary !== undefined) event.summary = input.summary.trim();
    if (input.description !== undefined) event.description = input.description;
    if (input.recurrence !== undefined) event.recurrence = input.recurrence === null ? undefined : parseRecurrence(input.recurrence);
    if (input.location !== undefined) event.location = { displayName: input.location.displayName ?? "", meetingRooms: input.location.meetingRooms };
    if (input.reminders !== undefined) event.reminders = input.reminders;
    if (input.onlineMeetingInfo !== undefined) event.onlineMeetingInfo = event.onlineMeetingInfo ?? this.meeting(event.id, input.onlineMeetingInfo.type);
    Object.assign(event, { start, end, isAllDay, attendees, ...timing, updateTime: this.state.clock.now() });
    return event;
  }

  /** The organizer cancels the event for everyone; an attendee only takes it out of their own calendar. */
  delete(unionId: string, eventId: string): void {
    const occurrence = this.events.has(eventId) ? undefined : this.instance(unionId, eventId);
    if (occurrence) {
      // One occurrence of a series: the organizer takes it out of the series for everyone.
      if (occurrence.event.organizerId !== unionId) throw calendarErrors.notOrganizer();
      occurrence.event.cancelledStarts.add(occurrence.startMs);
      occurrence.event.updateTime = this.state.clock.now();
      return;
    }
    const event = this.require(unionId, eventId);
    if (event.organizerId === unionId) event.status = "cancelled";
    else event.attendees.delete(unionId);
    event.updateTime = this.state.clock.now();
  }

  addAttendees(unionId: string, eventId: string, attendees: AttendeeInput[]): void {
    const event = this.requireOrganized(unionId, eventId);
    event.attendees = this.attendeesFrom(attendees, event.organizerId, event.attendees);
    event.updateTime = this.state.clock.now();
  }

  removeAttendees(unionId: string, eventId: string, ids: string[]): void {
    const event = this.requireOrganized(unionId, eventId);
    ids.forEach((id, i) => requireUnionId(this.state.org, id, `attendeesToRemove[${i}].id`));
    for (const id of ids) event.attendees.delete(id);
    event.updateTime = this.state.clock.now();
  }

  /**
   * Events in a person's calendar overlapping [timeMin, timeMax), earliest first. With both
   * bounds a series is expanded into its instances in the window, as DingTalk does; without,
   * it is listed once, as its master.
   */
  list(unionId: string, options: { timeMin?: number; timeMax?: number; showDeleted: boolean }): Occurrence[] {
    const out: Occurrence[] = [];
    const { timeMin, timeMax } = options;
    for (const event of this.events.values()) {
      if (event.organizerId !== unionId && !event.attendees.has(unionId)) continue;
      if (event.status === "cancelled" && !options.showDeleted) continue;
      if (event.recurrence && timeMin !== undefined && timeMax !== undefined) {
        const length = event.endMs - event.startMs;
        for (const startMs of occurrenceStarts(event.recurrence, event.startMs, event.start.timeZone ?? DEFAULT_TIME_ZONE, timeMax)) {
          if (startMs + length <= timeMin || event.cancelledStarts.has(startMs)) continue;
          out.push({ event, startMs, endMs: startMs + length, instanceId: instanceIdOf(event.id, startMs) });
        }
        continue;
      }
      if (timeMin !== undefined && event.endMs <= timeMin) continue;
      if (timeMax !== undefined && event.startMs >= timeMax) continue;
      out.push({ event, startMs: event.startMs, endMs: event.endMs });
    }
    return out.sort((a, b) => a.startMs - b.startMs || a.event.createTime - b.event.createTime || a.event.id.localeCompare(b.event.id));
  }
}

const store = stateSlot((state: EmulatorState) => new CalendarStore(state));

export function calendarStore(state: EmulatorState): CalendarStore {
  return store(state);
}

/** An occurrence's start or end written like the series' own: a date for all-day events, else a time in its zone. */
function occurrenceTime(template: EventTime, ms: number): EventTime {
  const timeZone = template.timeZone ?? DEFAULT_TIME_ZONE;
  if (template.date !== undefined) return { date: zonedIso(ms, timeZone).slice(0, 10), ...(template.timeZone ? { timeZone } : {}) };
  return { dateTime: zonedIso(ms, timeZone), timeZone };
}

/** The recurrence as DingTalk writes it back. */
function recurrenceView(r: Recurrence) {
  return { pattern: { ...r.pattern }, range: { ...r.range } };
}

/** The event as the API returns it to `viewer` (the path's unionId); an instance of a series when `occurrence` says so. */
export function eventView(org: Org, event: StoredEvent, viewer: string, occurrence?: Occurrence) {
  const person = (unionId: string, responseStatus: string, isOptional?: boolean) => ({
    id: unionId,
    displayName: org.usersByUnionId.get(unionId)?.name ?? "",
    responseStatus,
    self: unionId === viewer,
    ...(isOptional !== undefined ? { isOptional } : {}),
  });
  const instance = occurrence?.instanceId !== undefined ? occurrence : undefined;
  return {
    id: instance?.instanceId ?? event.id,
    ...(instance ? { seriesMasterId: event.id } : {}),
    summary: event.summary,
    description: event.description,
    start: instance ? occurrenceTime(event.start, instance.startMs) : event.start,
    end: instance ? occurrenceTime(event.end, instance.endMs) : event.end,
    isAllDay: event.isAllDay,
    ...(event.recurrence && !instance ? { recurrence: recurrenceView(event.recurrence) } : {}),
    organizer: person(event.organizerId, "accepted"),
    attendees: [...event.attendees].map(([id, a]) => person(id, a.responseStatus, a.isOptional)),
    ...(event.location ? { location: event.location } : {}),
    reminders: event.reminders,
    ...(event.onlineMeetingInfo ? { onlineMeetingInfo: event.onlineMeetingInfo } : {}),
    status: event.status,
    createTime: shanghaiIso(event.createTime),
    updateTime: shanghaiIso(event.updateTime),
  };
}
