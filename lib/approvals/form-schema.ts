import { z } from "zod";
import type { FormSchemaComponent, FormValueInput } from "@/lib/dingtalk/workflow";

// A template's form, checked by one zod schema built from its components: the start page checks
// what a person typed before sending it, and the server action checks it again before DingTalk
// sees it. Values are keyed by component id; a table's cells by "<tableId>.<row>.<childId>".
// Messages are keys of the messages (with values in `params`), so both sides put them in words.

/** Controls the console can fill in; a table's cells may be any of these but a table. */
export const FILLABLE = [
  "TextField", "TextareaField", "NumberField", "MoneyField", "DDSelectField", "DDMultiSelectField",
  "DDDateField", "DDDateRangeField", "TableField",
] as const;
export type Fillable = (typeof FILLABLE)[number];

/** Shown on the form, takes no value. */
export const SHOWN_ONLY = ["TextNote"] as const;

export type ComponentKind = "fillable" | "shown" | "unsupported";

export function componentKind(c: Pick<FormSchemaComponent, "componentName">): ComponentKind {
  if ((FILLABLE as readonly string[]).includes(c.componentName)) return "fillable";
  if ((SHOWN_ONLY as readonly string[]).includes(c.componentName)) return "shown";
  return "unsupported";
}

/** A plain control's value; a multi-select's choices; a date range's [start, end]. */
export type CellValue = string | string[];
export type TableRow = Record<string, CellValue>;
export type FormValues = Record<string, CellValue | TableRow[]>;

/** Required controls this console cannot fill (attachments, photos…): the form must be started in DingTalk. */
export function blockingComponents(components: readonly FormSchemaComponent[]): FormSchemaComponent[] {
  return components.filter((c) => {
    if (componentKind(c) === "unsupported") return c.required;
    return c.componentName === "TableField" && c.children.some((child) => child.required && (componentKind(child) !== "fillable" || child.componentName === "TableField"));
  });
}

// i18n-keys: approvals.start.errors.*
const E = "approvals.start.errors";

type Ctx = z.core.$RefinementCtx;
const fail = (ctx: Ctx, key: string, params?: Record<string, string | number>) =>
  ctx.addIssue({ code: "custom", message: `${E}.${key}`, ...(params ? { params } : {}) });

const NUMBER = /^-?\d+(\.\d+)?$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const TOKENS: Record<string, string> = { yyyy: "(\\d{4})", MM: "(\\d{2})", dd: "(\\d{2})", HH: "(\\d{2})", mm: "(\\d{2})" };

/** Whether `value` is a real date (and time) written exactly in DingTalk's `format` (yyyy, MM, dd, HH, mm). */
export function matchesDateFormat(value: string, format = "yyyy-MM-dd"): boolean {
  const order: string[] = [];
  const pattern = format.replace(/yyyy|MM|dd|HH|mm|[.*+?^${}()|[\]\\]/g, (token) => {
    if (TOKENS[token]) {
      order.push(token);
      return TOKENS[token];
    }
    return `\\${token}`;
  });
  const m = new RegExp(`^${pattern}$`).exec(value);
  if (!m) return false;
  const part = (token: string, fallback: number) => {
    const i = order.indexOf(token);
    return i < 0 ? fallback : Number(m[i + 1]);
  };
  const [y, mo, d, h, mi] = [part("yyyy", 2000), part("MM", 1), part("dd", 1), part("HH", 0), part("mm", 0)];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d && h < 24 && mi < 60;
}

