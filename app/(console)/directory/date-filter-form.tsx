import { buttonClass } from "@/components/ui/button";

export interface DateField {
  name: string;
  label: string;
  value?: string;
  max?: string;
}

/** The GET form above the 未登录 and 离职记录 lists: one date input per field and a submit button. */
export function DateFilterForm({ fields, submit }: { fields: readonly DateField[]; submit: string }) {
  return (
    <form method="get" className="mb-4 flex items-end gap-3 text-sm">
      {fields.map((f) => (
        <label key={f.name} className="flex flex-col gap-1">
          <span className="text-slate-600">{f.label}</span>
          <input type="date" name={f.name} max={f.max} defaultValue={f.value} className="rounded-md border border-slate-300 px-2 py-1.5" />
        </label>
      ))}
      <button type="submit" className={buttonClass("primary", "sm")}>
        {submit}
      </button>
    </form>
  );
}
