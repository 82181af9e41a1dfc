// What calls are made for, as the meter counts them and the usage page breaks them down. Work the
// console does on its own (the schedule, org events) is "background" and plans against its share.

export const CALL_AREAS = {
  /** A full sync an admin started. */
  "directory.sync": { background: false },
  /** A full sync the schedule started (the first one, or one resumed). */
  "directory.sync.schedule": { background: true },
  "directory.reconcile": { background: true },
  /** People and departments fetched because an org event named them. */
  "directory.event": { background: true },
  /** The approvals index filled from DingTalk's listing and detail calls. */
  "approvals.backfill": { background: true },
  /** Approval instances fetched because a bpms_* event named them. */
  "approvals.event": { background: true },
  /** Acting on approvals from the console (start, comment, decide, transfer, terminate, remind by hand) and the index refresh after. */
  "approvals.act": { background: false },
  /** The daily reminders for overdue approvals. */
  "approvals.remind": { background: true },
  /** Attendance fetched for a report a person built or refreshed. */
  "attendance.report": { background: false },
  /** Attendance fetched and notifications sent for subscribed reports (the schedule). */
  "attendance.delivery": { background: true },
  /** Knowledge-base documents read, edited, created, deleted and shared from the console. */
  docs: { background: false },
  /** Calendars read and events changed from the calendar page, free/busy for the free-time finder. */
  calendar: { background: false },
  /** The Stream bot answering people. */
  bot: { background: false },
  /** Pages and actions of the console. */
  page: { background: false },
  other: { background: false },
} as const;

export type CallArea = keyof typeof CALL_AREAS;

export const BACKGROUND_AREAS: readonly string[] = Object.entries(CALL_AREAS)
  .filter(([, a]) => a.background)
  .map(([name]) => name);

export const isBackgroundArea = (area: string): boolean => BACKGROUND_AREAS.includes(area);
