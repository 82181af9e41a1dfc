"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { CONTROL_CLASS, Field, SelectField, TextField } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import type { PickedPerson } from "@/components/pickers/person-search";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Notice } from "@/components/ui/notice";
import { toastResult } from "@/components/ui/toast";
import { eventEditSchema, eventFormSchema, REMINDER_CHOICES } from "@/lib/calendar/event-form";
import { REPEAT_ENDS, REPEAT_KINDS, type Repeat } from "@/lib/calendar/recurrence";
import { formObject } from "@/lib/forms/form-data";
import type { ActionResult } from "@/lib/server/action";
import { createEventAction, deleteEventAction, updateEventAction } from "./actions";

/** What the dialog starts with: a new event's times, or an existing event as DingTalk holds it. */
export interface EventDraft {
  /** The event to change (a series' own id); absent for a new event. */
  eventId?: string;
  title: string;
  description: string;
  location: string;
  allDay: boolean;
  /** `yyyy-MM-ddTHH:mm`, or `yyyy-MM-dd` (the last day, inclusive) when all-day. */
  start: string;
  end: string;
  repeat: Repeat;
  /** DingTalk's rule says more than the form offers; saving replaces it with the choice shown. */
  inexactRepeat?: boolean;
  attendees: PickedPerson[];
  optionalAttendees: PickedPerson[];
  /** Attendees the synced directory does not hold; kept as they are. */
  unknownAttendees?: string[];
  reminder: string;
  onlineMeeting: boolean;
  onlineUrl?: string;
  /** Set when the calendar's owner does not organize it: shown, not changed. */
  organizer?: string;
}

type Errors = Record<string, string[]>;

