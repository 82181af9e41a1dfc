"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { Field } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import type { PickedPerson } from "@/components/pickers/person-search";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { toast } from "@/components/ui/toast";
import type { CalendarEntry } from "@/lib/calendar/entries";
import { fromDingTalkRecurrence } from "@/lib/calendar/recurrence";
import { toShanghaiInput } from "@/lib/time";
import { CalendarView, fetchEntries, type CalendarViewHandle } from "./calendar-view";
import { EventDialog, type EventDraft } from "./event-dialog";
import { FreeTimeFinder } from "./free-time-finder";
import { calendarState } from "./query";

const HOUR = 3_600_000;

function newDraft(start: Date, end: Date, allDay: boolean, attendees: PickedPerson[] = []): EventDraft {
  const lastDay = new Date(end.getTime() - 1);
  return {
    title: "",
    description: "",
    location: "",
    allDay,
    start: allDay ? toShanghaiInput(start).slice(0, 10) : toShanghaiInput(start),
    end: allDay ? toShanghaiInput(lastDay).slice(0, 10) : toShanghaiInput(end),
    repeat: { kind: "none", end: { kind: "never" } },
    attendees,
    optionalAttendees: [],
    reminder: "15",
    onlineMeeting: false,
  };
}

function draftOf(entry: CalendarEntry): EventDraft {
  const { repeat, exact } = fromDingTalkRecurrence(entry.recurrence);
  const known = entry.attendees.filter((a) => a.userId);
  const person = (a: (typeof known)[number]) => ({ userId: a.userId!, name: a.name });
  return {
    eventId: entry.id,
    title: entry.title,
    description: entry.description,
    location: entry.location,
    allDay: entry.allDay,
    start: entry.allDay ? entry.startDay! : toShanghaiInput(new Date(entry.start)),
    end: entry.allDay ? toShanghaiInput(new Date(Date.parse(entry.end) - 1)).slice(0, 10) : toShanghaiInput(new Date(entry.end)),
    repeat,
    inexactRepeat: !exact,
    attendees: known.filter((a) => !a.optional).map(person),
    optionalAttendees: known.filter((a) => a.optional).map(person),
    unknownAttendees: entry.attendees.filter((a) => !a.userId).map((a) => a.name),
    reminder: entry.reminderMinutes === null ? "none" : String(entry.reminderMinutes),
    onlineMeeting: entry.onlineUrl !== undefined,
    onlineUrl: entry.onlineUrl,
    organizer: entry.organizedByOwner ? undefined : entry.organizer.name,
  };
}

/** The calendar page's interactive part: whose calendar, the calendar itself, the event dialog and the free-time finder. */
export function CalendarWorkspace({ owner, me, mayPickOthers, today }: { owner: PickedPerson; me: PickedPerson; mayPickOthers: boolean; today: string }) {
  const t = useTranslations("calendar");
  const router = useRouter();
  const queryClient = useQueryClient();
  const view = useRef<CalendarViewHandle>(null);
  const [draft, setDraft] = useState<EventDraft | null>(null);
  // A new dialog per draft, so its fields start from that draft.
  const [dialogKey, setDialogKey] = useState(0);

  const openDraft = (next: EventDraft) => {
    setDialogKey((k) => k + 1);
    setDraft(next);
  };

  // An instance of a series is edited as its series: the master holds the rule and the first times.
  const open = async (entry: CalendarEntry) => {
    if (!entry.seriesMasterId) return openDraft(draftOf(entry));
    const url = `/calendar/events?${new URLSearchParams({ person: owner.userId, id: entry.seriesMasterId })}`;
    try {
      const { events } = await queryClient.fetchQuery({ queryKey: ["calendar-event", url], queryFn: () => fetchEntries(url), staleTime: 10_000 });
      openDraft(draftOf(events[0]));
    } catch (e) {
      toast.error((e as Error).message);
    }
  };

  const saved = () => {
    setDraft(null);
    view.current?.refresh();
  };

  const newAtNextHour = () => {
    const nextHour = Math.ceil(Date.now() / HOUR) * HOUR;
    openDraft(newDraft(new Date(nextHour), new Date(nextHour + HOUR), false));
  };

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end gap-3">
        {mayPickOthers ? (
          <div className="w-72">
            <Field label={t("whose")}>
              {(control) => (
                <PersonPicker
                  name="person"
                  initial={[owner]}
                  onChange={(people) => (people[0] && people[0].userId !== owner.userId ? router.push(calendarState.href("/calendar", { person: undefined }, { person: people[0].userId })) : undefined)}
                  {...control}
                />
              )}
            </Field>
          </div>
        ) : null}
        <Button type="button" onClick={newAtNextHour} data-testid="new-event">
          {t("newEvent")}
        </Button>
      </div>
      <Card>
        <CalendarView ref={view} calendarOf={owner.userId} onOpen={(e) => void open(e)} onCreate={(s, e, allDay) => openDraft(newDraft(s, e, allDay))} />
      </Card>
      <Card className="mt-6" title={t("finder.title")}>
        <FreeTimeFinder
          me={me}
          today={today}
          onPick={(slot, people) => openDraft(newDraft(new Date(slot.start), new Date(slot.end), false, people.filter((p) => p.userId !== owner.userId)))}
        />
      </Card>
      {draft ? <EventDialog key={dialogKey} calendarOf={owner.userId} draft={draft} onClose={() => setDraft(null)} onSaved={saved} /> : null}
    </>
  );
}
