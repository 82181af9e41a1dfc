"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { CONTROL_CLASS } from "@/components/forms/field";
import { DATE_PRESETS, matchingPreset, presetRange, type DatePreset, type DayRange } from "./date-presets";

// Days are "yyyy-MM-dd" Shanghai days, posted as they are; presets are computed in Asia/Shanghai
// whatever zone the browser is in.

export interface DateRangePickerProps {
  fromName: string;
  toName: string;
  initial?: Partial<DayRange>;
  /** The latest day that can be chosen ("yyyy-MM-dd"). */
  max?: string;
  presets?: readonly DatePreset[];
  labels?: { from: string; to: string };
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

export function DateRangePicker({ fromName, toName, initial = {}, max, presets = DATE_PRESETS, labels, ...aria }: DateRangePickerProps) {
  const t = useTranslations("pickers");
  const [range, setRange] = useState<Partial<DayRange>>(initial);
  const chosen = matchingPreset(range, new Date());
  return (
    <fieldset className="flex flex-col gap-2 text-sm" data-testid="date-range-picker" {...aria}>
      <div className="flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{labels?.from ?? t("from")}</span>
          <input type="date" lang="zh-CN" name={fromName} max={max} value={range.from ?? ""} onChange={(e) => setRange((r) => ({ ...r, from: e.target.value || undefined }))} className={CONTROL_CLASS} />
        </label>
        <span className="pb-2 text-slate-400" aria-hidden>
          –
        </span>
        <label className="flex flex-col gap-1">
          <span className="text-slate-600">{labels?.to ?? t("to")}</span>
          <input type="date" lang="zh-CN" name={toName} max={max} value={range.to ?? ""} onChange={(e) => setRange((r) => ({ ...r, to: e.target.value || undefined }))} className={CONTROL_CLASS} />
        </label>
      </div>
      <div className="flex flex-wrap gap-1" role="group" aria-label={t("presets")}>
        {presets.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={chosen === p}
            onClick={() => setRange(presetRange(p, new Date()))}
            className="rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-50 aria-pressed:border-brand-500 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
            data-preset={p}
          >
            {t(`preset.${p}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

/** One day, with a 今天 shortcut. */
export function DatePicker({ name, initial, max, id, ...aria }: { name: string; initial?: string; max?: string; id?: string; "aria-invalid"?: true; "aria-describedby"?: string }) {
  const t = useTranslations("pickers");
  const [value, setValue] = useState(initial ?? "");
  return (
    <span className="flex items-center gap-2" data-testid="date-picker">
      <input id={id} type="date" lang="zh-CN" name={name} max={max} value={value} onChange={(e) => setValue(e.target.value)} className={CONTROL_CLASS} {...aria} />
      <button type="button" onClick={() => setValue(presetRange("today", new Date()).from)} className="rounded-full border border-slate-200 px-2 py-0.5 text-xs text-slate-600 hover:bg-slate-50">
        {t("preset.today")}
      </button>
    </span>
  );
}
