import { z } from "zod";
import { workflowErrors } from "./errors";
import type { FormComponent, ProcessTemplate } from "./templates";

/** One cell of a table row as `formComponentValues[].details[].details[]` carries it. */
const cellInput = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  value: z.string().nullish(),
  bizAlias: z.string().optional(),
  extValue: z.string().optional(),
});

/** A table row: `details[]` holding its cells (the SDK's `…FormComponentValuesDetails`). */
const rowInput = cellInput.extend({ details: z.array(cellInput).optional() });

export const formValueInput = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  value: z.string().nullish(),
  componentType: z.string().optional(),
  bizAlias: z.string().optional(),
  extValue: z.string().optional(),
  details: z.array(rowInput).optional(),
});
export type FormValueInput = z.infer<typeof formValueInput>;

/** A value as the instance keeps it and the detail call returns it. */
export interface StoredFormValue {
  id: string;
  name: string;
  componentType: string;
  value: string;
  bizAlias?: string;
  extValue?: string;
}

const NUMBER = /^-?\d+(\.\d+)?$/;
const MONEY = /^\d+(\.\d{1,2})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/;

function validDate(y: number, m: number, d: number, hh = 0, mm = 0): boolean {
  const t = new Date(Date.UTC(y, m - 1, d, hh, mm));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d && hh < 24 && mm < 60;
}

/** A date control's value as a sortable key, or null when it does not match the format. */
function dateKey(value: string, format: string | undefined): string | null {
  if (format === "yyyy-MM-dd HH:mm") {
    const m = DATE_TIME.exec(value);
    return m && validDate(+m[1], +m[2], +m[3], +m[4], +m[5]) ? value : null;
  }
  const m = DATE.exec(value);
  return m && validDate(+m[1], +m[2], +m[3]) ? value : null;
}

/** A JSON array of strings, or null. */
function jsonStrings(value: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) && parsed.every((v) => typeof v === "string") ? parsed : null;
  } catch {
    return null;
  }
}

/** Checks one scalar value against its control; returns the value to keep. */
function checkScalar(component: FormComponent, raw: string, where: string): string {
  const { label, options, format } = component.props;
  const value = raw.trim();
  switch (component.componentName) {
    case "NumberField":
      if (!NUMBER.test(value)) throw workflowErrors.form(`${where}「${label}」必须是数字，收到「${raw}」`);
      return value;
    case "MoneyField":
      if (!MONEY.test(value)) throw workflowErrors.form(`${where}「${label}」必须是不小于 0、最多两位小数的金额，收到「${raw}」`);
      return value;
    case "DDSelectField": {
      const allowed = (options ?? []).map((o) => o.value);
      if (!allowed.includes(value)) throw workflowErrors.form(`${where}「${label}」的值「${raw}」不在选项中（${allowed.join("、")}）`);
      return value;
    }
    case "DDMultiSelectField": {
      // The choices as a JSON array of option values: ["行政","财务"].
      const allowed = (options ?? []).map((o) => o.value);
      const chosen = jsonStrings(value);
      if (!chosen) throw workflowErrors.form(`${where}「${label}」应为选项的 JSON 数组，如 ["${allowed[0] ?? "选项"}"]`);
      const unknown = chosen.find((c) => !allowed.includes(c));
      if (unknown !== undefined) throw workflowErrors.form(`${where}「${label}」的值「${unknown}」不在选项中（${allowed.join("、")}）`);
      return JSON.stringify(chosen);
    }
    case "DDDateField":
      if (dateKey(value, format) === null) throw workflowErrors.form(`${where}「${label}」的格式应为 ${format ?? "yyyy-MM-dd"}，收到「${raw}」`);
      return value;
    case "DDDateRangeField": {
      // Start and end as a JSON array: ["2025-03-01","2025-03-02"].
      const range = jsonStrings(value);
      if (!range || range.length !== 2 || range.some((d) => dateKey(d, format) === null)) {
        throw workflowErrors.form(`${where}「${label}」应为两个格式为 ${format ?? "yyyy-MM-dd"} 的日期组成的 JSON 数组，收到「${raw}」`);
      }
      if (range[1] < range[0]) throw workflowErrors.form(`${where}「${label}」的结束不能早于开始`);
      return JSON.stringify(range);
    }
    case "TextNote":
      throw workflowErrors.form(`${where}「${label}」是说明文字，不能填写`);
    case "DDPhotoField": {
      const urls = jsonStrings(value);
      if (!urls) throw workflowErrors.form(`${where}「${label}」应为图片地址的 JSON 数组`);
      return value;
    }
    case "DDAttachment": {
      // Attachments arrive as a JSON array of files (names, or objects with a fileName).
      let files: unknown;
      try {
        files = JSON.parse(value);
      } catch {
        files = undefined;
      }
      const ok = Array.isArray(files) && files.every((f) => typeof f === "string" || (typeof f === "object" && f !== null && typeof (f as { fileName?: unknown }).fileName === "string"));
      if (!ok) throw workflowErrors.form(`${where}「${label}」应为附件的 JSON 数组，如 ["发票1.pdf"] 或 [{"fileName":"发票1.pdf"}]`);
      return value;
    }
    default:
      return raw;
  }
}