export function EventDialog({ calendarOf, draft, onClose, onSaved }: { calendarOf: string; draft: EventDraft; onClose(): void; onSaved(): void }) {
  const t = useTranslations("calendar");
  const words = useTranslations();
  const [allDay, setAllDay] = useState(draft.allDay);
  const [start, setStart] = useState(draft.start);
  const [end, setEnd] = useState(draft.end);
  const [repeat, setRepeat] = useState<string>(draft.repeat.kind);
  const [repeatEnd, setRepeatEnd] = useState<string>(draft.repeat.end.kind);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const editing = draft.eventId !== undefined;
  const readOnly = draft.organizer !== undefined;

  // A schema's message is a key of the messages; anything else is said generally.
  const say = (key: string) => ((words as unknown as { has(k: string): boolean }).has(key) ? (words as unknown as (k: string) => string)(key) : t("form.errors.invalid"));

  const switchAllDay = (on: boolean) => {
    setAllDay(on);
    setStart((v) => (on ? v.slice(0, 10) : `${v.slice(0, 10)}T09:00`));
    setEnd((v) => (on ? v.slice(0, 10) : `${v.slice(0, 10)}T10:00`));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    // The action's own schema, checked here first so that mistakes show before anything is sent.
    const checked = (editing ? eventEditSchema : eventFormSchema).safeParse(formObject(form));
    if (!checked.success) {
      const next: Errors = {};
      for (const issue of checked.error.issues) (next[String(issue.path[0] ?? "form")] ??= []).push(say(issue.message));
      setErrors(next);
      setFailure(null);
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result: ActionResult<unknown> = editing ? await updateEventAction(null, form) : await createEventAction(null, form);
      if (result.ok) {
        toastResult(result);
        onSaved();
        return;
      }
      setErrors(result.error.fieldErrors ?? {});
      setFailure(result.error.fieldErrors ? null : result.error.message);
    });
  };

  // i18n-keys: calendar.form.repeat.* calendar.form.repeatEnd.*
  const options = <T extends string>(values: readonly T[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}` as "form.repeat.none") }));

  return (
    <Dialog open onOpenChange={(open) => (open ? undefined : onClose())}>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto" data-testid="event-dialog">
        <DialogHeader>
          <DialogTitle>{readOnly ? draft.title : editing ? t("form.editTitle") : t("form.newTitle")}</DialogTitle>
          <DialogDescription>{readOnly ? t("form.notOrganizer", { name: draft.organizer! }) : t("form.hint")}</DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate data-testid="event-form">
          <fieldset disabled={readOnly || pending} className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="calendarOf" value={calendarOf} />
            {editing ? <input type="hidden" name="eventId" value={draft.eventId} /> : null}
            <TextField label={t("form.title")} name="title" defaultValue={draft.title} errors={errors.title} fieldClassName="sm:col-span-2" errorTestId="title-error" />
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="allDay" checked={allDay} onChange={(e) => switchAllDay(e.target.checked)} />
              {t("form.allDay")}
            </label>
            <TextField label={t("form.start")} name="start" type={allDay ? "date" : "datetime-local"} value={start} onChange={(e) => setStart(e.target.value)} errors={errors.start} errorTestId="start-error" />
            <TextField label={allDay ? t("form.lastDay") : t("form.end")} name="end" type={allDay ? "date" : "datetime-local"} value={end} onChange={(e) => setEnd(e.target.value)} errors={errors.end} errorTestId="end-error" />
            <SelectField label={t("form.repeat.label")} name="repeat" value={repeat} onChange={(e) => setRepeat(e.target.value)} options={options(REPEAT_KINDS, "form.repeat")} errors={errors.repeat} />
            {repeat !== "none" ? (
              <SelectField label={t("form.repeatEnd.label")} name="repeatEnd" value={repeatEnd} onChange={(e) => setRepeatEnd(e.target.value)} options={options(REPEAT_ENDS, "form.repeatEnd")} errors={errors.repeatEnd} />
            ) : (
              <div />
            )}
            {repeat !== "none" && repeatEnd === "until" ? (
              <TextField label={t("form.until")} name="until" type="date" defaultValue={draft.repeat.end.kind === "until" ? draft.repeat.end.day : ""} errors={errors.until} />
            ) : null}
            {repeat !== "none" && repeatEnd === "count" ? (
              <TextField label={t("form.count")} name="count" type="number" min={1} defaultValue={draft.repeat.end.kind === "count" ? String(draft.repeat.end.count) : "10"} errors={errors.count} />
            ) : null}
            {draft.inexactRepeat ? <p className="text-xs text-amber-700 sm:col-span-2">{t("form.inexactRepeat")}</p> : null}
            <div className="sm:col-span-2" data-testid="attendees-field">
              <Field label={t("form.attendees")} errors={errors.attendees} errorTestId="attendees-error">
                {(control) => <PersonPicker name="attendees" multiple initial={draft.attendees} {...control} />}
              </Field>
            </div>
            <div className="sm:col-span-2" data-testid="optional-attendees-field">
              <Field label={t("form.optionalAttendees")} errors={errors.optionalAttendees}>
                {(control) => <PersonPicker name="optionalAttendees" multiple initial={draft.optionalAttendees} {...control} />}
              </Field>
            </div>
            {draft.unknownAttendees?.length ? <p className="text-xs text-slate-500 sm:col-span-2">{t("form.unknownAttendees", { names: draft.unknownAttendees.join("、") })}</p> : null}
            <TextField label={t("form.location")} name="location" defaultValue={draft.location} errors={errors.location} />
            <SelectField
              label={t("form.reminder")}
              name="reminder"
              defaultValue={draft.reminder}
              options={REMINDER_CHOICES.map((m) => ({ value: m, label: m === "none" ? t("form.noReminder") : t("form.minutesBefore", { minutes: Number(m) }) }))}
              errors={errors.reminder}
            />
            <Field label={t("form.description")} errors={errors.description} className="sm:col-span-2">
              {(control) => <textarea name="description" rows={3} defaultValue={draft.description} className={CONTROL_CLASS} {...control} />}
            </Field>
            <label className="flex items-center gap-2 text-sm sm:col-span-2">
              <input type="checkbox" name="onlineMeeting" defaultChecked={draft.onlineMeeting} />
              {t("form.onlineMeeting")}
              {draft.onlineUrl ? (
                <a href={draft.onlineUrl} target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
                  {t("form.join")}
                </a>
              ) : null}
            </label>
          </fieldset>
          {failure ? (
            <div className="mt-3">
              <Notice tone="error">{failure}</Notice>
            </div>
          ) : null}
          <DialogFooter className="mt-4">
            {editing && !readOnly ? (
              <ConfirmDialog
                trigger={
                  <Button type="button" variant="danger" className="sm:mr-auto">
                    {t("delete.button")}
                  </Button>
                }
                title={t("delete.title", { title: draft.title })}
                description={draft.repeat.kind !== "none" ? t("delete.bodySeries") : t("delete.body")}
                confirmLabel={t("delete.confirm")}
                action={deleteEventAction}
                fields={{ calendarOf, eventId: draft.eventId! }}
                onDone={(r) => (r.ok ? onSaved() : undefined)}
              />
            ) : null}
            <Button type="button" variant="secondary" onClick={onClose}>
              {t("form.cancel")}
            </Button>
            {readOnly ? null : (
              <Button type="submit" disabled={pending} data-testid="save-event">
                {pending ? t("form.saving") : t("form.save")}
              </Button>
            )}
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
