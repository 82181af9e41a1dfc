import { z } from "zod";
import { collect, type EventInput, type EventTime } from "@/lib/dingtalk";
import { DATE, flag, instant, optionalIdList, optionalInt, optionalText, parseInstant, text } from "../arguments";
import { shanghaiIso, TIME_ZONE } from "@/lib/time";
import { defineCommand } from "../command";

const unionId = text("the calendar owner's unionId (not the userId)");

/** A start or end: yyyy-MM-dd for an all-day event, otherwise a date-time or ms. */
const eventTime = (description: string) =>
  z
    .string()
    .trim()
    .refine((v) => parseInstant(v) !== undefined, "must be yyyy-MM-dd (all day), an ISO 8601 date-time such as 2026-03-02T09:00:00+08:00, or ms")
    .describe(description);

/** A moment as DingTalk's calendar wants it: ISO 8601 in Asia/Shanghai. */
const optionalIsoInstant = (description: string) => instant.transform(shanghaiIso).optional().describe(description);

/** Calendar events (日程) on a person's primary calendar. */
export const calendarCommands = [
  defineCommand({
    name: "create-event",
    summary: "create an event on a person's calendar",
    positionals: ["unionId", "summary"],
    input: z
      .object({
        unionId,
        summary: text("the event's title"),
        start: eventTime("when it starts: yyyy-MM-dd for all day, or a date-time"),
        end: eventTime("when it ends (an all-day event ends the day after its last day)"),
        description: optionalText("details"),
        attendees: optionalIdList("attendees' unionIds, comma-separated"),
        location: optionalText("where"),
        timeZone: z.string().trim().min(1).default(TIME_ZONE).describe(`time zone of the times (default ${TIME_ZONE})`),
        reminder: optionalInt("remind this many minutes before", { min: 0, max: 40_320 }),
        onlineMeeting: flag("add a DingTalk video meeting"),
      })
      .refine((v) => DATE.test(v.start) === DATE.test(v.end), { message: "--start and --end must both be dates (all day) or both date-times" })
      .refine((v) => (parseInstant(v.start) as number) < (parseInstant(v.end) as number), { message: "--end must be after --start" }),
    examples: ["dingtalk create-event <unionId> 周会 --start 2026-03-02T10:00:00+08:00 --end 2026-03-02T11:00:00+08:00 --attendees <unionId>,<unionId>"],
    run(ctx, input) {
      const allDay = DATE.test(input.start);
      const time = (v: string): EventTime => (allDay ? { date: v } : { dateTime: shanghaiIso(parseInstant(v) as number), timeZone: input.timeZone });
      const event: EventInput = {
        summary: input.summary,
        description: input.description,
        start: time(input.start),
        end: time(input.end),
        isAllDay: allDay,
        attendees: input.attendees?.map((id) => ({ id, isOptional: false })),
        location: input.location ? { displayName: input.location } : undefined,
        reminders: input.reminder !== undefined ? [{ method: "dingtalk", minutes: input.reminder }] : undefined,
        onlineMeetingInfo: input.onlineMeeting ? { type: "dingtalk" } : undefined,
      };
      return ctx.client().calendar.createEvent(input.unionId, event);
    },
  }),
  defineCommand({
    name: "list-events",
    summary: "events on a person's calendar in a period (all pages)",
    positionals: ["unionId"],
    input: z.object({
      unionId,
      from: optionalIsoInstant("events ending after this: yyyy-MM-dd, ISO date-time or ms"),
      to: optionalIsoInstant("events starting before this"),
      showDeleted: flag("include cancelled events"),
    }),
    async run(ctx, input) {
      const events = await collect(ctx.client().calendar.iterateEvents(input.unionId, { timeMin: input.from, timeMax: input.to, showDeleted: input.showDeleted || undefined }));
      return { unionId: input.unionId, count: events.length, events };
    },
  }),
];
