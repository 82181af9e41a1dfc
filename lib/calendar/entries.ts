import type { CalendarEvent, EventTime } from "@/lib/dingtalk/calendar";
import { instantOf } from "./events";

// An event as the calendar page shows it: times as instants (or days for all-day events),
// attendees as the directory's people where it knows them. Plain JSON for the browser.

export interface CalendarAttendee {
  unionId: string;
  /** From the synced directory; absent for someone it does not hold. */
  userId?: string;
  name: string;
  optional: boolean;
  status: string;
}

export interface CalendarEntry {
  id: string;
  seriesMasterId?: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** ISO 8601 instants; for an all-day event `startDay` and `endDay` (exclusive) too. */
  start: string;
  end: string;
  startDay?: string;
  endDay?: string;
  organizer: { name: string; userId?: string };
  /** Whether the calendar's owner organizes it (only the organizer changes an event). */
  organizedByOwner: boolean;
  attendees: CalendarAttendee[];
  onlineUrl?: string;
  reminderMinutes: number | null;
  recurrence?: Record<string, unknown>;
}

const iso = (t: EventTime) => new Date(instantOf(t)).toISOString();

export function calendarEntry(e: CalendarEvent, people: Map<string, { userId: string; name: string }>): CalendarEntry {
  return {
    id: e.id,
    ...(e.seriesMasterId ? { seriesMasterId: e.seriesMasterId } : {}),
    title: e.summary,
    description: e.description,
    location: e.location?.displayName ?? "",
    allDay: e.isAllDay,
    start: iso(e.start),
    end: iso(e.end),
    ...(e.isAllDay ? { startDay: e.start.date, endDay: e.end.date } : {}),
    organizer: { name: e.organizer?.displayName ?? "", userId: e.organizer ? people.get(e.organizer.id)?.userId : undefined },
    organizedByOwner: e.organizer?.self ?? true,
    attendees: e.attendees
      .filter((a) => a.id !== e.organizer?.id)
      .map((a) => ({ unionId: a.id, userId: people.get(a.id)?.userId, name: people.get(a.id)?.name ?? a.displayName, optional: a.isOptional ?? false, status: a.responseStatus })),
    onlineUrl: e.onlineMeetingInfo?.url,
    reminderMinutes: e.reminders[0]?.minutes ?? null,
    ...(e.recurrence ? { recurrence: e.recurrence } : {}),
  };
}