const text = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string());
const list = z.preprocess((v) => (v === undefined || v === null || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

function plainSchema(c: FormSchemaComponent): z.ZodType<CellValue> {
  const options = c.options.map((o) => o.value);
  switch (c.componentName) {
    case "DDMultiSelectField":
      return list.superRefine((chosen, ctx) => {
        if (chosen.length === 0) {
          if (c.required) fail(ctx, "required");
          return;
        }
        if (chosen.some((v) => !options.includes(v))) fail(ctx, "option");
      });
    case "DDDateRangeField":
      return list.superRefine((range, ctx) => {
        const [from = "", to = ""] = range.map((v) => v.trim());
        if (from === "" && to === "") {
          if (c.required) fail(ctx, "required");
          return;
        }
        const format = c.format ?? "yyyy-MM-dd";
        if (!matchesDateFormat(from, format) || !matchesDateFormat(to, format)) fail(ctx, "dateFormat", { format });
        // Both are written in the same format, whose fields run from year to minute: text order is time order.
        else if (to < from) fail(ctx, "rangeOrder");
      });
    default:
      return text.superRefine((raw, ctx) => {
        const value = raw.trim();
        if (value === "") {
          if (c.required) fail(ctx, "required");
          return;
        }
        switch (c.componentName) {
          case "TextField":
            if (value.length > 200) fail(ctx, "tooLong", { max: 200 });
            break;
          case "TextareaField":
            if (value.length > 2000) fail(ctx, "tooLong", { max: 2000 });
            break;
          case "NumberField":
            if (!NUMBER.test(value)) fail(ctx, "number");
            break;
          case "MoneyField":
            if (!MONEY.test(value)) fail(ctx, "money");
            break;
          case "DDSelectField":
            if (!options.includes(value)) fail(ctx, "option");
            break;
          case "DDDateField": {
            const format = c.format ?? "yyyy-MM-dd";
            if (!matchesDateFormat(value, format)) fail(ctx, "dateFormat", { format });
            break;
          }
        }
      });
  }
}

function tableSchema(c: FormSchemaComponent) {
  const columns = c.children.filter((child) => componentKind(child) === "fillable" && child.componentName !== "TableField");
  const row = z.object(Object.fromEntries(columns.map((child) => [child.id, plainSchema(child)])));
  return z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(row)).superRefine((rows, ctx) => {
    if (c.required && rows.length === 0) fail(ctx, "rowsRequired");
  });
}

/** The zod schema of a template's form: one entry per fillable control. */
export function formSchema(components: readonly FormSchemaComponent[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of components) {
    if (componentKind(c) !== "fillable") continue;
    shape[c.id] = c.componentName === "TableField" ? tableSchema(c) : plainSchema(c);
  }
  return z.object(shape);
}

/** A field's key in the values and in the errors. */
export const fieldKey = (path: readonly PropertyKey[]): string => path.map(String).join(".");

export type TranslateKey = (key: string, values?: Record<string, string | number>) => string;

/** Issues as messages per field key ("form" for the form as a whole). */
export function formErrors(error: z.ZodError, t: TranslateKey): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? fieldKey(issue.path) : "form";
    const params = (issue as { params?: Record<string, string | number> }).params;
    const message = issue.message.startsWith(`${E}.`) ? t(issue.message, params) : t(`${E}.invalid`);
    const messages = (out[key] ??= []);
    if (!messages.includes(message)) messages.push(message);
  }
  return out;
}

const isEmpty = (v: CellValue | undefined): boolean =>
  v === undefined || (Array.isArray(v) ? v.every((s) => s.trim() === "") : v.trim() === "");

/** A plain control's value as DingTalk takes it: multi-selects and date ranges as JSON arrays. */
function wireValue(c: FormSchemaComponent, v: CellValue): string {
  if (c.componentName === "DDMultiSelectField" || c.componentName === "DDDateRangeField") return JSON.stringify((Array.isArray(v) ? v : [v]).map((s) => s.trim()));
  return (Array.isArray(v) ? v.join(",") : v).trim();
}

/** Checked values as `formComponentValues` for startInstance; empty optional controls are left out. */
export function toFormComponentValues(components: readonly FormSchemaComponent[], values: FormValues): FormValueInput[] {
  const out: FormValueInput[] = [];
  for (const c of components) {
    if (componentKind(c) !== "fillable") continue;
    const v = values[c.id];
    if (c.componentName === "TableField") {
      const rows = (Array.isArray(v) ? (v as TableRow[]) : [])
        .map((row) => c.children.filter((child) => !isEmpty(row[child.id])).map((child) => ({ name: child.label, id: child.id, value: wireValue(child, row[child.id]) })))
        .filter((cells) => cells.length > 0);
      if (rows.length > 0) out.push({ name: c.label, id: c.id, componentType: c.componentName, rows });
      continue;
    }
    const plain = v as CellValue | undefined;
    if (isEmpty(plain)) continue;
    out.push({ name: c.label, id: c.id, componentType: c.componentName, value: wireValue(c, plain!) });
  }
  return out;
}

/**
 * The field a refusal from DingTalk names: its message quotes labels in 「」 (「开始时间」的格式应为…,
 * 「费用明细」第 2 行「金额」…). The key of the first control it names, a table's cell when it names
 * a row and a column; undefined when it names none.
 */
export function fieldNamedBy(components: readonly FormSchemaComponent[], message: string): string | undefined {
  const labels = [...message.matchAll(/「([^」]+)」/g)].map((m) => m[1]);
  for (let i = 0; i < labels.length; i++) {
    const c = components.find((x) => x.label === labels[i] && componentKind(x) === "fillable");
    if (!c) continue;
    if (c.componentName !== "TableField") return c.id;
    const row = /第\s*(\d+)\s*行/.exec(message.slice(message.indexOf(`「${labels[i]}」`)));
    const child = c.children.find((x) => x.label === labels[i + 1]);
    return row && child ? fieldKey([c.id, Number(row[1]) - 1, child.id]) : c.id;
  }
  return undefined;
}

/** Empty values for a new form: one row in each required table. */
export function emptyValues(components: readonly FormSchemaComponent[]): FormValues {
  const values: FormValues = {};
  for (const c of components) {
    if (componentKind(c) !== "fillable") continue;
    if (c.componentName === "TableField") values[c.id] = c.required ? [emptyRow(c)] : [];
    else values[c.id] = c.componentName === "DDMultiSelectField" ? [] : c.componentName === "DDDateRangeField" ? ["", ""] : "";
  }
  return values;
}

export function emptyRow(table: FormSchemaComponent): TableRow {
  return Object.fromEntries(
    table.children
      .filter((child) => componentKind(child) === "fillable")
      .map((child) => [child.id, child.componentName === "DDMultiSelectField" ? [] : child.componentName === "DDDateRangeField" ? ["", ""] : ""]),
  );
}
