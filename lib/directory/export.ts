import { CSV_BOM, csvLine } from "@/lib/csv";
import type { Db } from "@/lib/db/client";
import { translatorFor } from "@/lib/i18n/translator";
import { compactDay, shanghaiDay } from "@/lib/time";
import { searchAll, type DirectoryPerson } from "./search/search";
import type { DirectorySearchInput } from "./search/input";
import { maskContacts } from "./search/mask";
import { writeXlsx, type XlsxCell } from "./xlsx";

export type ExportFormat = "csv" | "xlsx";
export type ExportLocale = "zh-CN" | "en";

/** At most this many people in one file; a larger result is cut and says so in `truncated`. */
export const EXPORT_LIMIT = 100_000;

interface Column {
  /** Its heading, a key of the `export` messages. */
  key: "name" | "jobNumber" | "title" | "departments" | "mobile" | "email" | "hiredAt" | "active" | "admin" | "manager" | "userId";
  value(p: DirectoryPerson, yesNo: (v: boolean) => string): XlsxCell;
}

/** Dates of hire as Asia/Shanghai calendar days. */
const dayOrBlank = (d: Date | null) => (d ? shanghaiDay(d) : "");

const COLUMNS: readonly Column[] = [
  { key: "name", value: (p) => p.name },
  { key: "jobNumber", value: (p) => p.jobNumber },
  { key: "title", value: (p) => p.title },
  { key: "departments", value: (p) => p.departments.map((d) => d.name).join("; ") },
  { key: "mobile", value: (p) => p.mobile },
  { key: "email", value: (p) => p.email },
  { key: "hiredAt", value: (p) => dayOrBlank(p.hiredAt) },
  { key: "active", value: (p, yesNo) => yesNo(p.active) },
  { key: "admin", value: (p, yesNo) => yesNo(p.admin) },
  { key: "manager", value: (p, yesNo) => yesNo(p.isManager) },
  { key: "userId", value: (p) => p.userId },
];

const words = (locale: ExportLocale) => {
  const t = translatorFor(locale);
  return { t, yesNo: (v: boolean) => (v ? t("export.yes") : t("export.no")) };
};

export function exportHeader(locale: ExportLocale): string[] {
  const { t } = words(locale);
  return COLUMNS.map((c) => t(`export.column.${c.key}`));
}

/** The cells of one person, in header order. */
export function exportCells(p: DirectoryPerson, locale: ExportLocale): XlsxCell[] {
  const { yesNo } = words(locale);
  return COLUMNS.map((c) => c.value(p, yesNo));
}

/** CSV text (BOM, CRLF) of `people`. */
export function directoryCsv(people: readonly DirectoryPerson[], locale: ExportLocale = "zh-CN"): string {
  return CSV_BOM + csvLine(exportHeader(locale)) + people.map((p) => csvLine(exportCells(p, locale))).join("");
}

/** An .xlsx workbook of `people`. */
export function directoryXlsx(people: readonly DirectoryPerson[], locale: ExportLocale = "zh-CN"): Uint8Array {
  return writeXlsx(translatorFor(locale)("export.sheet"), exportHeader(locale), people.map((p) => exportCells(p, locale)));
}

export interface DirectoryExport {
  filename: string;
  contentType: string;
  body: Uint8Array;
  rows: number;
  truncated: boolean;
}

/**
 * The whole result of a search (every page, same filters and order) as a file. `maskContacts`
 * is for people who may not see mobiles and emails (viewers).
 */
export async function exportDirectory(
  db: Db,
  search: DirectorySearchInput,
  options: { format: ExportFormat; maskContacts: boolean; locale?: ExportLocale; limit?: number; now?: Date },
): Promise<DirectoryExport> {
  const limit = options.limit ?? EXPORT_LIMIT;
  const people: DirectoryPerson[] = [];
  // Whoever sees contacts masked must not find people by them either (the rows and their count would tell).
  for await (const p of searchAll(db, { ...search, matchContacts: !options.maskContacts }, { limit: limit + 1 })) people.push(p);
  const truncated = people.length > limit;
  if (truncated) people.length = limit;
  const rows = options.maskContacts ? maskContacts(people) : people;
  const locale = options.locale ?? "zh-CN";
  const stamp = compactDay(options.now ?? new Date());
  const base = `directory-${stamp}`;
  if (options.format === "csv") {
    return { filename: `${base}.csv`, contentType: "text/csv; charset=utf-8", body: new TextEncoder().encode(directoryCsv(rows, locale)), rows: rows.length, truncated };
  }
  return {
    filename: `${base}.xlsx`,
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    body: directoryXlsx(rows, locale),
    rows: rows.length,
    truncated,
  };
}
