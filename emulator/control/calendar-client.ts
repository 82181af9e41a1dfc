import { ControlClientBase } from "./control-client-base";

export interface ControlEventTime {
  date?: string;
  dateTime?: string;
  timeZone?: string;
}

/** An event as the emulator's calendar holds it, in DingTalk's shape. */
export interface ControlEvent {
  id: string;
  seriesMasterId?: string;
  summary: string;
  start: ControlEventTime;
  end: ControlEventTime;
  isAllDay: boolean;
  recurrence?: { pattern: Record<string, unknown>; range: Record<string, unknown> };
  organizer: { id: string; displayName: string };
  attendees: { id: string; displayName: string; isOptional?: boolean }[];
  status: string;
}

export interface ControlSchedule {
  userId: string;
  scheduleItems: { status: string; start: ControlEventTime; end: ControlEventTime }[];
}

/** Typed access to `/__control/calendar/…`: a person's events and free/busy, as tests check what the console did. */
export class CalendarControl extends ControlClientBase {
  /** Events of the person (unionId); with both bounds a series comes as its instances. */
  async events(unionId: string, window: { timeMin?: string; timeMax?: string; showDeleted?: boolean } = {}): Promise<ControlEvent[]> {
    return (await this.call<{ events: ControlEvent[] }>("GET", `/calendar/events${this.query({ unionId, ...window })}`)).events;
  }

  async schedule(userIds: string[], startTime: string, endTime: string): Promise<ControlSchedule[]> {
    return (await this.call<{ scheduleInformation: ControlSchedule[] }>("POST", "/calendar/schedule", { userIds, startTime, endTime })).scheduleInformation;
  }
}
