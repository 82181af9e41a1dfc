import { z } from "zod";
import { docsStore } from "../docs/docs-state";
import { docsErrors } from "../docs/errors";
import { markdownToBlocks } from "../docs/markdown";
import { tokenPage } from "../docs/paging";
import { atLeast, DOC_ROLES, type DocNode, type DocRole, type DocsStore, type DocWorkspace } from "../docs/store";
import { nodeIdFromUrl, nodeUrl, nodeView, workspaceView } from "../docs/views";
import { BLOCK_TYPES } from "../docs/blocks";
import { parseControl } from "../control/route-helpers";
import { reply, type RequestContext, type Route } from "../http/router";
import { boolField, offsetField, pageSizeField, parseApi } from "../http/validate";

const maxResults = (max: number, fallback: number) => pageSizeField(max).default(fallback);
const workspacesQuery = z.object({ maxResults: maxResults(50, 30), nextToken: z.string().min(1).optional(), orderBy: z.string().optional(), withPermissionRole: boolField().optional() });
const nodesQuery = z.object({ parentNodeId: z.string().min(1), maxResults: maxResults(50, 30), nextToken: z.string().min(1).optional(), withPermissionRole: boolField().optional() });
const byUrlBody = z.object({ url: z.string().min(1), option: z.record(z.string(), z.unknown()).optional() });
const createBody = z.object({
  docType: z.enum(["DOC", "WORKBOOK", "FOLDER"]),
  name: z.string().trim().min(1).max(200),
  parentNodeId: z.string().min(1).optional(),
  templateId: z.string().optional(),
  templateType: z.string().optional(),
});
const blocksQuery = z.object({
  startIndex: offsetField().optional(),
  endIndex: offsetField().optional(),
  blockType: z.enum(BLOCK_TYPES as [string, ...string[]]).optional(),
});
const overwriteBody = z.object({ content: z.string(), dataType: z.literal("markdown", { error: "仅支持 markdown" }) });
const membersBody = z.object({
  members: z
    .array(z.object({ memberId: z.string().min(1), memberType: z.literal("USER", { error: "仅支持 USER" }), roleType: z.enum(DOC_ROLES as [DocRole, ...DocRole[]]) }))
    .min(1)
    .max(100),
});

const queryObject = (ctx: RequestContext) => Object.fromEntries(ctx.query);

/** The operator's unionId from the query (or the body, where the SDK sends it there). */
function operatorOf(ctx: RequestContext): string {
  const fromBody = ctx.body && typeof ctx.body === "object" ? (ctx.body as Record<string, unknown>).operatorId : undefined;
  const value = ctx.query.get("operatorId") ?? (typeof fromBody === "string" ? fromBody : "");
  if (value.trim() === "") throw docsErrors.missingOperator();
  const org = ctx.state.org;
  if (org.usersByUnionId.has(value)) return value;
  if (org.usersById.has(value)) throw docsErrors.userIdAsOperator();
  throw docsErrors.unknownOperator();
}

function requireWorkspace(store: DocsStore, workspaceId: string): DocWorkspace {
  const workspace = store.workspace(workspaceId);
  if (!workspace) throw docsErrors.workspaceNotFound();
  return workspace;
}

function requireNode(store: DocsStore, nodeId: string): DocNode {
  const node = store.node(nodeId);
  if (!node) throw docsErrors.nodeNotFound();
  return node;
}

function requireDocument(store: DocsStore, docKey: string): DocNode {
  const node = store.document(docKey);
  if (!node) throw docsErrors.documentNotFound();
  if (node.docType === "FOLDER") throw docsErrors.invalid("该节点是文件夹，不是文档");
  return node;
}

function checkNodeRole(store: DocsStore, operator: string, node: DocNode, needed: DocRole): DocRole {
  const role = store.nodeRole(operator, node);
  if (!atLeast(role, needed)) throw docsErrors.accessDenied(needed, node.docType === "FOLDER" ? "该文件夹" : "该文档");
  return role as DocRole;
}

/** Each memberId must be a person of the org by unionId; a userId is refused like an operatorId. */
function memberUnionIds(ctx: RequestContext, members: z.output<typeof membersBody>["members"]): { known: { unionId: string; role: DocRole }[]; unknown: string[] } {
  const org = ctx.state.org;
  const known: { unionId: string; role: DocRole }[] = [];
  const unknown: string[] = [];
  for (const m of members) {
    if (org.usersByUnionId.has(m.memberId)) known.push({ unionId: m.memberId, role: m.roleType });
    else if (org.usersById.has(m.memberId)) throw docsErrors.invalid(`memberId 须为 unionId，${m.memberId} 是 userId`);
    else unknown.push(m.memberId);
  }
  return { known, unknown };
}

