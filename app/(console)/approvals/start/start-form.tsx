"use client";

import { ExternalLink, Loader2, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition, type ReactNode } from "react";
import { CONTROL_CLASS, Field } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { toastResult } from "@/components/ui/toast";
import {
  blockingComponents, componentKind, emptyRow, emptyValues, fieldKey, formErrors, formSchema,
  type CellValue, type FormValues, type TableRow, type TranslateKey,
} from "@/lib/approvals/form-schema";
import type { FormSchemaComponent } from "@/lib/dingtalk/workflow";
import { startApprovalAction } from "./actions";

// The form of one template, generated from its schema: each control as DingTalk's form designer
// made it, checked by the same zod schema the server checks with (lib/approvals/form-schema.ts)
// before anything is sent; DingTalk's own refusal comes back on the field it names.

type Mode = "NONE" | "AND" | "OR";
interface Step {
  key: number;
  actionType: Mode;
  userIds: string[];
}

export interface StartFormProps {
  processCode: string;
  items: FormSchemaComponent[];
  canStartOnBehalf: boolean;
  /** DingTalk's own start page for the template, for what cannot be filled in here. */
  dingTalkUrl: string;
}

/** A group of controls (date range, choices) with one legend and the group's errors. */
function FieldGroup({ legend, errors, children, testId }: { legend: ReactNode; errors?: readonly string[]; children: ReactNode; testId?: string }) {
  const invalid = errors !== undefined && errors.length > 0;
  return (
    <fieldset className="flex flex-col gap-1 text-sm" aria-invalid={invalid || undefined} data-testid={testId}>
      <legend className="mb-1 text-slate-600">{legend}</legend>
      {children}
      {invalid ? (
        <ul className="text-xs text-red-600" role="alert">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

export function StartForm({ processCode, items, canStartOnBehalf, dingTalkUrl }: StartFormProps) {
  const t = useTranslations("approvals.start");
  const root = useTranslations() as unknown as TranslateKey;
  const router = useRouter();
  const schema = useMemo(() => formSchema(items), [items]);
  const blocking = useMemo(() => blockingComponents(items), [items]);
  const [values, setValues] = useState<FormValues>(() => emptyValues(items));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [originator, setOriginator] = useState("");
  const [steps, setSteps] = useState<Step[]>([]);
  const [cc, setCc] = useState<string[]>([]);
  const [pending, start] = useTransition();

  const setValue = (id: string, value: CellValue | TableRow[]) => setValues((v) => ({ ...v, [id]: value }));
  const setCell = (table: string, row: number, child: string, value: CellValue) =>
    setValues((v) => {
      const rows = [...((v[table] as TableRow[] | undefined) ?? [])];
      rows[row] = { ...rows[row], [child]: value };
      return { ...v, [table]: rows };
    });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const checked = schema.safeParse(values);
    if (!checked.success) {
      setErrors(formErrors(checked.error, root));
      return;
    }
    setErrors({});
    start(async () => {
      const result = await startApprovalAction(null, {
        processCode,
        values,
        originator: originator || undefined,
        approvers: steps.filter((s) => s.userIds.length > 0).map(({ actionType, userIds }) => ({ actionType, userIds })),
        cc,
      });
      if (result.ok) {
        toastResult(result);
        router.push(`/approvals/${encodeURIComponent(result.data.processInstanceId)}`);
        return;
      }
      setErrors(result.error.fieldErrors ?? {});
      if (!result.error.fieldErrors || result.error.fieldErrors.form || result.error.fieldErrors.processCode) setFormError(result.error.message);
    });
  };

  const label = (c: FormSchemaComponent) => (
    <>
      {c.label}
      {c.required ? <span className="ml-0.5 text-red-600" aria-hidden>*</span> : <span className="ml-1 text-xs text-slate-400">({t("optional")})</span>}
      {c.unit ? <span className="ml-1 text-xs text-slate-500">{c.unit}</span> : null}
    </>
  );

  /** One plain control; `key` names it in the values and the errors. */
  const control = (c: FormSchemaComponent, key: string, value: CellValue | undefined, onChange: (v: CellValue) => void): ReactNode => {
    const err = errors[key];
    const text = typeof value === "string" ? value : "";
    const list = Array.isArray(value) ? value : [];
    switch (c.componentName) {
      case "TextareaField":
        return (
          <Field key={key} label={label(c)} errors={err}>
            {(ctl) => <textarea {...ctl} name={key} rows={3} value={text} placeholder={c.placeholder} onChange={(e) => onChange(e.target.value)} className={CONTROL_CLASS} />}
          </Field>
        );
      case "DDSelectField":
        return (
          <Field key={key} label={label(c)} errors={err}>
            {(ctl) => (
              <select {...ctl} name={key} value={text} onChange={(e) => onChange(e.target.value)} className={CONTROL_CLASS}>
                <option value="">{t("choose")}</option>
                {c.options.map((o) => (
                  <option key={o.key} value={o.value}>
                    {o.value}
                  </option>
                ))}
              </select>
            )}
          </Field>
        );
      case "DDMultiSelectField":
        return (
          <FieldGroup key={key} legend={label(c)} errors={err}>
            <div className="flex flex-wrap gap-3">
              {c.options.map((o) => (
                <label key={o.key} className="inline-flex items-center gap-1.5">
                  <input
                    type="checkbox"
                    checked={list.includes(o.value)}
                    onChange={(e) => onChange(e.target.checked ? [...list, o.value] : list.filter((v) => v !== o.value))}
                  />
                  {o.value}
                </label>
              ))}
            </div>
          </FieldGroup>
        );
      case "DDDateRangeField": {
        const [from = "", to = ""] = list;
        const format = c.format ?? "yyyy-MM-dd";
        return (
          <FieldGroup key={key} legend={label(c)} errors={err}>
            <div className="flex flex-wrap items-center gap-2">
              <input aria-label={`${c.label} ${t("from")}`} value={from} placeholder={format} onChange={(e) => onChange([e.target.value, to])} className={CONTROL_CLASS} aria-invalid={err ? true : undefined} />
              <span aria-hidden>–</span>
              <input aria-label={`${c.label} ${t("to")}`} value={to} placeholder={format} onChange={(e) => onChange([from, e.target.value])} className={CONTROL_CLASS} aria-invalid={err ? true : undefined} />
            </div>
          </FieldGroup>
        );
      }
      default: {
        // Dates are typed in the template's own format (shown), so what DingTalk will receive is what the person sees.
        const isDate = c.componentName === "DDDateField";
        const numeric = c.componentName === "NumberField" || c.componentName === "MoneyField";
        return (
          <Field key={key} label={label(c)} errors={err}>
            {(ctl) => (
              <>
                <input
                  {...ctl}
                  name={key}
                  value={text}
                  inputMode={numeric ? "decimal" : undefined}
                  placeholder={isDate ? (c.format ?? "yyyy-MM-dd") : c.placeholder}
                  onChange={(e) => onChange(e.target.value)}
                  className={CONTROL_CLASS}
                />
                {isDate ? <span className="text-xs text-slate-400">{t("formatHint", { format: c.format ?? "yyyy-MM-dd" })}</span> : null}
              </>
            )}
          </Field>
        );
      }
    }
  };

  const table = (c: FormSchemaComponent) => {
    const rows = (values[c.id] as TableRow[] | undefined) ?? [];
    const columns = c.children.filter((child) => componentKind(child) === "fillable" && child.componentName !== "TableField");
    return (
      <FieldGroup key={c.id} legend={label(c)} errors={errors[c.id]} testId={`table-${c.id}`}>
        <div className="flex flex-col gap-3">
          {rows.map((row, r) => (
            <div key={r} className="rounded-md border border-slate-200 p-3" data-testid="table-row">
              <div className="mb-2 flex items-center justify-between text-xs text-slate-500">
                <span>{t("row", { n: r + 1 })}</span>
                <button
                  type="button"
                  className="inline-flex items-center gap-1 text-red-600 hover:underline"
                  onClick={() => setValue(c.id, rows.filter((_, i) => i !== r))}
                >
                  <Trash2 className="size-3.5" aria-hidden />
                  {t("removeRow", { n: r + 1 })}
                </button>
              </div>
              <div className="grid gap-3 sm:grid-cols-2">
                {columns.map((child) => control(child, fieldKey([c.id, r, child.id]), row[child.id], (v) => setCell(c.id, r, child.id, v)))}
              </div>
            </div>
          ))}
          <div>
            <Button type="button" variant="secondary" size="sm" onClick={() => setValue(c.id, [...rows, emptyRow(c)])}>
              <Plus className="size-3.5" aria-hidden />
              {t("addRow")}
            </Button>
          </div>
        </div>
      </FieldGroup>
    );
  };

  const dingTalkLink = (
    <a href={dingTalkUrl} target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 text-brand-600 hover:underline">
      {t("openInDingTalk")} <ExternalLink className="size-3.5" aria-hidden />
    </a>
  );

  if (blocking.length > 0) {
    return (
      <Notice tone="info">
        {t("needsDingTalk")} {dingTalkLink}
      </Notice>
    );
  }

  return (
    <form onSubmit={submit} className="flex max-w-2xl flex-col gap-4" noValidate data-testid="start-form">
      {items.map((c) => {
        const kind = componentKind(c);
        if (kind === "shown") {
          return (
            <p key={c.id} className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-600" data-testid="text-note">
              {c.label}
            </p>
          );
        }
        if (kind === "unsupported") {
          return (
            <p key={c.id} className="text-sm text-slate-500" data-testid="unsupported-field">
              {t("unsupported", { label: c.label })} {dingTalkLink}
            </p>
          );
        }
        if (c.componentName === "TableField") return table(c);
        return control(c, c.id, values[c.id] as CellValue | undefined, (v) => setValue(c.id, v));
      })}

      {canStartOnBehalf ? (
        <Field label={t("originator")} errors={errors.originator}>
          {(ctl) => <PersonPicker name="originator" placeholder={t("originatorHint")} {...ctl} onChange={(people) => setOriginator(people[0]?.userId ?? "")} />}
        </Field>
      ) : null}

      <FieldGroup legend={t("approvers")} errors={errors.approvers}>
        <p className="text-xs text-slate-500">{t("approversHint")}</p>
        {steps.map((s, i) => (
          <div key={s.key} className="grid gap-2 rounded-md border border-slate-200 p-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end" data-testid="approver-step">
            <Field label={t("stepPeople", { n: i + 1 })}>
              {(ctl) => (
                <PersonPicker
                  name={`step-${s.key}`}
                  multiple
                  {...ctl}
                  onChange={(people) => setSteps((all) => all.map((x) => (x.key === s.key ? { ...x, userIds: people.map((p) => p.userId) } : x)))}
                />
              )}
            </Field>
            <Field label={t("stepMode", { n: i + 1 })}>
              {(ctl) => (
                <select
                  {...ctl}
                  value={s.actionType}
                  onChange={(e) => setSteps((all) => all.map((x) => (x.key === s.key ? { ...x, actionType: e.target.value as Mode } : x)))}
                  className={CONTROL_CLASS}
                >
                  {(["NONE", "AND", "OR"] as const).map((m) => (
                    <option key={m} value={m}>
                      {t(`mode.${m}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Button type="button" variant="danger" size="sm" onClick={() => setSteps((all) => all.filter((x) => x.key !== s.key))}>
              {t("removeStep")}
            </Button>
          </div>
        ))}
        <div>
          <Button type="button" variant="secondary" size="sm" onClick={() => setSteps((all) => [...all, { key: (all.at(-1)?.key ?? 0) + 1, actionType: "NONE", userIds: [] }])}>
            <Plus className="size-3.5" aria-hidden />
            {t("addStep")}
          </Button>
        </div>
      </FieldGroup>

      <Field label={t("cc")} errors={errors.cc}>
        {(ctl) => <PersonPicker name="cc" multiple {...ctl} onChange={(people) => setCc(people.map((p) => p.userId))} />}
      </Field>

      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div>
        <Button type="submit" disabled={pending} aria-busy={pending}>
          {pending ? <Loader2 className="h-4 w-4 animate-spin" aria-hidden /> : null}
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
