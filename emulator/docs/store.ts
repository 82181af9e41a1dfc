import { ALNUM, SeededRandom } from "../util/random";
import type { Block, BlockContent } from "./blocks";

/** What a person may do with a workspace or a node; each role includes the ones below it. */
export type DocRole = "owner" | "editor" | "viewer";
export const DOC_ROLES: readonly DocRole[] = ["owner", "editor", "viewer"];
const RANK: Record<DocRole, number> = { viewer: 1, editor: 2, owner: 3 };

export const atLeast = (role: DocRole | null, needed: DocRole): boolean => role !== null && RANK[role] >= RANK[needed];

export type DocType = "DOC" | "WORKBOOK" | "FOLDER";

export interface DocWorkspace {
  readonly workspaceId: string;
  readonly name: string;
  readonly description: string;
  readonly rootNodeId: string;
  readonly creatorId: string;
  modifierId: string;
  readonly createTime: number;
  modifiedTime: number;
  /** unionId → role. */
  readonly members: Map<string, DocRole>;
}

export interface DocNode {
  /** Also the node's dentryUuid; the block API takes it as well as the docKey. */
  readonly nodeId: string;
  readonly docKey: string;
  readonly workspaceId: string;
  /** Null only for a workspace's root folder. */
  readonly parentNodeId: string | null;
  readonly name: string;
  readonly docType: DocType;
  readonly childIds: string[];
  readonly creatorId: string;
  modifierId: string;
  readonly createTime: number;
  modifiedTime: number;
  /** Roles granted on this node; they reach everything below it. */
  readonly members: Map<string, DocRole>;
  blocks: Block[];
}

/** Workspaces, their node trees and who may do what, all in memory. */
export class DocsStore {
  private readonly workspaces = new Map<string, DocWorkspace>();
  private readonly nodes = new Map<string, DocNode>();
  private readonly byDocKey = new Map<string, DocNode>();
  private readonly random: SeededRandom;
  private blockSeq = 0;

  constructor(
    seed: number,
    private readonly now: () => number,
  ) {
    // A stream of its own, so that document ids do not shift when the org generator changes.
    this.random = new SeededRandom(seed, 0xd0c5);
  }

  private newId(length: number): string {
    return this.random.string(length, ALNUM);
  }

  addWorkspace(input: { name: string; description: string; ownerId: string; createTime?: number }): DocWorkspace {
    const time = input.createTime ?? this.now();
    const workspaceId = this.newId(16);
    const root = this.insertNode({ workspaceId, parentNodeId: null, name: input.name, docType: "FOLDER", creatorId: input.ownerId, time });
    const workspace: DocWorkspace = {
      workspaceId, name: input.name, description: input.description, rootNodeId: root.nodeId,
      creatorId: input.ownerId, modifierId: input.ownerId, createTime: time, modifiedTime: time,
      members: new Map([[input.ownerId, "owner"]]),
    };
    this.workspaces.set(workspaceId, workspace);
    return workspace;
  }

  createNode(input: { workspaceId: string; parentNodeId: string; name: string; docType: DocType; creatorId: string; time?: number }): DocNode {
    const node = this.insertNode({ ...input, time: input.time ?? this.now() });
    const parent = this.nodes.get(input.parentNodeId);
    parent?.childIds.push(node.nodeId);
    this.touch(parent, input.creatorId, node.createTime);
    return node;
  }

  private insertNode(input: { workspaceId: string; parentNodeId: string | null; name: string; docType: DocType; creatorId: string; time: number }): DocNode {
    const node: DocNode = {
      nodeId: this.newId(32), docKey: this.newId(16), workspaceId: input.workspaceId, parentNodeId: input.parentNodeId,
      name: input.name, docType: input.docType, childIds: [], creatorId: input.creatorId, modifierId: input.creatorId,
      createTime: input.time, modifiedTime: input.time, members: new Map(), blocks: [],
    };
    this.nodes.set(node.nodeId, node);
    this.byDocKey.set(node.docKey, node);
    return node;
  }

  /** Removes the node and everything below it. */
  deleteNode(node: DocNode, operatorId: string): void {
    const parent = node.parentNodeId ? this.nodes.get(node.parentNodeId) : undefined;
    if (parent) parent.childIds.splice(parent.childIds.indexOf(node.nodeId), 1);
    const drop = (n: DocNode) => {
      for (const id of n.childIds) {
        const child = this.nodes.get(id);
        if (child) drop(child);
      }
      this.nodes.delete(n.nodeId);
      this.byDocKey.delete(n.docKey);
    };
    drop(node);
    this.touch(parent, operatorId, this.now());
  }

  setBlocks(node: DocNode, contents: readonly BlockContent[], operatorId: string, time = this.now()): void {
    node.blocks = contents.map((content, index) => ({ ...content, index, id: `blk${(++this.blockSeq).toString(36)}${this.newId(6)}` }));
    node.modifierId = operatorId;
    node.modifiedTime = time;
  }

  private touch(node: DocNode | undefined, operatorId: string, time: number): void {
    if (!node) return;
    node.modifierId = operatorId;
    node.modifiedTime = time;
  }

  workspace(workspaceId: string): DocWorkspace | undefined {
    return this.workspaces.get(workspaceId);
  }

  allWorkspaces(): DocWorkspace[] {
    return [...this.workspaces.values()];
  }

  node(nodeId: string): DocNode | undefined {
    return this.nodes.get(nodeId);
  }

  /** A document by its docKey or its nodeId (dentryUuid), as the block API accepts either. */
  document(key: string): DocNode | undefined {
    return this.byDocKey.get(key) ?? this.nodes.get(key);
  }

  children(node: DocNode): DocNode[] {
    return node.childIds.map((id) => this.nodes.get(id)).filter((n): n is DocNode => n !== undefined);
  }

  workspaceRole(unionId: string, workspace: DocWorkspace): DocRole | null {
    return workspace.members.get(unionId) ?? null;
  }

  /** The strongest role from the workspace and from the node or any folder above it. */
  nodeRole(unionId: string, node: DocNode): DocRole | null {
    const workspace = this.workspaces.get(node.workspaceId);
    let best = workspace ? this.workspaceRole(unionId, workspace) : null;
    for (let n: DocNode | undefined = node; n; n = n.parentNodeId ? this.nodes.get(n.parentNodeId) : undefined) {
      const role = n.members.get(unionId) ?? null;
      if (role && !atLeast(best, role)) best = role;
    }
    return best;
  }

  /** Workspaces the person belongs to, oldest first. */
  workspacesOf(unionId: string): DocWorkspace[] {
    return this.allWorkspaces().filter((w) => w.members.has(unionId));
  }
}