interface Cell {
  id?: string;
  name?: string;
  value?: string | null;
}

function findComponent(components: readonly FormComponent[], cell: Cell): FormComponent | undefined {
  if (cell.id) {
    const byId = components.find((c) => c.props.id === cell.id);
    if (byId) return byId;
  }
  return cell.name ? components.find((c) => c.props.label === cell.name) : undefined;
}

function describeCell(cell: Cell): string {
  return cell.name ? `名为「${cell.name}」` : `id 为「${cell.id ?? ""}」`;
}

/** Table rows from either `details` (rows of cells) or a JSON string `[[{name,value}], …]` in `value`. */
function tableRows(table: FormComponent, input: FormValueInput): Cell[][] {
  if (input.details && input.details.length > 0) return input.details.map((row) => row.details ?? []);
  const raw = input.value?.trim();
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw workflowErrors.form(`「${table.props.label}」的值应为明细行的 JSON 数组，如 [[{"name":"金额","value":"100"}]]`);
  }
  const rows = z.array(z.array(cellInput)).safeParse(parsed);
  if (!rows.success) throw workflowErrors.form(`「${table.props.label}」的值应为明细行的 JSON 数组，如 [[{"name":"金额","value":"100"}]]`);
  return rows.data;
}

function checkTable(table: FormComponent, input: FormValueInput): string | null {
  const columns = table.children ?? [];
  const rows = tableRows(table, input);
  if (rows.length === 0) return null;
  const stored = rows.map((cells, r) => {
    const where = `「${table.props.label}」第 ${r + 1} 行`;
    const values = new Map<FormComponent, string>();
    for (const cell of cells) {
      const column = findComponent(columns, cell);
      if (!column) throw workflowErrors.form(`${where}没有${describeCell(cell)}的列`);
      const raw = cell.value ?? "";
      if (raw.trim() !== "") values.set(column, checkScalar(column, raw, where));
    }
    for (const column of columns) {
      if (column.props.required && !values.has(column)) throw workflowErrors.form(`${where}「${column.props.label}」为必填项`);
    }
    // DingTalk renders a table value as rows of labelled cells.
    return { rowValue: columns.filter((c) => values.has(c)).map((c) => ({ label: c.props.label, key: c.props.id, value: values.get(c) })) };
  });
  return JSON.stringify(stored);
}

/**
 * Validates a start request's form against its template, as DingTalk does before creating the
 * instance: unknown controls, required controls, option values, number, money and date formats.
 */
export function validateForm(template: ProcessTemplate, inputs: readonly FormValueInput[]): StoredFormValue[] {
  const values = new Map<FormComponent, string>();
  for (const input of inputs) {
    const component = findComponent(template.items, input);
    if (!component) throw workflowErrors.form(`模板「${template.name}」中没有${describeCell(input)}的控件`);
    if (values.has(component)) throw workflowErrors.form(`「${component.props.label}」填写了不止一次`);
    const value = component.componentName === "TableField"
      ? checkTable(component, input)
      : (input.value ?? "").trim() === "" ? null : checkScalar(component, input.value ?? "", "");
    if (value !== null) values.set(component, value);
  }
  for (const component of template.items) {
    if (component.props.required && !values.has(component)) throw workflowErrors.form(`「${component.props.label}」为必填项`);
  }
  if (template.dateRange) {
    const [fromLabel, toLabel] = template.dateRange;
    const from = [...values].find(([c]) => c.props.label === fromLabel)?.[1];
    const to = [...values].find(([c]) => c.props.label === toLabel)?.[1];
    if (from && to && to < from) throw workflowErrors.form(`「${toLabel}」不能早于「${fromLabel}」`);
  }
  const byComponent = new Map(inputs.map((i) => [findComponent(template.items, i), i]));
  return template.items
    .filter((c) => values.has(c))
    .map((c) => {
      const input = byComponent.get(c);
      return {
        id: c.props.id,
        name: c.props.label,
        componentType: c.componentName,
        value: values.get(c) ?? "",
        ...(input?.bizAlias ? { bizAlias: input.bizAlias } : {}),
        ...(input?.extValue ? { extValue: input.extValue } : {}),
      };
    });
}
