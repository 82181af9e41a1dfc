"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronDown, ChevronRight } from "lucide-react";
import { useTranslations } from "next-intl";
import { Popover } from "radix-ui";
import { useState, type KeyboardEvent } from "react";
import { CONTROL_CLASS } from "@/components/forms/field";
import type { TreeNode } from "@/lib/directory/queries";
import { departmentChildrenQuery } from "./department-children";

// The synced department tree in a popover, one level fetched as it is opened (the same route and
// cache the departments page's tree uses), and a checkbox for the departments below the chosen
// ones. One department, or with `multiple` several: each click adds or removes one, the popover
// stays open, and the form gets a field of the same name per department.

export interface PickedDepartment {
  deptId: number;
  name: string;
}

export interface DepartmentPickerProps {
  /** The form field of the chosen department's id (empty: none chosen); with `multiple`, one per department. */
  name: string;
  multiple?: boolean;
  /** The form field of "with sub-departments" ("1" or "0"); absent: no checkbox. */
  subName?: string;
  initial?: PickedDepartment | readonly PickedDepartment[];
  initialSub?: boolean;
  id?: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/** Moves focus among the tree's visible items: down, up, or to the item's parent. */
function focusItem(from: HTMLElement, where: "next" | "prev" | "parent") {
  if (where === "parent") {
    from.parentElement?.closest<HTMLElement>("[role=treeitem]")?.focus();
    return;
  }
  const tree = from.closest("[role=tree]");
  const items = Array.from(tree?.querySelectorAll<HTMLElement>("[role=treeitem]") ?? []).filter((el) => el.offsetParent !== null);
  const i = items.indexOf(from);
  items[where === "next" ? i + 1 : i - 1]?.focus();
}

type Chosen = ReadonlySet<number>;

function Level({ parent, level, chosen, onChoose }: { parent: number | null; level: number; chosen: Chosen; onChoose: (d: PickedDepartment) => void }) {
  const t = useTranslations("pickers");
  const { data, isError } = useQuery(departmentChildrenQuery(parent));
  if (isError) return <p className="px-2 text-xs text-red-600">{t("treeFailed")}</p>;
  if (!data) return <p className="px-2 text-xs text-slate-400">{t("searching")}</p>;
  return (
    <ul role={parent === null ? undefined : "group"} className="flex flex-col">
      {data.map((node, i) => (
        <Node key={node.deptId} node={node} level={level} chosen={chosen} onChoose={onChoose} first={parent === null && i === 0} />
      ))}
    </ul>
  );
}

function Node({ node, level, chosen, onChoose, first }: { node: TreeNode; level: number; chosen: Chosen; onChoose: (d: PickedDepartment) => void; first: boolean }) {
  // The root starts open: the org's top level is what people look for first.
  const [expanded, setExpanded] = useState(level === 1 && node.hasChildren);
  const selected = chosen.has(node.deptId);
  const choose = () => onChoose({ deptId: node.deptId, name: node.name });
  const onKeyDown = (e: KeyboardEvent<HTMLLIElement>) => {
    if (e.target !== e.currentTarget) return;
    const el = e.currentTarget;
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusItem(el, "next"),
      ArrowUp: () => focusItem(el, "prev"),
      ArrowRight: () => (node.hasChildren && !expanded ? setExpanded(true) : focusItem(el, "next")),
      ArrowLeft: () => (expanded ? setExpanded(false) : focusItem(el, "parent")),
      Enter: choose,
      " ": choose,
    };
    const run = keys[e.key];
    if (run) {
      e.preventDefault();
      run();
    }
  };
  return (
    <li
      role="treeitem"
      aria-level={level}
      aria-expanded={node.hasChildren ? expanded : undefined}
      aria-selected={selected}
      tabIndex={selected || (chosen.size === 0 && first) ? 0 : -1}
      onKeyDown={onKeyDown}
      data-dept={node.deptId}
      className="outline-none [&:focus-visible>div]:ring-2 [&:focus-visible>div]:ring-brand-500"
    >
      <div className={`flex items-center gap-1 rounded px-1 py-1 ${selected ? "bg-brand-50 font-medium text-brand-700" : "hover:bg-slate-100"}`}>
        {node.hasChildren ? (
          <span aria-hidden onClick={() => setExpanded((x) => !x)} className="cursor-pointer text-slate-500" data-testid="tree-toggle">
            {expanded ? <ChevronDown className="size-3.5" /> : <ChevronRight className="size-3.5" />}
          </span>
        ) : (
          <span className="w-3.5" />
        )}
        <span onClick={choose} className="flex-1 cursor-pointer">
          {node.name}
        </span>
        <span className="text-xs tabular-nums text-slate-400">{node.headcount}</span>
      </div>
      {expanded ? (
        <div className="pl-4">
          <Level parent={node.deptId} level={level + 1} chosen={chosen} onChoose={onChoose} />
        </div>
      ) : null}
    </li>
  );
}

