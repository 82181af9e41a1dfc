import type { DocBlock } from "@/lib/dingtalk/docs";

/**
 * DingTalk lists a document's list items as one block each; a page shows a run of items of the
 * same kind as one list. Every other block, `unknown` ones included, stands alone in order.
 */
export type BlockGroup =
  | { kind: "list"; ordered: boolean; items: DocBlock[] }
  | { kind: "block"; block: DocBlock };

export function groupBlocks(blocks: readonly DocBlock[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of [...blocks].sort((a, b) => a.index - b.index)) {
    if (block.blockType === "orderedList" || block.blockType === "unorderedList") {
      const ordered = block.blockType === "orderedList";
      const last = groups.at(-1);
      if (last?.kind === "list" && last.ordered === ordered) last.items.push(block);
      else groups.push({ kind: "list", ordered, items: [block] });
    } else {
      groups.push({ kind: "block", block });
    }
  }
  return groups;
}
