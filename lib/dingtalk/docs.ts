import { z } from "zod";
import { checkPageSize, checkText, checkWholeNumber } from "./arguments";
import { eachItem, nextTokenPages } from "./pagination";
import type { Call } from "./transport";
import { wireFlag, wireOptionalNumber, wireOptionalText, wireText } from "./wire";

/** A knowledge base (知识库). */
export interface DocWorkspace {
  workspaceId: string;
  name: string;
  /** The folder at the top of the workspace: list it with `listNodes` to browse. */
  rootNodeId: string;
  /** TEAM or PERSONAL. */
  type: string;
  url: string;
  description: string;
  createTime?: string;
  modifiedTime?: string;
  creatorId?: string;
  modifierId?: string;
  /** The operator's role: OWNER, EDITOR, READER, … */
  permissionRole?: string;
}

/** A folder or file in a workspace. Its `nodeId` is also the document's dentryUuid. */
export interface DocNode {
  nodeId: string;
  name: string;
  type: "FILE" | "FOLDER";
  /** ALIDOC for DingTalk documents and workbooks. */
  category?: string;
  /** adoc (document), axls (workbook), or a file's extension. */
  extension?: string;
  hasChildren: boolean;
  workspaceId: string;
  url: string;
  size?: number;
  createTime?: string;
  modifiedTime?: string;
  creatorId?: string;
  modifierId?: string;
  permissionRole?: string;
}

export type DocBlockType = "heading" | "paragraph" | "unorderedList" | "orderedList" | "table" | "blockquote" | "unknown";

/** A block of a document's body, without its position. */
export type DocBlockContent =
  | { blockType: "heading"; level: number; text: string }
  | { blockType: "paragraph" | "unorderedList" | "orderedList" | "blockquote"; text: string }
  /** The first row is the header. */
  | { blockType: "table"; rows: string[][] }
  /** Content DingTalk does not expose through the block API (code, images, …); `rawType` is what it said. */
  | { blockType: "unknown"; rawType: string };

export type DocBlock = DocBlockContent & { index: number; id: string };

export type DocRoleType = "owner" | "editor" | "viewer";
export type CreatableDocType = "DOC" | "WORKBOOK" | "FOLDER";

export interface CreatedDoc {
  workspaceId: string;
  nodeId: string;
  /** What the block and overwrite calls take. */
  docKey: string;
  url: string;
  dentryUuid: string;
}

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Everything acts as a person: `operatorId` is that person's unionId (not the userId). */
export interface OperatorOption {
  operatorId: string;
}

export interface PageOptions extends OperatorOption {
  /** 1 to 50. */
  maxResults?: number;
  nextToken?: string;
}

export interface BlockFilter extends OperatorOption {
  startIndex?: number;
  endIndex?: number;
  blockType?: DocBlockType;
}

export interface DocMember {
  /** The person's unionId. */
  memberId: string;
  roleType: DocRoleType;
}

export interface Docs {
  listWorkspaces(options: PageOptions & { orderBy?: string }): Promise<Page<DocWorkspace>>;
  iterateWorkspaces(options: OperatorOption & { pageSize?: number }): AsyncIterable<DocWorkspace>;
  getWorkspace(workspaceId: string, options: OperatorOption): Promise<DocWorkspace>;
  /** Children of a folder; start from a workspace's `rootNodeId`. */
  listNodes(parentNodeId: string, options: PageOptions): Promise<Page<DocNode>>;
  iterateNodes(parentNodeId: string, options: OperatorOption & { pageSize?: number }): AsyncIterable<DocNode>;
  getNode(nodeId: string, options: OperatorOption): Promise<DocNode>;
  /** The node behind a document link (`https://alidocs.dingtalk.com/i/nodes/…`). */
  getNodeByUrl(url: string, options: OperatorOption): Promise<DocNode>;
  /** Creates a document, workbook or folder; at the workspace's top unless `parentNodeId` is given. Never repeated on failure. */
  createDoc(input: OperatorOption & { workspaceId: string; docType: CreatableDocType; name: string; parentNodeId?: string }): Promise<CreatedDoc>;
  /** Deletes a node and everything below it. Never repeated on failure. */
  deleteDoc(input: OperatorOption & { workspaceId: string; nodeId: string }): Promise<void>;
  /** A document's blocks in order; `docKey` may also be the node id. */
  getBlocks(docKey: string, options: BlockFilter): Promise<DocBlock[]>;
  /** A document's body as markdown (blocks DingTalk does not expose are left out). */
  readMarkdown(docKey: string, options: OperatorOption): Promise<string>;
  /** Replaces the whole body with the markdown. */
  overwriteMarkdown(docKey: string, markdown: string, options: OperatorOption): Promise<void>;
  /** Grants roles on a document or folder (`nodeId`) or on the whole workspace (no `nodeId`). */
  addMembers(input: OperatorOption & { workspaceId: string; nodeId?: string; members: DocMember[] }): Promise<{ notInOrg: string[] }>;
}

