import { TZDate } from "@date-fns/tz";
import { dayRange, shanghaiDay, shanghaiIso, TIME_ZONE } from "@/lib/time";

// The repetitions the event form offers, and DingTalk's recurrence ({pattern, range}, the
// calendar_1_0 model) they are sent as. DingTalk expands a series itself when a window is
// listed, so the console never computes occurrences; it only writes and reads the rule.

export const REPEAT_KINDS = ["none", "daily", "weekdays", "weekly", "monthly"] as const;
export type RepeatKind = (typeof REPEAT_KINDS)[number];
export const REPEAT_ENDS = ["never", "until", "count"] as const;
export type RepeatEndKind = (typeof REPEAT_ENDS)[number];

export type RepeatEnd = { kind: "never" } | { kind: "until"; day: string } | { kind: "count"; count: number };
export interface Repeat {
  kind: RepeatKind;
  end: RepeatEnd;
}

export interface DingTalkRecurrence {
  pattern: { type: "daily" | "weekly" | "absoluteMonthly"; interval: number; daysOfWeek?: string; dayOfMonth?: number };
  range: { type: "noEnd" | "endDate" | "numbered"; endDate?: string; numberOfOccurrences?: number };
}

/** DingTalk caps a numbered range at this many occurrences. */
export const MAX_OCCURRENCES = 999;

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;
const WORKDAYS = WEEKDAYS.slice(1, 6).join(",");

function range(end: RepeatEnd): DingTalkRecurrence["range"] {
  switch (end.kind) {
    case "never":
      return { type: "noEnd" };
    case "count":
      return { type: "numbered", numberOfOccurrences: end.count };
    case "until":
      // The last day counts: the series may start an occurrence until that day's last second.
      return { type: "endDate", endDate: shanghaiIso(dayRange(end.day).end.getTime() - 1000) };
  }
}

/** The rule for a repetition starting at `start` (its weekday and day of month, in Shanghai); none for "none". */
export function toDingTalkRecurrence(repeat: Repeat, start: Date): DingTalkRecurrence | undefined {
  const local = new TZDate(start.getTime(), TIME_ZONE);
  switch (repeat.kind) {
    case "none":
      return undefined;
    case "daily":
      return { pattern: { type: "daily", interval: 1 }, range: range(repeat.end) };
    case "weekdays":
      return { pattern: { type: "weekly", interval: 1, daysOfWeek: WORKDAYS }, range: range(repeat.end) };
    case "weekly":
      return { pattern: { type: "weekly", interval: 1, daysOfWeek: WEEKDAYS[local.getDay()] }, range: range(repeat.end) };
    case "monthly":
      return { pattern: { type: "absoluteMonthly", interval: 1, dayOfMonth: local.getDate() }, range: range(repeat.end) };
  }
}

/**
 * The form's repetition for a rule read from DingTalk; `exact` is false when the rule says more
 * than the form can (every second week, a yearly rule): the form then shows the nearest choice
 * and the rule is sent again only if the person changes it.
 */
export function fromDingTalkRecurrence(raw: Record<string, unknown> | undefined): { repeat: Repeat; exact: boolean } {
  const none = { repeat: { kind: "none" as const, end: { kind: "never" as const } }, exact: raw === undefined };
  if (!raw) return none;
  const pattern = (raw.pattern ?? {}) as Record<string, unknown>;
  const r = (raw.range ?? {}) as Record<string, unknown>;
  const interval = Number(pattern.interval ?? 1);
  const days = String(pattern.daysOfWeek ?? "").split(",").map((d) => d.trim()).filter(Boolean);
  let kind: RepeatKind;
  if (pattern.type === "daily") kind = "daily";
  else if (pattern.type === "weekly" && days.join(",") === WORKDAYS) kind = "weekdays";
  else if (pattern.type === "weekly") kind = "weekly";
  else if (pattern.type === "absoluteMonthly") kind = "monthly";
  else return { ...none, exact: false };
  let end: RepeatEnd = { kind: "never" };
  if (r.type === "numbered") end = { kind: "count", count: Number(r.numberOfOccurrences) };
  if (r.type === "endDate" && typeof r.endDate === "string") end = { kind: "until", day: shanghaiDay(new Date(r.endDate)) };
  const exact = interval === 1 && (kind !== "weekly" || days.length === 1) && (r.type === undefined || ["noEnd", "numbered", "endDate"].includes(String(r.type)));
  return { repeat: { kind, end }, exact };
}
