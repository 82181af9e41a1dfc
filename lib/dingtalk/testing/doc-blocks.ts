import type { BlockContent } from "@/emulator/docs/blocks";
import { markdownToBlocks } from "@/emulator/docs/markdown";
import type { DocBlockContent } from "../docs";

/** The emulator's wire block as the client's typed block (what `getBlocks` yields). */
export function asClientBlock(block: BlockContent): DocBlockContent {
  switch (block.blockType) {
    case "heading":
      return { blockType: "heading", level: Number(block.heading.level.replace("heading-", "")), text: block.heading.text };
    case "paragraph":
      return { blockType: "paragraph", text: block.paragraph.text };
    case "unorderedList":
      return { blockType: "unorderedList", text: block.unorderedList.text };
    case "orderedList":
      return { blockType: "orderedList", text: block.orderedList.text };
    case "blockquote":
      return { blockType: "blockquote", text: block.blockquote.text };
    case "table":
      return { blockType: "table", rows: block.table.data };
    default:
      return { blockType: "unknown", rawType: "unknown" };
  }
}

/** Markdown as DingTalk stores it from `overwriteContent`, read back as the client's blocks (the emulator stands in for DingTalk). */
export const storedBlocks = (markdown: string): DocBlockContent[] => markdownToBlocks(markdown).map(asClientBlock);
