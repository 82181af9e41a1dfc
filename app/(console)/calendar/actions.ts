"use server";

import {
  calendarOwner, calendarPeople, createCalendarEvent, deleteCalendarEvent, findFreeTime, moveCalendarEvent, updateCalendarEvent,
  type CalendarDeps, type CalendarPerson,
} from "@/lib/calendar/events";
import { eventDeleteSchema, eventEditSchema, eventFormSchema, eventMoveSchema, freeTimeSchema } from "@/lib/calendar/event-form";
import { withCallArea } from "@/lib/dingtalk/meter";
import { serverAction, type ActionContext } from "@/lib/server/action";
import { ActionFailure } from "@/lib/server/action-errors";
import { getDingTalk } from "@/lib/server/dingtalk";
import { shanghaiIso } from "@/lib/time";

// Events are changed in the calendar of `calendarOf` (a userId): the person's own, or another's
// for those with calendar.others. The audit entry's target is that calendar.

const onCalendarOf = (i: { calendarOf: string }) => ({ type: "calendar", id: i.calendarOf });

/** An action's work on the calendar it names, after the role check, its DingTalk calls counted under "calendar". */
function inCalendarOf<T>({ db, actor }: ActionContext, calendarOf: string, work: (owner: CalendarPerson, deps: CalendarDeps) => Promise<T>): Promise<T> {
  return withCallArea("calendar", async () => work(await calendarOwner(db, actor, calendarOf), { db, client: getDingTalk() }));
}

export const createEventAction = serverAction({
  permission: "calendar.own",
  input: eventFormSchema,
  audit: { action: "calendar.event.create", target: onCalendarOf },
  run: (form, ctx) =>
    inCalendarOf(ctx, form.calendarOf, async (owner, deps) => {
      const event = await createCalendarEvent(deps, owner, form);
      return { eventId: event.id, title: event.summary, calendarOf: owner.name };
    }),
  message: (r, { t }) => t("calendar.saved.created", { title: r.title, name: r.calendarOf }),
});

export const updateEventAction = serverAction({
  permission: "calendar.own",
  input: eventEditSchema,
  audit: { action: "calendar.event.update", target: onCalendarOf },
  run: (form, ctx) =>
    inCalendarOf(ctx, form.calendarOf, async (owner, deps) => {
      const { event, added, removed } = await updateCalendarEvent(deps, owner, form);
      return { eventId: event.id, title: event.summary, added, removed };
    }),
  message: (r, { t }) => t("calendar.saved.updated", { title: r.title, added: r.added, removed: r.removed }),
});

export const moveEventAction = serverAction({
  permission: "calendar.own",
  input: eventMoveSchema,
  audit: { action: "calendar.event.move", target: onCalendarOf },
  run: (move, ctx) =>
    inCalendarOf(ctx, move.calendarOf, async (owner, deps) => {
      const event = await moveCalendarEvent(deps, owner, move);
      return { eventId: event.id, title: event.summary, series: move.seriesMasterId !== "" };
    }),
  message: (r, { t }) => t(r.series ? "calendar.saved.seriesMoved" : "calendar.saved.moved", { title: r.title }),
});

export const deleteEventAction = serverAction({
  permission: "calendar.own",
  input: eventDeleteSchema,
  audit: { action: "calendar.event.delete", target: onCalendarOf },
  run: (input, ctx) =>
    inCalendarOf(ctx, input.calendarOf, async (owner, deps) => {
      await deleteCalendarEvent(deps, owner, input.eventId);
      return { eventId: input.eventId };
    }),
  message: (_r, { t }) => t("calendar.saved.deleted"),
});

/** Free/busy of the people chosen (asked as the signed-in person) and the first slots free for all. */
export const findFreeTimeAction = serverAction({
  permission: "calendar.own",
  input: freeTimeSchema,
  audit: { action: "calendar.freeTime", target: (i) => ({ type: "calendar", id: i.people.join(",").slice(0, 200) }) },
  run: (query, ctx) =>
    inCalendarOf(ctx, ctx.actor.userId, async (asker, deps) => {
      const { found, missing } = await calendarPeople(deps.db, query.people);
      if (missing.length > 0) throw new ActionFailure("CALENDAR_NO_UNION_ID", "people", { names: missing.map((m) => m.name).join("、") });
      const result = await findFreeTime(deps, asker, found, { ...query, now: Date.now() });
      return {
        calls: result.calls,
        schedules: result.schedules.map((s) => ({ ...s, busy: s.busy.map((b) => ({ start: shanghaiIso(b.start), end: shanghaiIso(b.end), tentative: b.tentative })) })),
        slots: result.slots.map((s) => ({ start: shanghaiIso(s.start), end: shanghaiIso(s.end) })),
        people: found.map((p) => ({ userId: p.userId, name: p.name })),
      };
    }),
});
