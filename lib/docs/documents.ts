import type { Db } from "@/lib/db/client";
import type { CreatableDocType, DocBlock, DocNode, DocRoleType, DocWorkspace, Docs } from "@/lib/dingtalk/docs";
import { collect } from "@/lib/dingtalk/pagination";
import { withCallArea } from "@/lib/dingtalk/meter";
import { documentContent, type DocumentContent } from "./content";
import { nodeKind } from "./node-kind";
import { DocsRefusal, refusalsInWords } from "./refusals";
import { dropVersion, getVersion, recordVersion, type VersionReason } from "./versions";

// The knowledge-base work the pages and actions do, acting as the signed-in person (`operatorId`
// is their unionId). Every DingTalk call is counted under the "docs" call area, and DingTalk's
// refusals come out as DocsRefusals in words about documents.

export const DOCS_CALL_AREA = "docs";

export interface Person {
  userId: string;
  name: string;
}

/** Who acts: the person (for our records) and their unionId (for DingTalk). */
export interface Operator extends Person {
  unionId: string;
}

function asOperator<T>(fn: () => Promise<T>): Promise<T> {
  return withCallArea(DOCS_CALL_AREA, () => refusalsInWords(fn));
}

export function listWorkspaces(docs: Docs, op: Operator): Promise<DocWorkspace[]> {
  return asOperator(() => collect(docs.iterateWorkspaces({ operatorId: op.unionId })));
}

export function getWorkspace(docs: Docs, op: Operator, workspaceId: string): Promise<DocWorkspace> {
  return asOperator(() => docs.getWorkspace(workspaceId, { operatorId: op.unionId }));
}

/** A folder's children, fetched when it is opened. */
export function listChildren(docs: Docs, op: Operator, parentNodeId: string): Promise<DocNode[]> {
  return asOperator(() => collect(docs.iterateNodes(parentNodeId, { operatorId: op.unionId })));
}

export function getNode(docs: Docs, op: Operator, nodeId: string): Promise<DocNode> {
  return asOperator(() => docs.getNode(nodeId, { operatorId: op.unionId }));
}

