import { streamXlsx } from "@/lib/attendance/xlsx-stream";
import { CSV_BOM, csvLine } from "@/lib/csv";
import type { Db } from "@/lib/db/client";
import type { XlsxCell } from "@/lib/directory/xlsx";
import { translatorFor } from "@/lib/i18n/translator";
import { compactDay, shanghaiStamp } from "@/lib/time";
import { formValueText, viewFormValue } from "./form-values";
import { eachApproval, formFieldsByTemplate, parseFormValues, templateNames, type ApprovalListInput, type ApprovalRow, type ApprovalScope } from "./queries";

// The list as a file: the instance's own columns, then its template's form fields, one column
// each. CSV is one sheet (the fields of every template present, side by side); the workbook has
// a sheet per template. Both are written a batch of instances at a time, never held whole.

export type ApprovalsExportFormat = "csv" | "xlsx";
export type ExportLocale = "zh-CN" | "en";

/** At most this many instances in one file. */
export const APPROVALS_EXPORT_LIMIT = 100_000;

const BASE = ["id", "title", "template", "originator", "department", "status", "result", "approvers", "createTime", "finishTime"] as const;

function words(locale: ExportLocale) {
  const t = translatorFor(locale);
  return {
    header: BASE.map((k) => t(`approvals.export.column.${k}`)),
    status: (s: string) => (["NEW", "RUNNING", "COMPLETED", "TERMINATED", "CANCELED"].includes(s) ? t(`approvals.status.${s as "NEW"}`) : s),
    result: (r: string) => (r === "agree" || r === "refuse" ? t(`approvals.result.${r}`) : ""),
    sheet: t("approvals.export.sheet"),
  };
}

function baseCells(r: ApprovalRow, w: ReturnType<typeof words>): XlsxCell[] {
  return [
    r.processInstanceId, r.title, r.templateName, r.originatorName ?? r.originatorUserId, r.originatorDeptName, w.status(r.status), w.result(r.result),
    r.approvers.map((a) => a.name ?? a.userId).join("、"), shanghaiStamp(r.createTime).slice(0, 19), r.finishTime ? shanghaiStamp(r.finishTime).slice(0, 19) : "",
  ];
}

/** The form's cells in the order of `fields`, each as text. */
function fieldCells(formValues: string, fields: readonly string[]): XlsxCell[] {
  const byName = new Map(parseFormValues(formValues).map((v) => [v.name, formValueText(viewFormValue(v))]));
  return fields.map((f) => byName.get(f) ?? "");
}

export interface ApprovalsExport {
  filename: string;
  contentType: string;
  body: AsyncGenerator<Uint8Array | string>;
}

/** The matching instances (in the list's order) as a streamed CSV or XLSX file. */
export async function exportApprovals(
  db: Db, scope: ApprovalScope, input: ApprovalListInput, options: { format: ApprovalsExportFormat; locale?: ExportLocale; now?: Date; limit?: number },
): Promise<ApprovalsExport> {
  const w = words(options.locale ?? "zh-CN");
  const limit = options.limit ?? APPROVALS_EXPORT_LIMIT;
  const now = options.now ?? new Date();
  const [fields, names] = await Promise.all([formFieldsByTemplate(db, scope, input, limit), templateNames(db)]);
  const base = `approvals-${compactDay(now)}`;
  // Templates in the order of their names, as the workbook's sheets and the CSV's field columns follow them.
  const codes = [...fields.keys()].sort((a, b) => (names.get(a) ?? a).localeCompare(names.get(b) ?? b) || a.localeCompare(b));
  if (options.format === "csv") {
    // One sheet: every template's fields, a column per distinct name.
    const all = [...new Set(codes.flatMap((code) => fields.get(code) ?? []))];
    async function* csv(): AsyncGenerator<string> {
      yield CSV_BOM + csvLine([...w.header, ...all]);
      for await (const batch of eachApproval(db, scope, input, { limit, now })) {
        yield batch.map((r) => csvLine([...baseCells(r, w), ...fieldCells(r.formValues, all)])).join("");
      }
    }
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: csv() };
  }
  async function* rowsOf(code: string): AsyncGenerator<XlsxCell[][]> {
    for await (const batch of eachApproval(db, scope, { ...input, processCodes: [code] }, { limit, now })) {
      yield batch.map((r) => [...baseCells(r, w), ...fieldCells(r.formValues, fields.get(code) ?? [])]);
    }
  }
  const sheets = codes.length > 0
    ? codes.map((code) => ({ name: names.get(code) ?? code, header: [...w.header, ...(fields.get(code) ?? [])], rows: rowsOf(code) }))
    : [{ name: w.sheet, header: w.header, rows: (async function* () {})() }];
  return { filename: `${base}.xlsx`, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: streamXlsx(sheets) };
}
