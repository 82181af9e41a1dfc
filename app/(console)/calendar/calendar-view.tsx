"use client";

import type { DatesSetArg, EventClickArg, EventDropArg, EventInput as ViewEvent, EventSourceFuncArg } from "@fullcalendar/core";
import enLocale from "@fullcalendar/core/locales/en-gb";
import zhLocale from "@fullcalendar/core/locales/zh-cn";
import dayGridPlugin from "@fullcalendar/daygrid";
import interactionPlugin, { type EventResizeDoneArg } from "@fullcalendar/interaction";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { useQueryClient } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { forwardRef, useCallback, useImperativeHandle, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { toastResult } from "@/components/ui/toast";
import type { CalendarEntry } from "@/lib/calendar/entries";
import { instantOfWall, wallTime } from "@/lib/calendar/wall-clock";
import { moveEventAction } from "./actions";

export interface CalendarViewHandle {
  /** Forgets the cached ranges and asks again (after a change). */
  refresh(): void;
}

interface Props {
  calendarOf: string;
  onOpen(entry: CalendarEntry): void;
  onCreate(start: Date, end: Date, allDay: boolean): void;
}

/** A range's events, kept a minute: moving between weeks and back does not ask DingTalk again. */
const RANGE_STALE_MS = 60_000;

export async function fetchEntries(url: string): Promise<{ events: CalendarEntry[]; truncated: boolean }> {
  const r = await fetch(url, { cache: "no-store" });
  const body = (await r.json()) as { events?: CalendarEntry[]; truncated?: boolean; message?: string };
  if (!r.ok) throw new Error(body.message ?? String(r.status));
  return { events: body.events ?? [], truncated: body.truncated ?? false };
}

function viewEvent(e: CalendarEntry): ViewEvent {
  return {
    id: e.id,
    title: e.title,
    start: e.allDay ? e.startDay : wallTime(e.start),
    end: e.allDay ? e.endDay : wallTime(e.end),
    allDay: e.allDay,
    editable: e.organizedByOwner,
    classNames: e.organizedByOwner ? [] : ["opacity-80"],
    extendedProps: { entry: e },
  };
}

/** Day, week and month views of one person's calendar, in Shanghai time, events dragged and resized in place. */
export const CalendarView = forwardRef<CalendarViewHandle, Props>(function CalendarView({ calendarOf, onOpen, onCreate }, ref) {
  const t = useTranslations("calendar");
  const locale = useLocale();
  const queryClient = useQueryClient();
  const calendar = useRef<FullCalendar>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [truncated, setTruncated] = useState(false);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ["calendar-events"] });
    calendar.current?.getApi().refetchEvents();
  };
  useImperativeHandle(ref, () => ({ refresh }));

  const load = useCallback(
    (info: EventSourceFuncArg, success: (events: ViewEvent[]) => void, failure: (error: Error) => void) => {
      const from = instantOfWall(info.start).toISOString();
      const to = instantOfWall(info.end).toISOString();
      const url = `/calendar/events?${new URLSearchParams({ person: calendarOf, from, to })}`;
      queryClient
        .fetchQuery({ queryKey: ["calendar-events", url], queryFn: () => fetchEntries(url), staleTime: RANGE_STALE_MS })
        .then((r) => {
          setProblem(null);
          setTruncated(r.truncated);
          success(r.events.map(viewEvent));
        })
        .catch((e: Error) => {
          setProblem(e.message);
          failure(e);
        });
    },
    [calendarOf, queryClient],
  );

  const move = async (info: EventDropArg | EventResizeDoneArg) => {
    const entry = info.event.extendedProps.entry as CalendarEntry;
    const start = info.event.start!;
    const end = info.event.end ?? new Date(start.getTime() + (info.event.allDay ? 86_400_000 : 3_600_000));
    const result = toastResult(
      await moveEventAction(null, {
        calendarOf,
        eventId: entry.id,
        seriesMasterId: entry.seriesMasterId ?? "",
        previousStart: instantOfWall(info.oldEvent.start!).toISOString(),
        allDay: info.event.allDay,
        start: instantOfWall(start).toISOString(),
        end: instantOfWall(end).toISOString(),
      }),
    );
    if (!result?.ok) info.revert();
    else refresh();
  };

  return (
    <div data-testid="calendar-view" data-person={calendarOf}>
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {truncated ? <Notice tone="warn">{t("view.truncated")}</Notice> : null}
      <FullCalendar
        ref={calendar}
        plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
        // Shanghai wall clock is handed in as UTC (see lib/calendar/wall-clock.ts).
        timeZone="UTC"
        now={() => wallTime(Date.now())}
        locales={[zhLocale, enLocale]}
        locale={locale === "en" ? "en-gb" : "zh-cn"}
        initialView="timeGridWeek"
        headerToolbar={{ left: "prev,next today", center: "title", right: "timeGridDay,timeGridWeek,dayGridMonth" }}
        allDaySlot
        nowIndicator
        height="auto"
        slotMinTime="07:00:00"
        slotMaxTime="22:00:00"
        scrollTime="08:00:00"
        selectable
        selectMirror
        editable
        eventStartEditable
        eventDurationEditable
        events={load}
        lazyFetching
        select={(info) => onCreate(instantOfWall(info.start), instantOfWall(info.end), info.allDay)}
        eventClick={(info: EventClickArg) => onOpen(info.event.extendedProps.entry as CalendarEntry)}
        eventDrop={(info) => void move(info)}
        eventResize={(info) => void move(info)}
        datesSet={(_: DatesSetArg) => setProblem(null)}
        eventDidMount={(info) => {
          const entry = info.event.extendedProps.entry as CalendarEntry;
          info.el.setAttribute("data-testid", "calendar-event");
          info.el.setAttribute("data-event-id", entry.id);
          info.el.setAttribute("data-title", entry.title);
        }}
      />
    </div>
  );
});
