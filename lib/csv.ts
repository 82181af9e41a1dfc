// CSV as RFC 4180 describes it, made safe to open in Excel: a byte-order mark so that Chinese
// text is read as UTF-8, and cells that a spreadsheet would run as a formula are defused.

/** Put before the first line so that Excel reads the file as UTF-8. */
export const CSV_BOM = "\uFEFF";

// = + - @ start a formula; tab and carriage return can hide one (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated. */
export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
