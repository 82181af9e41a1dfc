import { strToU8, Zip, ZipDeflate } from "fflate";
import { columnName, escapeXml, STYLES_XML, XML_HEAD, type XlsxCell } from "@/lib/directory/xlsx";

// A streaming XLSX writer on fflate's streaming zip, for exports too large to hold: sheets are
// written one after another, rows as they come, text as inline strings (no shared-string table to
// keep), the header row bold and frozen. Memory stays at about one batch of rows plus the deflate
// window, whatever the number of rows.

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`;
const REL_NS = `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;

export interface StreamedSheet {
  name: string;
  header: readonly string[];
  /** Rows in batches, so that one deflate push carries many rows. */
  rows: AsyncIterable<ReadonlyArray<readonly XlsxCell[]>>;
}

function rowXml(r: number, cells: readonly XlsxCell[], style: string): string {
  let xml = `<row r="${r}">`;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (cell === null || cell === undefined || cell === "") continue;
    const ref = `${columnName(c)}${r}`;
    xml += typeof cell === "number" && Number.isFinite(cell)
      ? `<c r="${ref}"${style}><v>${cell}</v></c>`
      : `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXml(String(cell))}</t></is></c>`;
  }
  return `${xml}</row>`;
}

const safeSheetName = (name: string, i: number) => escapeXml(name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31) || `Sheet${i + 1}`);

/** The workbook's bytes, chunk by chunk, as the sheets' rows are read. */
export async function* streamXlsx(sheets: readonly StreamedSheet[]): AsyncGenerator<Uint8Array> {
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else out.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (out.length > 0) yield out.shift()!;
  };
  const file = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(text), true);
  };

  file(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      `</Types>`,
  );
  file(
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  file(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook ${NS} ${REL_NS}><sheets>` +
      sheets.map((s, i) => `<sheet name="${safeSheetName(s.name, i)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets></workbook>`,
  );
  file(
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  file("xl/styles.xml", STYLES_XML);
  yield* drain();

  for (const [i, sheet] of sheets.entries()) {
    const f = new ZipDeflate(`xl/worksheets/sheet${i + 1}.xml`, { level: 6 });
    zip.add(f);
    // The header row frozen: it stays in view while scrolling.
    f.push(
      strToU8(
        `${XML_HEAD}<worksheet ${NS}><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>` +
          `<sheetData>${rowXml(1, sheet.header, ` s="1"`)}`,
      ),
    );
    let r = 1;
    for await (const batch of sheet.rows) {
      let xml = "";
      for (const row of batch) xml += rowXml(++r, row, "");
      f.push(strToU8(xml));
      yield* drain();
    }
    f.push(strToU8(`</sheetData></worksheet>`), true);
    yield* drain();
  }
  zip.end();
  yield* drain();
}