const wireWorkspace = z
  .object({
    workspaceId: z.string(),
    name: wireText,
    rootNodeId: wireText,
    type: wireText,
    url: wireText,
    description: wireText,
    createTime: wireOptionalText,
    modifiedTime: wireOptionalText,
    creatorId: wireOptionalText,
    modifierId: wireOptionalText,
    permissionRole: wireOptionalText,
  })
  .transform((w): DocWorkspace => ({ ...w }));

const wireNode = z
  .object({
    nodeId: z.string(),
    name: wireText,
    type: z.string().transform((t): DocNode["type"] => (t === "FOLDER" ? "FOLDER" : "FILE")),
    category: wireOptionalText,
    extension: wireOptionalText,
    hasChildren: wireFlag,
    workspaceId: wireText,
    url: wireText,
    size: wireOptionalNumber,
    createTime: wireOptionalText,
    modifiedTime: wireOptionalText,
    creatorId: wireOptionalText,
    modifierId: wireOptionalText,
    permissionRole: wireOptionalText,
  })
  .transform((n): DocNode => ({ ...n }));

const textPart = z.object({ text: wireText }).loose().nullish();

/** "heading-2" (as DingTalk writes it) or 2, kept within 1…6. */
function headingLevelOf(level: string | number | null | undefined): number {
  const n = typeof level === "number" ? level : Number(/(\d+)\s*$/.exec(level ?? "")?.[1] ?? 1);
  return Math.min(6, Math.max(1, Number.isFinite(n) ? Math.trunc(n) : 1));
}

const wireBlock = z
  .object({
    blockType: z.string(),
    index: z.coerce.number().int(),
    id: wireText,
    heading: z.object({ level: z.union([z.string(), z.number()]).nullish(), text: wireText }).loose().nullish(),
    paragraph: textPart,
    unorderedList: textPart,
    orderedList: textPart,
    blockquote: textPart,
    table: z.object({ data: z.array(z.array(z.coerce.string())).nullish() }).loose().nullish(),
  })
  .loose()
  .transform((b): DocBlock => {
    const at = { index: b.index, id: b.id };
    switch (b.blockType) {
      case "heading":
        return { ...at, blockType: "heading", level: headingLevelOf(b.heading?.level), text: b.heading?.text ?? "" };
      case "paragraph":
      case "unorderedList":
      case "orderedList":
      case "blockquote":
        return { ...at, blockType: b.blockType, text: b[b.blockType]?.text ?? "" };
      case "table":
        return { ...at, blockType: "table", rows: b.table?.data ?? [] };
      default:
        return { ...at, blockType: "unknown", rawType: b.blockType };
    }
  });

const workspacePage = z.object({ workspaces: z.array(wireWorkspace).nullish(), nextToken: wireOptionalText });
const nodePage = z.object({ nodes: z.array(wireNode).nullish(), nextToken: wireOptionalText });
const blocksReply = z.object({ result: z.object({ data: z.array(wireBlock).nullish() }).nullish() });
const createdReply = z.object({ workspaceId: z.string(), nodeId: z.string(), docKey: z.string(), url: wireText, dentryUuid: wireText });
const anyReply = z.unknown();

const operator = (options: OperatorOption) => checkText(options?.operatorId, "operatorId (the person's unionId)");
const maxResultsOf = (value: number | undefined) => (value === undefined ? undefined : checkPageSize(value, 50));
const DEFAULT_PAGE = 50;

const indexOf = (value: number | undefined, what: string) => (value === undefined ? undefined : checkWholeNumber(value, what));

