import { z } from "zod";
import { formField } from "@/lib/forms/form-data";
import { addDaysTo, fromShanghaiInput, parseDay } from "@/lib/time";
import { MAX_OCCURRENCES, REPEAT_ENDS, REPEAT_KINDS, type Repeat } from "./recurrence";

// The event form, checked by this one schema in the browser (before sending) and in the server
// action (before DingTalk sees it). Messages are keys of the `calendar` messages, so both sides
// put them in words; the server alone adds what needs the directory (a person without a unionId).

/** DingTalk's limit of attendees on one event. */
export const MAX_ATTENDEES = 500;

/** Reminder choices in minutes before the start; "none" sends an empty list. */
export const REMINDER_CHOICES = ["none", "0", "5", "15", "30", "60", "1440"] as const;

// i18n-keys: calendar.form.errors.*
const ERR = "calendar.form.errors";
const userId = z.string().trim().min(1).max(64);

export const eventFormFields = z.object({
  /** Whose calendar (userId): the signed-in person's own, or another's for those who may. */
  calendarOf: userId,
  /** The event being edited (its series' id for an instance); empty for a new one. */
  eventId: z.string().trim().max(200).default(""),
  title: z.string().trim().min(1, `${ERR}.titleRequired`).max(200),
  description: z.string().trim().max(5000).default(""),
  location: z.string().trim().max(200).default(""),
  allDay: formField.checkbox(),
  /** `yyyy-MM-ddTHH:mm` in Shanghai, or `yyyy-MM-dd` for an all-day event (its last day for `end`). */
  start: z.string().trim().min(1),
  end: z.string().trim().min(1),
  repeat: z.enum(REPEAT_KINDS).default("none"),
  repeatEnd: z.enum(REPEAT_ENDS).default("never"),
  until: z.string().trim().default(""),
  count: z.string().trim().default(""),
  attendees: formField.list(userId),
  optionalAttendees: formField.list(userId),
  reminder: z.enum(REMINDER_CHOICES).default("15"),
  onlineMeeting: formField.checkbox(),
});

export interface EventTiming {
  allDay: boolean;
  /** The instant it starts; for an all-day event its first day's 00:00 in Shanghai. */
  start: Date;
  end: Date;
  /** All-day only: the first day and the day after the last (DingTalk's end.date is exclusive). */
  startDay?: string;
  endDay?: string;
}

export type EventForm = Omit<z.output<typeof eventFormFields>, "start" | "end" | "repeat" | "repeatEnd" | "until" | "count" | "attendees" | "optionalAttendees" | "reminder"> & {
  timing: EventTiming;
  repeat: Repeat;
  attendees: { userId: string; optional: boolean }[];
  reminderMinutes: number | null;
};

type Fields = z.output<typeof eventFormFields>;

/** Where a check puts its issues: zod's refinement context, or nowhere when only the value is wanted. */
interface Issues {
  addIssue(issue: { code: "custom"; path: string[]; message: string }): void;
}
const IGNORED: Issues = { addIssue: () => undefined };

/** The start and end as typed, or the issues on the fields at fault. */
export function readTiming(f: Pick<Fields, "allDay" | "start" | "end">, ctx: Issues): EventTiming | undefined {
  if (f.allDay) {
    const startDay = parseDay(f.start);
    const lastDay = parseDay(f.end);
    if (!startDay) ctx.addIssue({ code: "custom", path: ["start"], message: `${ERR}.badDay` });
    if (!lastDay) ctx.addIssue({ code: "custom", path: ["end"], message: `${ERR}.badDay` });
    if (!startDay || !lastDay) return undefined;
    if (lastDay < startDay) {
      ctx.addIssue({ code: "custom", path: ["end"], message: `${ERR}.endBeforeStart` });
      return undefined;
    }
    const endDay = addDaysTo(lastDay, 1);
    return { allDay: true, start: fromShanghaiInput(startDay)!, end: fromShanghaiInput(endDay)!, startDay, endDay };
  }
  const start = fromShanghaiInput(f.start);
  const end = fromShanghaiInput(f.end);
  // A day alone is not a time here: the all-day box says which is meant.
  const timed = (v: string) => v.includes("T");
  if (!start || !timed(f.start)) ctx.addIssue({ code: "custom", path: ["start"], message: `${ERR}.badTime` });
  if (!end || !timed(f.end)) ctx.addIssue({ code: "custom", path: ["end"], message: `${ERR}.badTime` });
  if (!start || !end || !timed(f.start) || !timed(f.end)) return undefined;
  if (end.getTime() <= start.getTime()) {
    ctx.addIssue({ code: "custom", path: ["end"], message: `${ERR}.endBeforeStart` });
    return undefined;
  }
  return { allDay: false, start, end };
}

