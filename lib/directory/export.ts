import { shanghaiDay } from "@/lib/i18n/shanghai-day";
import { CSV_BOM, csvLine } from "@/lib/csv";
import type { Db } from "@/lib/db/client";
import { searchAll, type DirectoryPerson } from "./search/search";
import type { DirectorySearchInput } from "./search/input";
import { maskContacts } from "./search/mask";
import { writeXlsx, type XlsxCell } from "./xlsx";

export type ExportFormat = "csv" | "xlsx";
export type ExportLocale = "zh-CN" | "en";

/** At most this many people in one file; a larger result is cut and says so in `truncated`. */
export const EXPORT_LIMIT = 100_000;

interface Column {
  zh: string;
  en: string;
  value(p: DirectoryPerson): XlsxCell;
}

/** Dates of hire as Asia/Shanghai calendar days. */
const dayOrBlank = (d: Date | null) => (d ? shanghaiDay(d) : "");
const yesNo = (v: boolean, locale: ExportLocale) => (locale === "zh-CN" ? (v ? "是" : "否") : v ? "yes" : "no");

const COLUMNS = (locale: ExportLocale): Column[] => [
  { zh: "姓名", en: "Name", value: (p) => p.name },
  { zh: "工号", en: "Job number", value: (p) => p.jobNumber },
  { zh: "职位", en: "Title", value: (p) => p.title },
  { zh: "部门", en: "Departments", value: (p) => p.departments.map((d) => d.name).join("; ") },
  { zh: "手机", en: "Mobile", value: (p) => p.mobile },
  { zh: "邮箱", en: "Email", value: (p) => p.email },
  { zh: "入职日期", en: "Hired", value: (p) => dayOrBlank(p.hiredAt) },
  { zh: "已激活", en: "Active", value: (p) => yesNo(p.active, locale) },
  { zh: "管理员", en: "Admin", value: (p) => yesNo(p.admin, locale) },
  { zh: "主管", en: "Manager", value: (p) => yesNo(p.isManager, locale) },
  { zh: "UserID", en: "UserID", value: (p) => p.userId },
];

export function exportHeader(locale: ExportLocale): string[] {
  return COLUMNS(locale).map((c) => (locale === "zh-CN" ? c.zh : c.en));
}

/** The cells of one person, in header order. */
export function exportCells(p: DirectoryPerson, locale: ExportLocale): XlsxCell[] {
  return COLUMNS(locale).map((c) => c.value(p));
}

/** CSV text (BOM, CRLF) of `people`. */
export function directoryCsv(people: readonly DirectoryPerson[], locale: ExportLocale = "zh-CN"): string {
  return CSV_BOM + csvLine(exportHeader(locale)) + people.map((p) => csvLine(exportCells(p, locale))).join("");
}

/** An .xlsx workbook of `people`. */
export function directoryXlsx(people: readonly DirectoryPerson[], locale: ExportLocale = "zh-CN"): Uint8Array {
  return writeXlsx(locale === "zh-CN" ? "通讯录" : "Directory", exportHeader(locale), people.map((p) => exportCells(p, locale)));
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
  const stamp = shanghaiDay(options.now ?? new Date()).replace(/-/g, "");
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
