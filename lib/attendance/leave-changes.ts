import type { Db } from "@/lib/db/client";
import type { ProcessInstance } from "@/lib/dingtalk";
import { addDaysTo, parseDay } from "@/lib/time";
import { markAttendanceStale } from "./report";

// A leave approval that changes (approved, refused, revoked) changes its person's attendance on
// the days it covers: those days are marked stale, so the next build of any report holding them
// fetches them again, and only them.

const DAY_IN = /(\d{4}-\d{2}-\d{2})/;

/** The days a leave approval covers, from its form: 开始时间 and 结束时间, or DingTalk's own leave control (a JSON array starting with both). */
export function leaveDaysOf(form: ProcessInstance["formComponentValues"]): { from: string; to: string } | null {
  const dayOf = (text: string | undefined) => parseDay(DAY_IN.exec(text ?? "")?.[1]);
  const byName = (name: string) => form.find((f) => f.name === name)?.value;
  let from = dayOf(byName("开始时间"));
  let to = dayOf(byName("结束时间"));
  if (!from || !to) {
    const holiday = form.find((f) => f.componentType === "DDHolidayField");
    try {
      const parsed: unknown = holiday ? JSON.parse(holiday.value) : null;
      if (Array.isArray(parsed)) [from, to] = [dayOf(String(parsed[0])), dayOf(String(parsed[1]))];
    } catch {
      return null;
    }
  }
  if (!from || !to || from > to) return null;
  // A leave longer than a year is not a leave form's dates: nothing marked.
  return addDaysTo(from, 366) < to ? null : { from, to };
}

/** Marks the days of a leave approval stale; false when the instance is not a leave. */
export async function markLeaveApproval(db: Db, instance: Pick<ProcessInstance, "originatorUserId" | "formComponentValues">): Promise<boolean> {
  const days = leaveDaysOf(instance.formComponentValues);
  if (!days || !instance.originatorUserId) return false;
  await markAttendanceStale(db, instance.originatorUserId, days.from, days.to);
  return true;
}
