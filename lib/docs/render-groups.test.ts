import { describe, expect, it } from "vitest";
import type { DocBlock } from "@/lib/dingtalk/docs";
import { groupBlocks } from "./render-groups";

const at = (index: number) => ({ index, id: `b${index}` });

describe("groupBlocks", () => {
  it("makes one list of a run of items of one kind, in index order, and keeps unknown blocks in place", () => {
    const blocks: DocBlock[] = [
      { ...at(3), blockType: "orderedList", text: "一" },
      { ...at(0), blockType: "heading", level: 1, text: "标题" },
      { ...at(1), blockType: "unorderedList", text: "甲" },
      { ...at(2), blockType: "unorderedList", text: "乙" },
      { ...at(4), blockType: "unknown", rawType: "code" },
      { ...at(5), blockType: "orderedList", text: "重新开始" },
    ];
    const groups = groupBlocks(blocks);
    expect(groups.map((g) => (g.kind === "list" ? `${g.ordered ? "ol" : "ul"}:${g.items.map((i) => i.index).join(",")}` : g.block.blockType))).toEqual([
      "heading",
      "ul:1,2",
      "ol:3",
      "unknown",
      "ol:5",
    ]);
  });

  it("starts a new list when the kind changes", () => {
    const groups = groupBlocks([
      { ...at(0), blockType: "unorderedList", text: "a" },
      { ...at(1), blockType: "orderedList", text: "b" },
    ]);
    expect(groups).toHaveLength(2);
  });
});
