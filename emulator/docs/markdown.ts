import { headingLevel, type BlockContent } from "./blocks";

/**
 * Markdown → blocks, as `overwriteContent` with `dataType: "markdown"` stores a document:
 * ATX and setext headings, paragraphs, `-`/`*`/`+` and `1.` list items (one block per item,
 * nesting flattened), `>` quotes (consecutive lines make one block), GFM pipe tables, and fenced
 * code, which DingTalk's block API reports as `unknown`. Inline markup (bold, links, code spans)
 * is kept as written; thematic breaks are dropped.
 */
export function markdownToBlocks(markdown: string): BlockContent[] {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const blocks: BlockContent[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      i++;
      while (i < lines.length && !closesFence(lines[i], fence[1])) i++;
      i++;
      blocks.push({ blockType: "unknown" });
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      i++;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ blockType: "heading", heading: { level: headingLevel(heading[1].length), text: (heading[2] ?? "").trim() } });
      i++;
      continue;
    }
    if (isTableStart(lines, i)) {
      const header = splitRow(lines[i]);
      const colSize = header.length;
      const data = [header];
      i += 2;
      while (i < lines.length && !isBlank(lines[i]) && hasPipe(lines[i])) {
        const row = splitRow(lines[i]).slice(0, colSize);
        while (row.length < colSize) row.push("");
        data.push(row);
        i++;
      }
      blocks.push({ blockType: "table", table: { rowSize: data.length, colSize, data } });
      continue;
    }
    const quote = QUOTE.exec(line);
    if (quote) {
      const text: string[] = [];
      let q: RegExpExecArray | null = quote;
      while (q) {
        text.push(q[1].trimEnd());
        i++;
        q = i < lines.length ? QUOTE.exec(lines[i]) : null;
      }
      blocks.push({ blockType: "blockquote", blockquote: { text: text.join("\n") } });
      continue;
    }
    const item = UNORDERED.exec(line) ?? ORDERED.exec(line);
    if (item) {
      const text = [unescapeLine(item[item.length - 1].trim())];
      i++;
      // An indented line that starts no block of its own continues the item.
      while (i < lines.length && /^\s+\S/.test(lines[i]) && !startsBlock(lines, i)) {
        text.push(unescapeLine(lines[i].trim()));
        i++;
      }
      const joined = text.join("\n");
      blocks.push(UNORDERED.test(line) ? { blockType: "unorderedList", unorderedList: { text: joined } } : { blockType: "orderedList", orderedList: { text: joined } });
      continue;
    }
    const text: string[] = [];
    let setextLevel = 0;
    while (i < lines.length && !isBlank(lines[i])) {
      // A run of = or - under text underlines it as a heading (level 1 or 2).
      const underline = text.length > 0 ? SETEXT.exec(lines[i]) : null;
      if (underline) {
        setextLevel = underline[1].startsWith("=") ? 1 : 2;
        i++;
        break;
      }
      if (text.length > 0 && startsBlock(lines, i)) break;
      text.push(unescapeLine(lines[i].trim()));
      i++;
    }
    blocks.push(
      setextLevel > 0
        ? { blockType: "heading", heading: { level: headingLevel(setextLevel), text: text.join(" ") } }
        : { blockType: "paragraph", paragraph: { text: text.join("\n") } },
    );
  }
  return blocks;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const UNORDERED = /^\s*[-*+][ \t]+(.*)$/;
const ORDERED = /^\s*(\d{1,9})[.)][ \t]+(.*)$/;
const QUOTE = /^ {0,3}>[ \t]?(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const TABLE_SEPARATOR = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

const isBlank = (line: string) => line.trim() === "";
const closesFence = (line: string, opener: string) => line.trim().startsWith(opener[0].repeat(opener.length)) && line.trim().replace(/[`~]/g, "") === "";
const hasPipe = (line: string) => /(^|[^\\])\|/.test(line);

function isTableStart(lines: readonly string[], i: number): boolean {
  const next = lines[i + 1];
  return next !== undefined && hasPipe(lines[i]) && TABLE_SEPARATOR.test(next) && (hasPipe(next) || splitRow(lines[i]).length === 1);
}

/** Whether line i opens a block (and so ends a paragraph or list item before it). */
function startsBlock(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  return FENCE.test(line) || THEMATIC_BREAK.test(line) || HEADING.test(line) || QUOTE.test(line) || UNORDERED.test(line) || ORDERED.test(line) || isTableStart(lines, i);
}

/** The cells of a pipe-table row; `\|` stands for a literal bar inside a cell. */
export function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = "";
  for (let k = 0; k < row.length; k++) {
    const ch = row[k];
    if (ch === "\\" && row[k + 1] === "|") {
      cell += "|";
      k++;
    } else if (ch === "|") {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells;
}

/** A backslash before a character that would open a block keeps the line plain text. */
function unescapeLine(line: string): string {
  return line.replace(/^\\([#>|*+\-:`~_=])/, "$1").replace(/^(\d+)\\([.)])/, "$1$2");
}
