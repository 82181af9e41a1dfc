"use client";

import { useQuery } from "@tanstack/react-query";
import { FileSpreadsheet, FileText, File, Folder } from "lucide-react";
import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NodeKind } from "@/lib/docs/node-kind";

export interface TreeNode {
  nodeId: string;
  workspaceId: string;
  name: string;
  kind: NodeKind;
  hasChildren: boolean;
}

const ICON = { folder: Folder, document: FileText, workbook: FileSpreadsheet, file: File } as const;

async function fetchChildren(parent: string): Promise<TreeNode[]> {
  const r = await fetch(`/docs/tree?parent=${encodeURIComponent(parent)}`, { cache: "no-store" });
  const body = (await r.json().catch(() => ({}))) as { children?: TreeNode[]; error?: string };
  if (!r.ok) throw new Error(body.error ?? String(r.status));
  return body.children ?? [];
}

function Level({ parent, current, stamp }: { parent: string; current: string | null; stamp: string }) {
  const t = useTranslations("docs.tree");
  const { data, error } = useQuery({ queryKey: ["docs-tree", parent, stamp], queryFn: () => fetchChildren(parent), staleTime: Infinity, retry: false, placeholderData: (previous) => previous });
  if (error) return <p className="pl-5 text-xs text-red-600">{t("failed", { message: error.message })}</p>;
  if (!data) return <p className="pl-5 text-xs text-slate-400">{t("loading")}</p>;
  if (data.length === 0) return <p className="pl-5 text-xs text-slate-400">{t("empty")}</p>;
  return (
    <ul className="flex flex-col">
      {data.map((node) => (
        <Node key={node.nodeId} node={node} current={current} stamp={stamp} />
      ))}
    </ul>
  );
}

function Node({ node, current, stamp }: { node: TreeNode; current: string | null; stamp: string }) {
  const t = useTranslations("docs.tree");
  // Children are fetched from DingTalk only when the folder is opened.
  const [expanded, setExpanded] = useState(false);
  const Icon = ICON[node.kind];
  return (
    <li data-node={node.nodeId}>
      <div className="flex items-center gap-1">
        {node.kind === "folder" ? (
          <button type="button" aria-expanded={expanded} aria-label={t(expanded ? "collapse" : "expand", { name: node.name })} onClick={() => setExpanded((e) => !e)} className="w-4 text-xs text-slate-500">
            {expanded ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4" />
        )}
        <Link
          href={`/docs/${node.workspaceId}/${node.nodeId}`}
          aria-current={node.nodeId === current ? "page" : undefined}
          className={`flex flex-1 items-center gap-1.5 rounded px-1.5 py-1 text-sm hover:bg-slate-100 ${node.nodeId === current ? "bg-brand-50 font-medium text-brand-700" : ""}`}
        >
          <Icon className="h-3.5 w-3.5 shrink-0 text-slate-400" aria-hidden />
          {node.name}
        </Link>
      </div>
      {expanded ? (
        <div className="pl-4">
          <Level parent={node.nodeId} current={current} stamp={stamp} />
        </div>
      ) : null}
    </li>
  );
}

/**
 * A knowledge base's folders and documents, one level at a time, as the person may see them in
 * DingTalk. `stamp` changes whenever the server renders the layout again (after a create, delete
 * or refresh): the open folders are then fetched again, and not on every move between nodes.
 */
export function NodeTree({ rootNodeId, stamp }: { rootNodeId: string; stamp: string }) {
  // The layout holds the tree; the node segment below it says which node is open.
  const current = useSelectedLayoutSegment();
  return (
    <nav data-testid="docs-tree">
      <Level parent={rootNodeId} current={current} stamp={stamp} />
    </nav>
  );
}
