import { describe, expect, it } from "vitest";
import { storedBlocks as toBlocks } from "./testing/doc-blocks";
import { blocksToMarkdown, type DocBlockContent } from "./docs";

describe("blocksToMarkdown", () => {
  it("writes each kind of block", () => {
    const markdown = blocksToMarkdown([
      { blockType: "heading", level: 2, text: "报销标准" },
      { blockType: "paragraph", text: "第一行\n第二行" },
      { blockType: "unorderedList", text: "甲" },
      { blockType: "unorderedList", text: "乙" },
      { blockType: "orderedList", text: "一" },
      { blockType: "orderedList", text: "二" },
      { blockType: "blockquote", text: "引用\n\n第三行" },
      { blockType: "table", rows: [["类别", "标准"], ["交通", "a | b"], ["招待"]] },
      { blockType: "unknown", rawType: "code" },
      { blockType: "orderedList", text: "重新编号" },
    ]);
    expect(markdown).toBe(
      "## 报销标准\n\n第一行\n第二行\n\n- 甲\n- 乙\n\n1. 一\n2. 二\n\n> 引用\n>\n> 第三行\n\n" +
        "| 类别 | 标准 |\n| --- | --- |\n| 交通 | a \\| b |\n| 招待 |  |\n\n1. 重新编号\n",
    );
  });

  it("escapes text that would otherwise read as markdown syntax", () => {
    expect(blocksToMarkdown([{ blockType: "paragraph", text: "# 不是标题\n- 不是列表\n3. 不是编号\n> 不是引用" }])).toBe(
      "\\# 不是标题\n\\- 不是列表\n3\\. 不是编号\n\\> 不是引用\n",
    );
  });

  it("leaves inline markup that starts a line as written: it opens no block", () => {
    const blocks: DocBlockContent[] = [
      { blockType: "unorderedList", text: "**合理**开支" },
      { blockType: "paragraph", text: "`npm test` 必须通过\n#话题 不是标题\n2026.12 发布" },
      { blockType: "paragraph", text: "上一行\n--" },
    ];
    const markdown = blocksToMarkdown(blocks);
    expect(markdown).toBe("- **合理**开支\n\n`npm test` 必须通过\n#话题 不是标题\n2026.12 发布\n\n上一行\n\\--\n");
    expect(toBlocks(markdown)).toEqual(blocks);
  });

  it("gives an empty string for no blocks, or only blocks it cannot show", () => {
    expect(blocksToMarkdown([])).toBe("");
    expect(blocksToMarkdown([{ blockType: "unknown", rawType: "image" }, { blockType: "paragraph", text: "  " }])).toBe("");
  });

  it("clamps heading levels into 1…6", () => {
    expect(blocksToMarkdown([{ blockType: "heading", level: 9, text: "深" }, { blockType: "heading", level: 0, text: "浅" }])).toBe("###### 深\n\n# 浅\n");
  });
});

describe("markdown ↔ blocks", () => {
  const canonical = [
    "# 考勤管理制度",
    "",
    "员工每日上下班须在钉钉打卡，**外出**须提前申请。",
    "",
    "## 打卡规定",
    "",
    "1. 上班打卡",
    "2. 下班打卡",
    "",
    "- 年假",
    "- 病假",
    "  须提供证明",
    "",
    "> 加班至 22:00 以后的，次日可弹性到岗。",
    ">",
    "> 人力资源部",
    "",
    "| 情形 | 认定标准 | 处理方式 |",
    "| --- | --- | --- |",
    "| 迟到 | 晚于 9:00 | 每月三次以内不扣款 |",
    "| 管道 \\| 符号 |  | 空格 |",
    "",
  ].join("\n");

  it("gives back the canonical markdown it was written from", () => {
    expect(blocksToMarkdown(toBlocks(canonical))).toBe(canonical);
  });

  it("keeps the blocks through a write and a read, escapes included", () => {
    const blocks: DocBlockContent[] = [
      { blockType: "heading", level: 3, text: "标题 **加粗**" },
      { blockType: "paragraph", text: "# 井号开头\n1. 数字开头\n| 竖线开头\n--- 横线\n===" },
      { blockType: "orderedList", text: "- 列表里的横线" },
      { blockType: "unorderedList", text: "> 列表里的尖括号" },
      { blockType: "blockquote", text: "  缩进的引用" },
      { blockType: "table", rows: [["a|b", "c"], ["", "d"]] },
    ];
    expect(toBlocks(blocksToMarkdown(blocks))).toEqual(blocks);
  });

  it("reaches a fixed point from loose markdown after one pass", () => {
    const loose = "#  标题  #\n* 甲\n+ 乙\n\n3) 三\n\n|a|b|\n|-|-|\n|1|2|3|\n\n正文\n---\n";
    const once = blocksToMarkdown(toBlocks(loose));
    expect(blocksToMarkdown(toBlocks(once))).toBe(once);
    expect(once).toBe("# 标题\n\n- 甲\n- 乙\n\n1. 三\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n## 正文\n");
  });
});
