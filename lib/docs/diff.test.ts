import { describe, expect, it } from "vitest";
import { diffCounts, lineDiff } from "./diff";

describe("lineDiff", () => {
  it("marks the changed line as removed and added, the rest as the same", () => {
    const lines = lineDiff("# 标题\n\n第一段\n第二段\n", "# 标题\n\n第一段（改）\n第二段\n");
    expect(lines).toEqual([
      { kind: "same", text: "# 标题" },
      { kind: "same", text: "" },
      { kind: "removed", text: "第一段" },
      { kind: "added", text: "第一段（改）" },
      { kind: "same", text: "第二段" },
    ]);
    expect(diffCounts(lines)).toEqual({ added: 1, removed: 1 });
  });

  it("does not count a missing final newline or CRLF line ends as a change", () => {
    expect(diffCounts(lineDiff("a\nb\n", "a\r\nb"))).toEqual({ added: 0, removed: 0 });
  });

  it("shows a whole new document as added and an emptied one as removed", () => {
    expect(lineDiff("", "x\ny")).toEqual([{ kind: "added", text: "x" }, { kind: "added", text: "y" }]);
    expect(lineDiff("x\n", "")).toEqual([{ kind: "removed", text: "x" }]);
  });
});
