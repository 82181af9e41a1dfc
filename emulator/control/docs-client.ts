import type { Block } from "../docs/blocks";
import type { DocRole, DocType } from "../docs/store";
import { EmulatorControlError } from "../control-client";

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
export class DocsControl {
  private readonly baseUrl: string;

  constructor(
    url: string,
    private readonly controlToken: string,
  ) {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__control/docs${path}`, { headers: { authorization: `Bearer ${this.controlToken}` } });
    const data = (await response.json()) as T & { code?: string; message?: string };
    if (!response.ok) throw new EmulatorControlError(response.status, data.code ?? "unknown", data.message ?? "");
    return data;
  }

  /** Every workspace with its members (unionId, userId and role). */
  async workspaces(): Promise<ControlDocWorkspace[]> {
    return (await this.get<{ workspaces: ControlDocWorkspace[] }>("/workspaces")).workspaces;
  }

  /** A node as stored, by nodeId or docKey. */
  async node(id: string): Promise<ControlDocNode> {
    return (await this.get<{ node: ControlDocNode }>(`/nodes/${encodeURIComponent(id)}`)).node;
  }
}