/** Knowledge base and documents routes; see dingtalk-api.md. */
export function docsRoutes(): Route[] {
  return [
    {
      method: "GET", path: "/v2.0/wiki/workspaces", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const q = parseApi(workspacesQuery, queryObject(ctx), { bodyRequired: false });
        const store = docsStore(ctx.state);
        const page = tokenPage(store.workspacesOf(operator), q.maxResults, q.nextToken);
        return reply.json({
          workspaces: page.items.map((w) => workspaceView(w, store.workspaceRole(operator, w), ctx.state.credentials.corpId)),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        });
      },
    },
    {
      method: "GET", path: "/v2.0/wiki/workspaces/:workspaceId", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const store = docsStore(ctx.state);
        const workspace = requireWorkspace(store, ctx.params.workspaceId);
        const role = store.workspaceRole(operator, workspace);
        if (!role) throw docsErrors.accessDenied("viewer", "该知识库");
        return reply.json({ workspace: workspaceView(workspace, role, ctx.state.credentials.corpId) });
      },
    },
    {
      method: "GET", path: "/v2.0/wiki/nodes", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const q = parseApi(nodesQuery, queryObject(ctx), { bodyRequired: false });
        const store = docsStore(ctx.state);
        const parent = requireNode(store, q.parentNodeId);
        checkNodeRole(store, operator, parent, "viewer");
        const page = tokenPage(store.children(parent), q.maxResults, q.nextToken);
        return reply.json({
          nodes: page.items.map((n) => nodeView(store, n, store.nodeRole(operator, n))),
          ...(page.nextToken ? { nextToken: page.nextToken } : {}),
        });
      },
    },
    {
      method: "GET", path: "/v2.0/wiki/nodes/:nodeId", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const store = docsStore(ctx.state);
        const node = requireNode(store, ctx.params.nodeId);
        return reply.json({ node: nodeView(store, node, checkNodeRole(store, operator, node, "viewer")) });
      },
    },
    {
      method: "POST", path: "/v2.0/wiki/nodes/queryByUrl", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const body = parseApi(byUrlBody, ctx.body);
        const nodeId = nodeIdFromUrl(body.url);
        if (!nodeId) throw docsErrors.invalid("url 不是钉钉文档链接（https://alidocs.dingtalk.com/i/nodes/…）");
        const store = docsStore(ctx.state);
        const node = requireNode(store, nodeId);
        return reply.json({ node: nodeView(store, node, checkNodeRole(store, operator, node, "viewer")) });
      },
    },
    {
      method: "POST", path: "/v1.0/doc/workspaces/:workspaceId/docs", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const body = parseApi(createBody, ctx.body);
        const store = docsStore(ctx.state);
        const workspace = requireWorkspace(store, ctx.params.workspaceId);
        const parent = requireNode(store, body.parentNodeId ?? workspace.rootNodeId);
        if (parent.workspaceId !== workspace.workspaceId) throw docsErrors.invalid("parentNodeId 不属于该知识库");
        checkNodeRole(store, operator, parent, "editor");
        const node = store.createNode({ workspaceId: workspace.workspaceId, parentNodeId: parent.nodeId, name: body.name, docType: body.docType, creatorId: operator });
        return reply.json({ workspaceId: workspace.workspaceId, nodeId: node.nodeId, docKey: node.docKey, url: nodeUrl(node.nodeId), dentryUuid: node.nodeId });
      },
    },
    {
      method: "DELETE", path: "/v1.0/doc/workspaces/:workspaceId/docs/:nodeId", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const store = docsStore(ctx.state);
        const workspace = requireWorkspace(store, ctx.params.workspaceId);
        const node = requireNode(store, ctx.params.nodeId);
        if (node.workspaceId !== workspace.workspaceId) throw docsErrors.nodeNotFound();
        if (node.parentNodeId === null) throw docsErrors.invalid("不能删除知识库的根节点");
        checkNodeRole(store, operator, node, "editor");
        store.deleteNode(node, operator);
        return reply.json({});
      },
    },
    {
      method: "GET", path: "/v1.0/doc/suites/documents/:docKey/blocks", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const q = parseApi(blocksQuery, queryObject(ctx), { bodyRequired: false });
        const store = docsStore(ctx.state);
        const node = requireDocument(store, ctx.params.docKey);
        checkNodeRole(store, operator, node, "viewer");
        const data = node.blocks.filter(
          (b) => (q.startIndex === undefined || b.index >= q.startIndex) && (q.endIndex === undefined || b.index <= q.endIndex) && (!q.blockType || b.blockType === q.blockType),
        );
        return reply.json({ success: true, result: { data } });
      },
    },
    {
      method: "POST", path: "/v1.0/doc/suites/documents/:docKey/overwriteContent", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const body = parseApi(overwriteBody, ctx.body);
        const store = docsStore(ctx.state);
        const node = requireDocument(store, ctx.params.docKey);
        checkNodeRole(store, operator, node, "editor");
        store.setBlocks(node, markdownToBlocks(body.content), operator);
        return reply.json({ success: true });
      },
    },
    {
      method: "POST", path: "/v1.0/doc/workspaces/:workspaceId/docs/:nodeId/members", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const body = parseApi(membersBody, ctx.body);
        const store = docsStore(ctx.state);
        const workspace = requireWorkspace(store, ctx.params.workspaceId);
        const node = requireNode(store, ctx.params.nodeId);
        if (node.workspaceId !== workspace.workspaceId) throw docsErrors.nodeNotFound();
        checkNodeRole(store, operator, node, "owner");
        const { known, unknown } = memberUnionIds(ctx, body.members);
        if (unknown.length > 0) throw docsErrors.invalid(`memberId 不是本企业成员的 unionId：${unknown.join(", ")}`);
        for (const m of known) node.members.set(m.unionId, m.role);
        return reply.json({});
      },
    },
    {
      method: "POST", path: "/v1.0/doc/workspaces/:workspaceId/members", style: "api", auth: "app",
      handler: (ctx) => {
        const operator = operatorOf(ctx);
        const body = parseApi(membersBody, ctx.body);
        const store = docsStore(ctx.state);
        const workspace = requireWorkspace(store, ctx.params.workspaceId);
        if (store.workspaceRole(operator, workspace) !== "owner") throw docsErrors.accessDenied("owner", "该知识库");
        const { known, unknown } = memberUnionIds(ctx, body.members);
        for (const m of known) workspace.members.set(m.unionId, m.role);
        return reply.json({ notInOrgList: unknown });
      },
    },
    ...controlRoutes(),
  ];
}