/** Knowledge-base workspaces, nodes and documents; operatorId is the unionId. */
export function createDocs(call: Call): Docs {
  const seg = (value: string, what: string) => encodeURIComponent(checkText(value, what));

  const listWorkspaces: Docs["listWorkspaces"] = async (options) => {
    const r = await call({
      host: "api", method: "GET", path: "/v2.0/wiki/workspaces",
      query: { operatorId: operator(options), maxResults: maxResultsOf(options.maxResults), nextToken: options.nextToken, orderBy: options.orderBy },
      schema: workspacePage, idempotent: true,
    });
    return { items: r.workspaces ?? [], nextToken: r.nextToken };
  };

  const listNodes: Docs["listNodes"] = async (parentNodeId, options) => {
    const r = await call({
      host: "api", method: "GET", path: "/v2.0/wiki/nodes",
      query: { parentNodeId: checkText(parentNodeId, "parentNodeId"), operatorId: operator(options), maxResults: maxResultsOf(options.maxResults), nextToken: options.nextToken },
      schema: nodePage, idempotent: true,
    });
    return { items: r.nodes ?? [], nextToken: r.nextToken };
  };

  const getBlocks: Docs["getBlocks"] = async (docKey, options) => {
    const r = await call({
      host: "api", method: "GET", path: `/v1.0/doc/suites/documents/${seg(docKey, "docKey")}/blocks`,
      rateKey: "/v1.0/doc/suites/documents/{docKey}/blocks",
      query: {
        operatorId: operator(options),
        startIndex: indexOf(options.startIndex, "startIndex"),
        endIndex: indexOf(options.endIndex, "endIndex"),
        blockType: options.blockType,
      },
      schema: blocksReply, idempotent: true,
    });
    return r.result?.data ?? [];
  };

  return {
    listWorkspaces,
    listNodes,
    getBlocks,

    iterateWorkspaces(options) {
      const operatorId = operator(options);
      const size = checkPageSize(options.pageSize ?? DEFAULT_PAGE, 50);
      return eachItem(nextTokenPages((token: string | undefined, maxResults) => listWorkspaces({ operatorId, maxResults, nextToken: token }), size));
    },

    iterateNodes(parentNodeId, options) {
      const operatorId = operator(options);
      const size = checkPageSize(options.pageSize ?? DEFAULT_PAGE, 50);
      return eachItem(nextTokenPages((token: string | undefined, maxResults) => listNodes(parentNodeId, { operatorId, maxResults, nextToken: token }), size));
    },

    async getWorkspace(workspaceId, options) {
      const r = await call({
        host: "api", method: "GET", path: `/v2.0/wiki/workspaces/${seg(workspaceId, "workspaceId")}`,
        rateKey: "/v2.0/wiki/workspaces/{workspaceId}",
        query: { operatorId: operator(options) },
        schema: z.object({ workspace: wireWorkspace }), idempotent: true,
      });
      return r.workspace;
    },

    async getNode(nodeId, options) {
      const r = await call({
        host: "api", method: "GET", path: `/v2.0/wiki/nodes/${seg(nodeId, "nodeId")}`,
        rateKey: "/v2.0/wiki/nodes/{nodeId}",
        query: { operatorId: operator(options) },
        schema: z.object({ node: wireNode }), idempotent: true,
      });
      return r.node;
    },

    async getNodeByUrl(url, options) {
      const operatorId = operator(options);
      const r = await call({
        host: "api", method: "POST", path: "/v2.0/wiki/nodes/queryByUrl",
        query: { operatorId },
        body: { url: checkText(url, "url"), operatorId },
        schema: z.object({ node: wireNode }), idempotent: true,
      });
      return r.node;
    },

    async createDoc(input) {
      return call({
        host: "api", method: "POST", path: `/v1.0/doc/workspaces/${seg(input.workspaceId, "workspaceId")}/docs`,
        rateKey: "/v1.0/doc/workspaces/{workspaceId}/docs",
        body: { operatorId: operator(input), docType: input.docType, name: checkText(input.name, "name"), parentNodeId: input.parentNodeId },
        schema: createdReply, idempotent: false,
      });
    },

    async deleteDoc(input) {
      await call({
        host: "api", method: "DELETE", path: `/v1.0/doc/workspaces/${seg(input.workspaceId, "workspaceId")}/docs/${seg(input.nodeId, "nodeId")}`,
        rateKey: "/v1.0/doc/workspaces/{workspaceId}/docs/{nodeId}",
        query: { operatorId: operator(input) },
        schema: anyReply, idempotent: false,
      });
    },

    async readMarkdown(docKey, options) {
      return blocksToMarkdown(await getBlocks(docKey, options));
    },

    async overwriteMarkdown(docKey, markdown, options) {
      if (typeof markdown !== "string") throw new TypeError("markdown must be a string");
      // A whole-body replace: doing it twice leaves the same document, so it may be retried.
      await call({
        host: "api", method: "POST", path: `/v1.0/doc/suites/documents/${seg(docKey, "docKey")}/overwriteContent`,
        rateKey: "/v1.0/doc/suites/documents/{docKey}/overwriteContent",
        query: { operatorId: operator(options) },
        body: { content: markdown, dataType: "markdown" },
        schema: anyReply, idempotent: true,
      });
    },

    async addMembers(input) {
      if (!Array.isArray(input.members) || input.members.length === 0) throw new RangeError("members must list at least one person");
      const members = input.members.map((m) => ({ memberId: checkText(m.memberId, "memberId (the person's unionId)"), memberType: "USER", roleType: m.roleType }));
      const workspace = seg(input.workspaceId, "workspaceId");
      const onNode = input.nodeId !== undefined;
      const r = await call({
        host: "api", method: "POST",
        path: onNode ? `/v1.0/doc/workspaces/${workspace}/docs/${seg(input.nodeId ?? "", "nodeId")}/members` : `/v1.0/doc/workspaces/${workspace}/members`,
        rateKey: onNode ? "/v1.0/doc/workspaces/{workspaceId}/docs/{nodeId}/members" : "/v1.0/doc/workspaces/{workspaceId}/members",
        body: { operatorId: operator(input), members },
        schema: z.object({ notInOrgList: z.array(z.string()).nullish() }), idempotent: true,
      });
      return { notInOrg: r.notInOrgList ?? [] };
    },
  };
}