export function DepartmentPicker({ name, subName, multiple = false, initial, initialSub = true, id, ...aria }: DepartmentPickerProps) {
  const t = useTranslations("pickers");
  const [chosen, setChosen] = useState<readonly PickedDepartment[]>(initial === undefined ? [] : Array.isArray(initial) ? initial : [initial as PickedDepartment]);
  const [sub, setSub] = useState(initialSub);
  const [open, setOpen] = useState(false);
  const ids = new Set(chosen.map((d) => d.deptId));
  const choose = (d: PickedDepartment) => {
    if (!multiple) {
      setChosen([d]);
      setOpen(false);
      return;
    }
    setChosen((now) => (now.some((x) => x.deptId === d.deptId) ? now.filter((x) => x.deptId !== d.deptId) : [...now, d]));
  };
  return (
    <div className="flex flex-col gap-1" data-testid="department-picker">
      <Popover.Root open={open} onOpenChange={setOpen}>
        <div className="flex items-center gap-1">
          <Popover.Trigger id={id} className={`flex min-w-40 flex-1 items-center justify-between gap-2 text-left ${CONTROL_CLASS}`} {...aria} data-testid="department-picker-trigger">
            <span className={chosen.length > 0 ? "truncate text-slate-900" : "text-slate-400"}>
              {chosen.length === 0 ? t("anyDepartment") : multiple && chosen.length > 1 ? t("departmentsChosen", { count: chosen.length }) : chosen[0].name}
            </span>
            <ChevronDown aria-hidden className="size-3.5 shrink-0 text-slate-400" />
          </Popover.Trigger>
          {chosen.length > 0 && !multiple ? (
            <button type="button" onClick={() => setChosen([])} className="rounded px-1 text-xs text-slate-500 hover:bg-slate-100" aria-label={t("clearDepartment")}>
              ×
            </button>
          ) : null}
        </div>
        {multiple && chosen.length > 0 ? (
          <ul className="flex flex-wrap gap-1" data-testid="department-picker-chosen">
            {chosen.map((d) => (
              <li key={d.deptId} className="flex items-center gap-1 rounded bg-brand-50 px-2 py-0.5 text-xs text-brand-700">
                {d.name}
                <button type="button" onClick={() => choose(d)} className="text-slate-500 hover:text-slate-900" aria-label={t("removeDepartment", { name: d.name })}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <Popover.Portal>
          <Popover.Content align="start" sideOffset={4} className="z-50 max-h-80 w-72 overflow-auto rounded-md border border-slate-200 bg-white p-1 text-sm shadow-md">
            <div role="tree" aria-label={t("departments")} aria-multiselectable={multiple || undefined} data-testid="department-picker-tree">
              <Level parent={null} level={1} chosen={ids} onChoose={choose} />
            </div>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
      {chosen.length === 0 ? <input type="hidden" name={name} value="" /> : chosen.map((d) => <input key={d.deptId} type="hidden" name={name} value={d.deptId} />)}
      {subName ? (
        <label className="flex items-center gap-2 text-sm text-slate-600">
          <input type="checkbox" checked={sub} onChange={(e) => setSub(e.target.checked)} />
          {t("includeSub")}
          <input type="hidden" name={subName} value={sub ? "1" : "0"} />
        </label>
      ) : null}
    </div>
  );
}
