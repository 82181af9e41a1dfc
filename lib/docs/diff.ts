import { diffLines } from "diff";

/** One line of a before/after comparison. */
export interface DiffLine {
  kind: "added" | "removed" | "same";
  text: string;
}

/** Line by line, what turns `before` into `after` (a missing final newline is not a change). */
export function lineDiff(before: string, after: string): DiffLine[] {
  const withEnd = (s: string) => (s === "" || s.endsWith("\n") ? s : `${s}\n`);
  const lines: DiffLine[] = [];
  for (const part of diffLines(withEnd(before.replace(/\r\n?/g, "\n")), withEnd(after.replace(/\r\n?/g, "\n")))) {
    const kind = part.added ? "added" : part.removed ? "removed" : "same";
    for (const text of part.value.replace(/\n$/, "").split("\n")) lines.push({ kind, text });
  }
  return lines;
}

export function diffCounts(lines: readonly DiffLine[]): { added: number; removed: number } {
  return {
    added: lines.filter((l) => l.kind === "added").length,
    removed: lines.filter((l) => l.kind === "removed").length,
  };
}