const contentBody = z.object({ markdown: z.string(), operatorId: z.string().min(1) });

/** Test-only views of the knowledge base: who belongs where, a document as stored, and a change made "in DingTalk" by someone. */
function controlRoutes(): Route[] {
  return [
    {
      method: "PUT", path: "/__control/docs/nodes/:nodeId/content", style: "control", auth: "control",
      handler: (ctx) => {
        const body = parseControl(contentBody, ctx.body);
        const store = docsStore(ctx.state);
        const node = requireDocument(store, ctx.params.nodeId);
        store.setBlocks(node, markdownToBlocks(body.markdown), body.operatorId);
        return reply.json({ ok: true });
      },
    },
    {
      method: "GET", path: "/__control/docs/workspaces", style: "control", auth: "control",
      handler: (ctx) => {
        const store = docsStore(ctx.state);
        const org = ctx.state.org;
        return reply.json({
          workspaces: store.allWorkspaces().map((w) => ({
            workspaceId: w.workspaceId,
            name: w.name,
            rootNodeId: w.rootNodeId,
            members: [...w.members].map(([unionId, role]) => ({ unionId, userId: org.usersByUnionId.get(unionId)?.userId ?? "", role })),
          })),
        });
      },
    },
    {
      method: "GET", path: "/__control/docs/nodes/:nodeId", style: "control", auth: "control",
      handler: (ctx) => {
        const store = docsStore(ctx.state);
        const node = store.document(ctx.params.nodeId) ?? requireNode(store, ctx.params.nodeId);
        return reply.json({
          node: {
            nodeId: node.nodeId, docKey: node.docKey, workspaceId: node.workspaceId, parentNodeId: node.parentNodeId,
            name: node.name, docType: node.docType, childIds: node.childIds,
            members: [...node.members].map(([unionId, role]) => ({ unionId, role })),
            blocks: node.blocks,
          },
        });
      },
    },
  ];
}
