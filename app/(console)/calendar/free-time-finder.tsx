"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition, type FormEvent } from "react";
import { Field, SelectField, TextField } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import type { PickedPerson } from "@/components/pickers/person-search";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { WORKING_HOURS, isWeekday } from "@/lib/calendar/free-slots";
import { addDaysTo, dayRange, shanghaiDay } from "@/lib/time";
import { findFreeTimeAction } from "./actions";

type Found = Extract<Awaited<ReturnType<typeof findFreeTimeAction>>, { ok: true }>["data"];

const LENGTHS = ["30", "60", "90", "120"];
const HOUR = 3_600_000;

/** Busy blocks of one day, per person, across working hours: one bar per person. */
function DayBars({ day, found }: { day: string; found: Found }) {
  const format = useFormatter();
  const open = dayRange(day).start.getTime() + WORKING_HOURS.start * HOUR;
  const span = (WORKING_HOURS.end - WORKING_HOURS.start) * HOUR;
  const pct = (ms: number) => `${Math.min(100, Math.max(0, ((ms - open) / span) * 100))}%`;
  return (
    <div className="mb-3" data-testid="free-time-day" data-day={day}>
      <p className="mb-1 text-xs font-medium text-slate-600">{format.dateTime(dayRange(day).start, "day")}</p>
      {found.schedules.map((s) => (
        <div key={s.userId} className="mb-1 grid grid-cols-[7rem_1fr] items-center gap-2 text-xs">
          <span className="truncate">{s.name}</span>
          <div className="relative h-4 rounded bg-emerald-50 ring-1 ring-slate-200" data-testid="busy-bar" data-userid={s.userId}>
            {s.busy
              .filter((b) => Date.parse(b.end) > open && Date.parse(b.start) < open + span)
              .map((b) => (
                <span
                  key={`${b.start}-${b.end}`}
                  title={`${format.dateTime(new Date(b.start), "time")}–${format.dateTime(new Date(b.end), "time")}`}
                  className={`absolute inset-y-0 rounded ${b.tentative ? "bg-amber-300" : "bg-rose-400"}`}
                  style={{ left: pct(Date.parse(b.start)), width: `calc(${pct(Date.parse(b.end))} - ${pct(Date.parse(b.start))})` }}
                  data-testid="busy-block"
                />
              ))}
          </div>
        </div>
      ))}
    </div>
  );
}

/** Picks people and days, shows their busy time side by side and the first slots free for everyone. */
export function FreeTimeFinder({ me, today, onPick }: { me: PickedPerson; today: string; onPick(slot: { start: string; end: string }, people: PickedPerson[]): void }) {
  const t = useTranslations("calendar.finder");
  const format = useFormatter();
  const [found, setFound] = useState<Found | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    start(async () => {
      const result = await findFreeTimeAction(null, form);
      if (result.ok) {
        setFound(result.data);
        setErrors({});
        setFailure(null);
      } else {
        setErrors(result.error.fieldErrors ?? {});
        setFailure(result.error.fieldErrors ? null : result.error.message);
      }
    });
  };

  const days = found ? Array.from(new Set(found.slots.map((s) => shanghaiDay(new Date(s.start))))) : [];
  const people = found?.people.map((p) => ({ userId: p.userId, name: p.name })) ?? [];

  return (
    <div data-testid="free-time-finder">
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_1fr_auto] sm:items-start">
        <Field label={t("people")} errors={errors.people} errorTestId="people-error">
          {(control) => <PersonPicker name="people" multiple initial={[me]} {...control} />}
        </Field>
        <TextField label={t("from")} name="from" type="date" defaultValue={today} errors={errors.from} />
        <TextField label={t("to")} name="to" type="date" defaultValue={addDaysTo(today, 6)} errors={errors.to} />
        <SelectField label={t("length")} name="minutes" defaultValue="60" options={LENGTHS.map((m) => ({ value: m, label: t("minutes", { minutes: Number(m) }) }))} errors={errors.minutes} />
        <Button type="submit" disabled={pending} className="sm:mt-6" data-testid="find-free-time">
          {pending ? t("finding") : t("find")}
        </Button>
      </form>
      <p className="mt-1 text-xs text-slate-500">{t("hint", { start: WORKING_HOURS.start, end: WORKING_HOURS.end })}</p>
      {failure ? <Notice tone="error">{failure}</Notice> : null}
      {found ? (
        <div className="mt-4 grid gap-6 lg:grid-cols-[1fr_18rem]">
          <div>
            <p className="mb-2 text-xs text-slate-500">{t("calls", { calls: found.calls })}</p>
            {(days.length > 0 ? days : [today]).filter(isWeekday).map((day) => (
              <DayBars key={day} day={day} found={found} />
            ))}
          </div>
          <div>
            <h3 className="mb-2 text-sm font-medium">{t("slots")}</h3>
            {found.slots.length === 0 ? <p className="text-sm text-slate-500">{t("noSlots")}</p> : null}
            <ul className="flex flex-col gap-1" data-testid="free-slots">
              {found.slots.map((s) => (
                <li key={s.start} className="flex items-center justify-between gap-2 text-sm" data-testid="free-slot" data-start={s.start} data-end={s.end}>
                  <span>
                    {format.dateTime(new Date(s.start), "full")}–{format.dateTime(new Date(s.end), "time")}
                  </span>
                  <Button type="button" size="sm" variant="secondary" onClick={() => onPick(s, people)}>
                    {t("use")}
                  </Button>
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : null}
    </div>
  );
}
