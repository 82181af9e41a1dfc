import { strFromU8, unzipSync } from "fflate";

const PARTS = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

/**
 * The cells of a sheet (the first by default) as rows of text, read back from the XML the way a
 * spreadsheet does: shared strings, inline strings (streamed workbooks) and numbers (tests only).
 */
export function readXlsx(file: Uint8Array, sheetNumber = 1): string[][] {
  const zip = unzipSync(file);
  for (const part of PARTS) if (!zip[part]) throw new Error(`the workbook has no ${part}`);
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
  const strings = zip["xl/sharedStrings.xml"];
  const shared = strings ? [...strFromU8(strings).matchAll(/<si><t[^>]*>([\s\S]*?)<\/t><\/si>/g)].map((m) => unescape(m[1])) : [];
  const sheet = strFromU8(zip[`xl/worksheets/sheet${sheetNumber}.xml`]);
  return [...sheet.matchAll(/<row r="(\d+)">([\s\S]*?)<\/row>/g)].map((row) => {
    const cells: string[] = [];
    for (const c of row[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*)>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([\s\S]*?)<\/t><\/is>)<\/c>/g)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      cells[col] = c[4] !== undefined ? unescape(c[4]) : c[2].includes(`t="s"`) ? shared[Number(c[3])] : c[3];
    }
    return Array.from(cells, (v) => v ?? "");
  });
}