const DOC_LINK = /^https:\/\/alidocs\.dingtalk\.com\/i\/nodes\/[A-Za-z0-9]+\/?(?:[?#].*)?$/;

/** The node behind a pasted document link; anything that is not one is refused before asking DingTalk. */
export function nodeByUrl(docs: Docs, op: Operator, url: string): Promise<DocNode> {
  const link = url.trim();
  if (!DOC_LINK.test(link)) return Promise.reject(new DocsRefusal("DOCS_NOT_A_LINK", undefined, "url"));
  return asOperator(() => docs.getNodeByUrl(link, { operatorId: op.unionId }));
}

function requireDocument(node: DocNode): void {
  if (nodeKind(node) !== "document") throw new DocsRefusal("DOCS_NOT_EDITABLE");
}

export interface OpenDocument {
  node: DocNode;
  blocks: DocBlock[];
  content: DocumentContent;
}

/** A document with its blocks (to show) and its markdown and hash (to edit from); a node already fetched is not fetched again. */
export function readDocument(docs: Docs, op: Operator, nodeOrId: string | DocNode): Promise<OpenDocument> {
  return asOperator(async () => {
    const node = typeof nodeOrId === "string" ? await docs.getNode(nodeOrId, { operatorId: op.unionId }) : nodeOrId;
    requireDocument(node);
    const blocks = await docs.getBlocks(node.nodeId, { operatorId: op.unionId });
    return { node, blocks, content: documentContent(blocks) };
  });
}

export type SaveResult = { saved: true; versionId: string; name: string; nodeId: string } | { saved: false; unchanged: true; name: string; nodeId: string };

interface SaveInput {
  nodeId: string;
  /** The hash of the content the person started from (`DocumentContent.hash`). */
  baseHash: string;
  markdown: string;
  reason?: Exclude<VersionReason, "delete">;
  restoredFrom?: string;
}

/**
 * Overwrites a document with the person's markdown, after keeping what it holds now as a version.
 * When the document changed in DingTalk since the person started from `baseHash`, nothing is
 * written: DOC_CHANGED, and the page shows both. A write DingTalk refuses leaves no version behind.
 */
export function saveDocument(docs: Docs, db: Db, op: Operator, input: SaveInput): Promise<SaveResult> {
  return asOperator(async () => {
    const node = await docs.getNode(input.nodeId, { operatorId: op.unionId });
    requireDocument(node);
    const current = documentContent(await docs.getBlocks(node.nodeId, { operatorId: op.unionId }));
    if (current.hash !== input.baseHash) throw new DocsRefusal("DOC_CHANGED");
    if (current.markdown === input.markdown && current.unknownBlocks === 0) return { saved: false, unchanged: true, name: node.name, nodeId: node.nodeId };
    const version = await recordVersion(db, {
      workspaceId: node.workspaceId, nodeId: node.nodeId, name: node.name, markdown: current.markdown, contentHash: current.hash,
      reason: input.reason ?? "save", restoredFrom: input.restoredFrom, createdBy: op,
    });
    await keepUnlessRefused(db, version.id, () => docs.overwriteMarkdown(node.nodeId, input.markdown, { operatorId: op.unionId }));
    return { saved: true, versionId: version.id, name: node.name, nodeId: node.nodeId };
  });
}

/** Puts a kept version back; what the document holds now becomes a version of its own first. */
export async function restoreVersion(docs: Docs, db: Db, op: Operator, input: { versionId: string; baseHash: string }): Promise<SaveResult> {
  const version = await getVersion(db, input.versionId);
  if (!version) throw new DocsRefusal("DOCS_VERSION_NOT_FOUND");
  return saveDocument(docs, db, op, { nodeId: version.nodeId, baseHash: input.baseHash, markdown: version.markdown, reason: "restore", restoredFrom: version.id });
}

/**
 * Runs a write with its version already kept; when DingTalk refuses the write (and so surely did not
 * make it) the version goes too. A write whose outcome is unknown keeps it: it is the content before.
 */
async function keepUnlessRefused(db: Db, versionId: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if ((error as { outcome?: unknown } | null)?.outcome !== "unknown") await dropVersion(db, versionId);
    throw error;
  }
}

export interface CreateInput {
  workspaceId: string;
  parentNodeId: string;
  name: string;
  docType: Extract<CreatableDocType, "DOC" | "FOLDER">;
}

export function createNode(docs: Docs, op: Operator, input: CreateInput): Promise<{ nodeId: string; workspaceId: string; url: string; name: string }> {
  return asOperator(async () => {
    const created = await docs.createDoc({ operatorId: op.unionId, workspaceId: input.workspaceId, parentNodeId: input.parentNodeId, docType: input.docType, name: input.name });
    return { nodeId: created.nodeId, workspaceId: created.workspaceId, url: created.url, name: input.name };
  });
}

/**
 * Deletes a document (keeping its last content as a version) or an empty folder. A folder with
 * content is refused: its documents would go without versions.
 */
export function deleteNode(docs: Docs, db: Db, op: Operator, nodeId: string): Promise<{ name: string; nodeId: string; workspaceId: string; versionId?: string }> {
  return asOperator(async () => {
    const node = await docs.getNode(nodeId, { operatorId: op.unionId });
    const kind = nodeKind(node);
    if (kind === "folder" && node.hasChildren) throw new DocsRefusal("DOCS_FOLDER_NOT_EMPTY");
    const remove = () => docs.deleteDoc({ operatorId: op.unionId, workspaceId: node.workspaceId, nodeId: node.nodeId });
    if (kind !== "document") {
      await remove();
      return { name: node.name, nodeId: node.nodeId, workspaceId: node.workspaceId };
    }
    const current = documentContent(await docs.getBlocks(node.nodeId, { operatorId: op.unionId }));
    const version = await recordVersion(db, {
      workspaceId: node.workspaceId, nodeId: node.nodeId, name: node.name, markdown: current.markdown, contentHash: current.hash, reason: "delete", createdBy: op,
    });
    await keepUnlessRefused(db, version.id, remove);
    return { name: node.name, nodeId: node.nodeId, workspaceId: node.workspaceId, versionId: version.id };
  });
}

/** Grants a person of the org a role on a document or folder. */
export function addMember(docs: Docs, op: Operator, input: { nodeId: string; memberUnionId: string; role: Extract<DocRoleType, "viewer" | "editor"> }): Promise<{ name: string; nodeId: string; workspaceId: string }> {
  return asOperator(async () => {
    const node = await docs.getNode(input.nodeId, { operatorId: op.unionId });
    await docs.addMembers({ operatorId: op.unionId, workspaceId: node.workspaceId, nodeId: node.nodeId, members: [{ memberId: input.memberUnionId, roleType: input.role }] });
    return { name: node.name, nodeId: node.nodeId, workspaceId: node.workspaceId };
  });
}