function readRepeat(f: Fields, timing: EventTiming | undefined, ctx: Issues): Repeat | undefined {
  if (f.repeat === "none") return { kind: "none", end: { kind: "never" } };
  if (f.repeatEnd === "never") return { kind: f.repeat, end: { kind: "never" } };
  if (f.repeatEnd === "count") {
    const count = Number(f.count);
    if (!/^\d+$/.test(f.count) || count < 1 || count > MAX_OCCURRENCES) {
      ctx.addIssue({ code: "custom", path: ["count"], message: `${ERR}.badCount` });
      return undefined;
    }
    return { kind: f.repeat, end: { kind: "count", count } };
  }
  const day = parseDay(f.until);
  if (!day) {
    ctx.addIssue({ code: "custom", path: ["until"], message: `${ERR}.badDay` });
    return undefined;
  }
  if (timing && day < (timing.startDay ?? f.start.slice(0, 10))) {
    ctx.addIssue({ code: "custom", path: ["until"], message: `${ERR}.untilBeforeStart` });
    return undefined;
  }
  return { kind: f.repeat, end: { kind: "until", day } };
}

/** The form read into its parts; each mistake added to `ctx` on its field, and undefined if there was one. */
function readForm(f: Fields, ctx: Issues): EventForm | undefined {
  const timing = readTiming(f, ctx);
  const repeat = readRepeat(f, timing, ctx);
  const both = f.optionalAttendees.filter((id) => f.attendees.includes(id));
  if (both.length > 0) ctx.addIssue({ code: "custom", path: ["optionalAttendees"], message: `${ERR}.attendeeTwice` });
  const attendees = [...new Set(f.attendees)].map((id) => ({ userId: id, optional: false }));
  for (const id of new Set(f.optionalAttendees)) if (!f.attendees.includes(id)) attendees.push({ userId: id, optional: true });
  if (attendees.length > MAX_ATTENDEES) ctx.addIssue({ code: "custom", path: ["attendees"], message: `${ERR}.tooManyAttendees` });
  if (!timing || !repeat || both.length > 0 || attendees.length > MAX_ATTENDEES) return undefined;
  const { start: _s, end: _e, repeat: _r, repeatEnd: _re, until: _u, count: _c, attendees: _a, optionalAttendees: _o, reminder, ...rest } = f;
  return { ...rest, timing, repeat, attendees, reminderMinutes: reminder === "none" ? null : Number(reminder) };
}

/** The event form: every field checked, the times read in Shanghai, attendees with their optional mark. */
export const eventFormSchema = eventFormFields
  // The checks across fields run even when a field of its own is wrong (zod goes on past a field's
  // issue), so that an empty title and an end before the start are both shown at once.
  .superRefine((f, ctx) => {
    const raw = f as Partial<Record<keyof Fields, unknown>>;
    const texts = [raw.start, raw.end, raw.until, raw.count].every((v) => typeof v === "string");
    if (texts && Array.isArray(raw.attendees) && Array.isArray(raw.optionalAttendees)) readForm(f, ctx);
  })
  .transform((f) => readForm(f, IGNORED)!);

/** An existing event's form: the same, naming the event. */
export const eventEditSchema = eventFormSchema.refine((f) => f.eventId !== "", { path: ["eventId"], message: `${ERR}.noEvent` });

/** A move or resize from the calendar: the new start and end (instants) of the occurrence dragged. */
export const eventMoveSchema = z
  .object({
    calendarOf: userId,
    eventId: z.string().trim().min(1).max(200),
    /** For an instance of a series: the series' id; the whole series moves by the same amount. */
    seriesMasterId: z.string().trim().max(200).default(""),
    /** Where the dragged occurrence started before (ISO 8601), to move a series by the difference. */
    previousStart: z.iso.datetime({ offset: true }),
    allDay: formField.checkbox(),
    start: z.iso.datetime({ offset: true }),
    end: z.iso.datetime({ offset: true }),
  })
  .refine((m) => Number.isNaN(Date.parse(m.start)) || Number.isNaN(Date.parse(m.end)) || Date.parse(m.end) > Date.parse(m.start), { path: ["end"], message: `${ERR}.endBeforeStart` });

export const eventDeleteSchema = z.object({ calendarOf: userId, eventId: z.string().trim().min(1).max(200) });

/** The free-time finder: whose time, which days, how long. */
export const freeTimeSchema = z
  .object({
    people: formField.list(userId).pipe(z.array(userId).min(1, `${ERR}.choosePeople`).max(MAX_ATTENDEES)),
    from: z.string().trim().refine((v) => parseDay(v) !== null, `${ERR}.badDay`),
    to: z.string().trim().refine((v) => parseDay(v) !== null, `${ERR}.badDay`),
    minutes: z.coerce.number().int().min(15).max(540),
  })
  .refine((f) => !parseDay(f.from) || !parseDay(f.to) || f.to >= f.from, { path: ["to"], message: `${ERR}.endBeforeStart` })
  .refine((f) => !parseDay(f.from) || !parseDay(f.to) || f.to <= addDaysTo(f.from, 30), { path: ["to"], message: `${ERR}.rangeTooLong` });
