import type { DocNode, DocRole, DocWorkspace, DocsStore } from "./store";

/** How DingTalk names roles in `permissionRole`. */
const PERMISSION_ROLE: Record<DocRole, string> = { owner: "OWNER", editor: "EDITOR", viewer: "READER" };

const DOCS_HOST = "https://alidocs.dingtalk.com";
const iso = (ms: number) => new Date(ms).toISOString();

export const nodeUrl = (nodeId: string) => `${DOCS_HOST}/i/nodes/${nodeId}`;

/** The node id in a document link (`https://alidocs.dingtalk.com/i/nodes/<id>[?…][#…]`), or null. */
export function nodeIdFromUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== DOCS_HOST) return null;
  const match = /^\/i\/nodes\/([A-Za-z0-9]+)\/?$/.exec(parsed.pathname);
  return match ? match[1] : null;
}

export function workspaceView(workspace: DocWorkspace, role: DocRole | null, corpId: string) {
  return {
    workspaceId: workspace.workspaceId,
    name: workspace.name,
    description: workspace.description,
    rootNodeId: workspace.rootNodeId,
    type: "TEAM",
    url: `${DOCS_HOST}/i/spaces/${workspace.workspaceId}/overview`,
    corpId,
    creatorId: workspace.creatorId,
    modifierId: workspace.modifierId,
    createTime: iso(workspace.createTime),
    modifiedTime: iso(workspace.modifiedTime),
    ...(role ? { permissionRole: PERMISSION_ROLE[role] } : {}),
  };
}

export function nodeView(store: DocsStore, node: DocNode, role: DocRole | null) {
  const isFolder = node.docType === "FOLDER";
  return {
    nodeId: node.nodeId,
    name: node.name,
    type: isFolder ? "FOLDER" : "FILE",
    ...(isFolder ? {} : { category: "ALIDOC", extension: node.docType === "WORKBOOK" ? "axls" : "adoc" }),
    hasChildren: store.children(node).length > 0,
    workspaceId: node.workspaceId,
    url: nodeUrl(node.nodeId),
    // Documents report a size in bytes; this one is the stored text's.
    size: isFolder ? 0 : Buffer.byteLength(JSON.stringify(node.blocks)),
    createTime: iso(node.createTime),
    modifiedTime: iso(node.modifiedTime),
    creatorId: node.creatorId,
    modifierId: node.modifierId,
    ...(role ? { permissionRole: PERMISSION_ROLE[role] } : {}),
  };
}
