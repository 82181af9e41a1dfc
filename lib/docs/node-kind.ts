import type { DocNode } from "@/lib/dingtalk/docs";

/**
 * What the console can do with a node: documents (DingTalk's `adoc`) are read and edited here;
 * workbooks and uploaded files are opened in DingTalk, whose block API does not serve them.
 */
export type NodeKind = "folder" | "document" | "workbook" | "file";

export function nodeKind(node: Pick<DocNode, "type" | "category" | "extension">): NodeKind {
  if (node.type === "FOLDER") return "folder";
  if (node.category === "ALIDOC" && (node.extension === "adoc" || node.extension === undefined)) return "document";
  if (node.extension === "axls" || node.extension === "able") return "workbook";
  return "file";
}
