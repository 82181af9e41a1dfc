import { ControlClientBase } from "./control-client-base";
import type { Block } from "../docs/blocks";
import type { DocRole, DocType } from "../docs/store";

export interface ControlDocWorkspace {
  workspaceId: string;
  name: string;
  rootNodeId: string;
  members: { unionId: string; userId: string; role: DocRole }[];
}

export interface ControlDocNode {
  nodeId: string;
  docKey: string;
  workspaceId: string;
  parentNodeId: string | null;
  name: string;
  docType: DocType;
  childIds: string[];
  members: { unionId: string; role: DocRole }[];
  blocks: Block[];
}

/** Typed access to the knowledge base's `/__control/docs` endpoints. */
export class DocsControl extends ControlClientBase {
  /** Every workspace with its members (unionId, userId and role). */
  async workspaces(): Promise<ControlDocWorkspace[]> {
    return (await this.call<{ workspaces: ControlDocWorkspace[] }>("GET", "/docs/workspaces")).workspaces;
  }

  /** Replaces a document's body as a person editing it in DingTalk would (markdown, by their unionId). */
  async setContent(id: string, markdown: string, operatorId: string): Promise<void> {
    await this.call("PUT", `/docs/nodes/${encodeURIComponent(id)}/content`, { markdown, operatorId });
  }

  /** A node as stored, by nodeId or docKey. */
  async node(id: string): Promise<ControlDocNode> {
    return (await this.call<{ node: ControlDocNode }>("GET", `/docs/nodes/${encodeURIComponent(id)}`)).node;
  }
}