/**
 * Blocks → markdown, the inverse of what `overwriteContent` does with markdown: headings, paragraphs,
 * list items (a run of items makes one list), quotes and pipe tables. Blocks DingTalk reports as
 * `unknown` are left out. A line of text that would read as markdown syntax is escaped with a
 * backslash so that writing the result back yields the same blocks.
 */
export function blocksToMarkdown(blocks: readonly DocBlockContent[]): string {
  const parts: string[] = [];
  let previous: DocBlockType | null = null;
  let ordinal = 0;
  for (const block of blocks) {
    let text: string;
    switch (block.blockType) {
      case "heading":
        text = `${"#".repeat(headingLevelOf(block.level))} ${block.text.replace(/\s*\n\s*/g, " ")}`.trimEnd();
        break;
      case "paragraph":
        if (block.text.trim() === "") continue;
        text = block.text.split("\n").filter((l) => l.trim() !== "").map(escapeLine).join("\n");
        break;
      case "unorderedList":
        text = `- ${listItem(block.text)}`;
        break;
      case "orderedList":
        ordinal = previous === "orderedList" ? ordinal + 1 : 1;
        text = `${ordinal}. ${listItem(block.text)}`;
        break;
      case "blockquote":
        text = block.text.split("\n").map((l) => (l === "" ? ">" : `> ${l}`)).join("\n");
        break;
      case "table":
        if (block.rows.length === 0) continue;
        text = table(block.rows);
        break;
      default:
        continue;
    }
    const sameList = previous === block.blockType && (block.blockType === "unorderedList" || block.blockType === "orderedList");
    if (parts.length > 0) parts.push(sameList ? "\n" : "\n\n");
    parts.push(text);
    previous = block.blockType;
  }
  return parts.length > 0 ? `${parts.join("")}\n` : "";
}

// What opens a block at the start of a line: an ATX heading, a quote, a table row, a list item
// (a marker then a space), a thematic break or setext underline, a code fence. Inline markup that
// merely starts the line (**bold**, `code`, #tag) opens none and stays as written.
const OPENS_BLOCK = /^(?:#{1,6}(?:\s|$)|>|\||[*+-](?:\s|$)|[-*_=](?:\s*[-*_=]){2,}\s*$|[-=]+\s*$|`{3}|~{3}|:)/;

/** A backslash before a character that would open a block (CommonMark lets any punctuation be escaped). */
function escapeLine(line: string): string {
  const l = line.trimStart();
  if (OPENS_BLOCK.test(l)) return `\\${l}`;
  return l.replace(/^(\d+)([.)])(?=\s|$)/, "$1\\$2");
}

function listItem(text: string): string {
  const [first = "", ...rest] = text.split("\n").filter((l, k) => k === 0 || l.trim() !== "");
  return [escapeLine(first), ...rest.map((l) => `  ${escapeLine(l)}`)].join("\n");
}

function table(rows: readonly string[][]): string {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const cell = (value: string | undefined) => (value ?? "").replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|").trim();
  const line = (row: readonly string[]) => `| ${Array.from({ length: width }, (_, k) => cell(row[k])).join(" | ")} |`;
  const [header, ...body] = rows;
  return [line(header), `| ${Array.from({ length: width }, () => "---").join(" | ")} |`, ...body.map(line)].join("\n");
}
