/**
 * A document's body as `GET /v1.0/doc/suites/documents/{docKey}/blocks` returns it: a flat list of
 * blocks, each carrying its kind in `blockType` and its content under a key of the same name.
 * Heading levels come as "heading-1" … "heading-6", as DingTalk writes them.
 */
export type BlockType = "heading" | "paragraph" | "unorderedList" | "orderedList" | "table" | "blockquote" | "unknown";

export const BLOCK_TYPES: readonly BlockType[] = ["heading", "paragraph", "unorderedList", "orderedList", "table", "blockquote", "unknown"];

export type BlockContent =
  | { blockType: "heading"; heading: { level: string; text: string } }
  | { blockType: "paragraph"; paragraph: { text: string } }
  | { blockType: "unorderedList"; unorderedList: { text: string } }
  | { blockType: "orderedList"; orderedList: { text: string } }
  | { blockType: "blockquote"; blockquote: { text: string } }
  | { blockType: "table"; table: { rowSize: number; colSize: number; data: string[][] } }
  /** What DingTalk answers for content it does not expose (code, images, …). */
  | { blockType: "unknown" };

export type Block = BlockContent & { index: number; id: string };

export const headingLevel = (level: number): string => `heading-${level}`;
