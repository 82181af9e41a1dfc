"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { departmentChildrenQuery } from "@/components/pickers/department-children";
import type { TreeNode } from "@/lib/directory/queries";

function Level({ parent, current, open }: { parent: number | null; current: number; open: ReadonlySet<number> }) {
  const { data, error } = useQuery(departmentChildrenQuery(parent));
  if (error) return <p className="text-xs text-red-600">{String(error.message)}</p>;
  if (!data) return <p className="pl-5 text-xs text-slate-400">…</p>;
  return (
    <ul className="flex flex-col">
      {data.map((node) => (
        <Node key={node.deptId} node={node} current={current} initiallyOpen={open.has(node.deptId)} open={open} />
      ))}
    </ul>
  );
}

function Node({ node, current, initiallyOpen, open }: { node: TreeNode; current: number; initiallyOpen: boolean; open: ReadonlySet<number> }) {
  const t = useTranslations("dept");
  const [expanded, setExpanded] = useState(initiallyOpen);
  return (
    <li data-dept={node.deptId}>
      <div className="flex items-center gap-1">
        {node.hasChildren ? (
          <button type="button" aria-expanded={expanded} aria-label={t(expanded ? "collapse" : "expand", { name: node.name })} onClick={() => setExpanded((e) => !e)} className="w-4 text-xs text-slate-500">
            {expanded ? "▾" : "▸"}
          </button>
        ) : (
          <span className="w-4" />
        )}
        <Link href={`/departments?dept=${node.deptId}`} className={`flex-1 rounded px-1.5 py-1 text-sm hover:bg-slate-100 ${node.deptId === current ? "bg-brand-50 font-medium text-brand-700" : ""}`}>
          {node.name}
        </Link>
        <span className="text-xs tabular-nums text-slate-400" data-testid="tree-headcount">
          {node.headcount}
        </span>
      </div>
      {expanded ? (
        <div className="pl-4">
          <Level parent={node.deptId} current={current} open={open} />
        </div>
      ) : null}
    </li>
  );
}

/** The synced department tree, loaded one level at a time, opened along the current department's path. */
export function DepartmentTree({ current, openPath }: { current: number; openPath: number[] }) {
  return (
    <div data-testid="department-tree">
      <Level parent={null} current={current} open={new Set(openPath)} />
    </div>
  );
}
