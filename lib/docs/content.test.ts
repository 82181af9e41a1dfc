import { describe, expect, it } from "vitest";
import { storedBlocks as stored } from "@/lib/dingtalk/testing/doc-blocks";
import { contentHash, documentContent } from "./content";
import { DOCS_REFUSALS } from "./refusals";
import { MESSAGES } from "@/lib/i18n/catalog";

// The editor starts from blocks → markdown; DingTalk stores the saved markdown as blocks again
// (the emulator's reading of markdown stands in for DingTalk's). Both ways must meet.

const DOCUMENT = `# 费用报销管理办法

## 报销标准

| 费用类别 | 标准 |
| --- | --- |
| 市内交通 | 实报实销 |

- 真实
- **合理**

1. 提交审批
2. 财务复核

> 逾期不予受理。
`;

describe("document content", () => {
  it("blocks → markdown → blocks gives the same blocks (what a save without edits writes back)", () => {
    const blocks = stored(DOCUMENT);
    const { markdown } = documentContent(blocks);
    expect(markdown).toBe(DOCUMENT);
    expect(stored(markdown)).toEqual(blocks);
  });

  it("markdown → blocks → markdown keeps a line the person changed, and only that line", () => {
    const edited = DOCUMENT.replace("实报实销", "按票据报销");
    expect(documentContent(stored(edited)).markdown).toBe(edited);
  });

  it("counts the blocks it cannot show (left out of the markdown, so a save replaces them)", () => {
    const blocks = stored("# 接口\n\n```ts\nconst a = 1;\n```\n\n说明\n");
    const content = documentContent(blocks);
    expect(content.unknownBlocks).toBe(1);
    expect(content.markdown).toBe("# 接口\n\n说明\n");
  });

  it("hashes content, not the ids DingTalk renews on each overwrite; any change of text changes it", () => {
    const blocks = stored(DOCUMENT);
    const renumbered = blocks.map((b, k) => ({ ...b, id: `new${k}`, index: k + 10 }));
    expect(contentHash(renumbered)).toBe(contentHash(blocks));
    expect(contentHash(stored(DOCUMENT.replace("真实", "真实有效")))).not.toBe(contentHash(blocks));
    expect(contentHash(stored(`${DOCUMENT}\n\`\`\`\ncode\n\`\`\`\n`))).not.toBe(contentHash(blocks));
  });
});

describe("document refusals", () => {
  it("have words in both languages for every code", () => {
    for (const code of DOCS_REFUSALS) {
      expect(MESSAGES["zh-CN"].actions.errors, code).toHaveProperty(code);
      expect(MESSAGES.en.actions.errors, code).toHaveProperty(code);
    }
  });
});
