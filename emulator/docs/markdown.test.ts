import { describe, expect, it } from "vitest";
import { markdownToBlocks, splitRow } from "./markdown";

describe("markdownToBlocks", () => {
  it("reads ATX headings of every level and nothing deeper", () => {
    const blocks = markdownToBlocks("# 一\n## 二\n### 三\n#### 四\n##### 五\n###### 六 ##\n####### 七\n#没有空格");
    expect(blocks.slice(0, 6)).toEqual([1, 2, 3, 4, 5, 6].map((level, k) => ({
      blockType: "heading", heading: { level: `heading-${level}`, text: ["一", "二", "三", "四", "五", "六"][k] },
    })));
    // Seven hashes, or none followed by a space, are plain text (and one paragraph, as they touch).
    expect(blocks[6]).toEqual({ blockType: "paragraph", paragraph: { text: "####### 七\n#没有空格" } });
    expect(blocks).toHaveLength(7);
  });

  it("reads setext headings, and a lone rule under nothing as a break", () => {
    expect(markdownToBlocks("大标题\n===\n小标题\n---\n\n---\n正文")).toEqual([
      { blockType: "heading", heading: { level: "heading-1", text: "大标题" } },
      { blockType: "heading", heading: { level: "heading-2", text: "小标题" } },
      { blockType: "paragraph", paragraph: { text: "正文" } },
    ]);
  });

  it("splits paragraphs on blank lines and keeps inline markup as written", () => {
    const blocks = markdownToBlocks("第一段 **加粗** 和 [链接](https://example.com)\n同一段的第二行\n\n\n第二段 `代码`\r\n");
    expect(blocks).toEqual([
      { blockType: "paragraph", paragraph: { text: "第一段 **加粗** 和 [链接](https://example.com)\n同一段的第二行" } },
      { blockType: "paragraph", paragraph: { text: "第二段 `代码`" } },
    ]);
  });

  it("makes one block per list item, for -, *, + and numbered items", () => {
    const blocks = markdownToBlocks("- 甲\n* 乙\n+ 丙\n  继续丙\n\n1. 第一\n2) 第二\n10. 第十");
    expect(blocks).toEqual([
      { blockType: "unorderedList", unorderedList: { text: "甲" } },
      { blockType: "unorderedList", unorderedList: { text: "乙" } },
      { blockType: "unorderedList", unorderedList: { text: "丙\n继续丙" } },
      { blockType: "orderedList", orderedList: { text: "第一" } },
      { blockType: "orderedList", orderedList: { text: "第二" } },
      { blockType: "orderedList", orderedList: { text: "第十" } },
    ]);
  });

  it("ends a paragraph where a list, heading or quote begins", () => {
    expect(markdownToBlocks("说明：\n- 一项\n# 标题\n> 引用").map((b) => b.blockType)).toEqual(["paragraph", "unorderedList", "heading", "blockquote"]);
  });

  it("joins consecutive quote lines into one blockquote", () => {
    expect(markdownToBlocks("> 第一行\n>第二行\n>\n> 第四行\n\n> 另一段引用")).toEqual([
      { blockType: "blockquote", blockquote: { text: "第一行\n第二行\n\n第四行" } },
      { blockType: "blockquote", blockquote: { text: "另一段引用" } },
    ]);
  });

  it("reads pipe tables, padding short rows and honouring escaped bars", () => {
    const blocks = markdownToBlocks("| 类别 | 标准 | 备注 |\n|:---|:---:|---:|\n| 交通 | 实报实销 | a \\| b |\n| 招待 | 200 元 |\n\n段落");
    expect(blocks).toEqual([
      { blockType: "table", table: { rowSize: 3, colSize: 3, data: [["类别", "标准", "备注"], ["交通", "实报实销", "a | b"], ["招待", "200 元", ""]] } },
      { blockType: "paragraph", paragraph: { text: "段落" } },
    ]);
  });

  it("does not take a line with a bar for a table without a separator row", () => {
    expect(markdownToBlocks("a | b\nc | d")).toEqual([{ blockType: "paragraph", paragraph: { text: "a | b\nc | d" } }]);
  });

  it("reports fenced code as an unknown block and drops thematic breaks", () => {
    const blocks = markdownToBlocks("前\n\n```ts\n# 不是标题\n- 不是列表\n```\n\n---\n\n后");
    expect(blocks).toEqual([
      { blockType: "paragraph", paragraph: { text: "前" } },
      { blockType: "unknown" },
      { blockType: "paragraph", paragraph: { text: "后" } },
    ]);
  });

  it("keeps a backslash-escaped marker as plain text", () => {
    expect(markdownToBlocks("\\# 不是标题\n1\\. 不是列表")).toEqual([{ blockType: "paragraph", paragraph: { text: "# 不是标题\n1. 不是列表" } }]);
  });

  it("gives nothing for an empty document", () => {
    expect(markdownToBlocks("")).toEqual([]);
    expect(markdownToBlocks("\n  \n")).toEqual([]);
  });
});

describe("splitRow", () => {
  it("strips the outer bars and trims cells", () => {
    expect(splitRow("|  a | b  |")).toEqual(["a", "b"]);
    expect(splitRow("a|b")).toEqual(["a", "b"]);
  });
});
