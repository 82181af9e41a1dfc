import type { StoredFormValue } from "./queries";

// A form value as DingTalk's detail call returns it is text whose shape depends on the control:
// a table's rows as JSON, a date range or a multi-select as a JSON array, money as a decimal.
// Read here once, for the detail page (rendered by kind) and the exports (one cell of text).

export type FormValueView =
  | { kind: "text"; name: string; text: string }
  | { kind: "money"; name: string; amount: number | null; text: string }
  | { kind: "dateRange"; name: string; from: string; to: string; extra: string | null }
  | { kind: "list"; name: string; items: string[] }
  | { kind: "files"; name: string; files: string[] }
  | { kind: "table"; name: string; columns: string[]; rows: FormValueView[][] };

function jsonArray(text: string): unknown[] | null {
  if (!text.trim().startsWith("[")) return null;
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

const strings = (items: unknown[]): string[] => items.map((x) => (typeof x === "string" ? x : typeof x === "number" ? String(x) : JSON.stringify(x)));

/** The view of one stored value, by its control type (and, for controls not named, by its shape). */
export function viewFormValue(v: StoredFormValue): FormValueView {
  const { name, value } = v;
  switch (v.componentType) {
    case "TableField": {
      const rows = jsonArray(value);
      if (!rows) break;
      const columns: string[] = [];
      const cells = rows.map((row) => {
        const rowValue = typeof row === "object" && row !== null && Array.isArray((row as { rowValue?: unknown }).rowValue) ? ((row as { rowValue: unknown[] }).rowValue) : Array.isArray(row) ? row : [];
        return rowValue.flatMap((cell): { label: string; view: FormValueView }[] => {
          if (typeof cell !== "object" || cell === null) return [];
          const c = cell as Record<string, unknown>;
          const label = typeof c.label === "string" ? c.label : typeof c.name === "string" ? c.name : "";
          if (!columns.includes(label)) columns.push(label);
          const componentType = typeof c.componentType === "string" ? c.componentType : typeof c.key === "string" ? c.key.split("_")[0] : undefined;
          return [{ label, view: viewFormValue({ name: label, value: typeof c.value === "string" ? c.value : c.value == null ? "" : String(c.value), componentType }) }];
        });
      });
      return { kind: "table", name, columns, rows: cells.map((row) => columns.map((col) => row.find((c) => c.label === col)?.view ?? { kind: "text", name: col, text: "" })) };
    }
    case "DDDateRangeField": {
      const range = jsonArray(value);
      if (!range || range.length < 2) break;
      const [from, to, ...rest] = strings(range);
      return { kind: "dateRange", name, from, to, extra: rest.length > 0 ? rest.join(" ") : (v.extValue ?? null) };
    }
    case "DDMultiSelectField": {
      const items = jsonArray(value);
      return { kind: "list", name, items: items ? strings(items) : value.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) };
    }
    case "DDAttachment":
    case "DDPhotoField": {
      const files = jsonArray(value);
      if (!files) break;
      return {
        kind: "files", name,
        files: files.map((f) => (typeof f === "object" && f !== null ? String((f as { fileName?: unknown; url?: unknown }).fileName ?? (f as { url?: unknown }).url ?? "") : String(f))),
      };
    }
    case "MoneyField": {
      const amount = /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : null;
      return { kind: "money", name, amount, text: value };
    }
    default:
      break;
  }
  return { kind: "text", name, text: value };
}

/** One cell of an export: the value as a person would type it. */
export function formValueText(view: FormValueView): string {
  switch (view.kind) {
    case "text":
      return view.text;
    case "money":
      return view.amount !== null ? view.amount.toFixed(2) : view.text;
    case "dateRange":
      return `${view.from} ~ ${view.to}`;
    case "list":
      return view.items.join("、");
    case "files":
      return view.files.join("、");
    case "table":
      return view.rows.map((row) => row.map((cell, k) => `${view.columns[k]}: ${formValueText(cell)}`).join(", ")).join("; ");
  }
}
