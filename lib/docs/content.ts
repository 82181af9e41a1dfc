import { createHash } from "node:crypto";
import { blocksToMarkdown, type DocBlockContent } from "@/lib/dingtalk/docs";

/** A document's body as the editor starts from it. */
export interface DocumentContent {
  markdown: string;
  /** Of the blocks the markdown was read from: compared at save time to tell whether the document changed meanwhile. */
  hash: string;
  /** Blocks DingTalk does not expose (code, images, …): not in the markdown, so a save replaces them. */
  unknownBlocks: number;
}

/** The blocks' content without their ids and positions, which DingTalk renews on every overwrite. */
function contentOnly(block: DocBlockContent): DocBlockContent {
  switch (block.blockType) {
    case "heading":
      return { blockType: "heading", level: block.level, text: block.text };
    case "table":
      return { blockType: "table", rows: block.rows };
    case "unknown":
      return { blockType: "unknown", rawType: block.rawType };
    default:
      return { blockType: block.blockType, text: block.text };
  }
}

export function contentHash(blocks: readonly DocBlockContent[]): string {
  return createHash("sha256").update(JSON.stringify(blocks.map(contentOnly))).digest("hex");
}

export function documentContent(blocks: readonly DocBlockContent[]): DocumentContent {
  return {
    markdown: blocksToMarkdown(blocks),
    hash: contentHash(blocks),
    unknownBlocks: blocks.filter((b) => b.blockType === "unknown").length,
  };
}
