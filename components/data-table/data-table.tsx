import { createTable, flexRender, getCoreRowModel, type ColumnDef } from "@tanstack/react-table";
import Link from "next/link";
import type { ReactNode } from "react";
import type { ColumnChoice } from "./column-chooser";
import { nextSort, toggleHidden, type SortDir, type TableState } from "./table-state";

// The console's one table: rendered on the server (no JavaScript for the rows), paged, sorted
// and filtered by the database, with the state in the URL. @tanstack/react-table keeps the
// column model (order, visibility, sort) and renders through flexRender; the page supplies rows.

export interface DataColumn<T, S extends string = string> {
  /** The column's id; also its name in the URL when hidden. */
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** The server's sort field for this column, when the column can be sorted. */
  sortField?: S;
  /** The direction a first click sorts in (dates read best newest first). */
  sortFirst?: SortDir;
  align?: "right";
  /** Classes for the column's cells. */
  className?: string;
  /** A test id on each of the column's cells. */
  testId?: string;
  /** false: always shown, not offered in the column choice (the column naming the row). */
  hideable?: boolean;
}

export interface DataTableProps<T, S extends string> {
  columns: readonly DataColumn<T, S>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Attributes for a row (data-*), for tests and styling. */
  rowAttributes?: (row: T) => Record<`data-${string}`, string | undefined>;
  /** The list's sort and hidden columns (absent: a list the server neither sorts nor lets trim). */
  state?: TableState<S>;
  /** The URL of this list with part of its state changed; needed for sortable columns. */
  href?: (change: Partial<TableState<S>>) => string;
  testId?: string;
  /** What to say when there are no rows. */
  empty: ReactNode;
  /** A last row below the rows (totals), drawn by the same columns. */
  footer?: T;
}

export function DataTable<T, S extends string>({ columns, rows, rowKey, rowAttributes, state, href, testId, empty, footer }: DataTableProps<T, S>) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  const defs: ColumnDef<T>[] = columns.map((c) => ({
    id: c.id,
    header: () => (state && href ? sortableHeader(c, state, href) : c.header),
    cell: ({ row }) => c.cell(row.original),
    enableHiding: c.hideable !== false,
  }));
  const byId = new Map(columns.map((c) => [c.id, c]));
  const columnOf = (id: string) => byId.get(id)!;
  const table = createTable<T>({
    data: [...rows],
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => rowKey(row),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    state: {},
    onStateChange: () => {},
    renderFallbackValue: null,
  });
  table.setOptions((prev) => ({
    ...prev,
    state: {
      ...table.initialState,
      columnVisibility: Object.fromEntries((state?.hide ?? []).map((id) => [id, false])),
      sorting: state ? [{ id: columns.find((c) => c.sortField === state.sort)?.id ?? state.sort, desc: state.dir === "desc" }] : [],
    },
  }));

  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <thead className="text-left text-xs text-slate-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header, i) => {
                const c = columnOf(header.column.id);
                const sorted = state !== undefined && c.sortField !== undefined && c.sortField === state.sort;
                return (
                  <th
                    key={header.id}
                    data-column={c.id}
                    aria-sort={sorted ? (state.dir === "asc" ? "ascending" : "descending") : undefined}
                    className={`py-2 font-medium${i === group.headers.length - 1 ? "" : " pr-3"}${c.align === "right" ? " text-right" : ""}`}
                  >
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className="border-t border-slate-100 align-top" {...rowAttributes?.(row.original)}>
              {row.getVisibleCells().map((cell, i, cells) => {
                const c = columnOf(cell.column.id);
                return (
                  <td key={cell.id} data-testid={c.testId} className={`py-2${i === cells.length - 1 ? "" : " pr-3"}${c.align === "right" ? " text-right tabular-nums" : ""} ${c.className ?? ""}`}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
        {footer !== undefined ? (
          <tfoot>
            <tr className="border-t-2 border-slate-200 align-top font-medium" data-testid={testId ? `${testId}-footer` : undefined}>
              {table.getVisibleLeafColumns().map((column, i, visible) => {
                const c = columnOf(column.id);
                return (
                  <td key={c.id} data-testid={c.testId} className={`py-2${i === visible.length - 1 ? "" : " pr-3"}${c.align === "right" ? " text-right tabular-nums" : ""} ${c.className ?? ""}`}>
                    {c.cell(footer)}
                  </td>
                );
              })}
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function sortableHeader<T, S extends string>(c: DataColumn<T, S>, state: TableState<S>, href: (change: Partial<TableState<S>>) => string): ReactNode {
  if (c.sortField === undefined) return c.header;
  const active = state.sort === c.sortField;
  return (
    <Link href={href({ ...nextSort(state, c.sortField, c.sortFirst), page: 1 })} className={`hover:text-slate-900 ${active ? "text-slate-900" : ""}`} data-sort={c.sortField}>
      {c.header}
      {active ? (state.dir === "asc" ? " ↑" : " ↓") : ""}
    </Link>
  );
}

/** The column menu's entries for a table: every hideable column, with the link that switches it. */
export function columnChoices<T, S extends string>(columns: readonly DataColumn<T, S>[], state: TableState<S>, href: (change: Partial<TableState<S>>) => string): ColumnChoice[] {
  return columns
    .filter((c) => c.hideable !== false)
    .map((c) => ({ id: c.id, label: c.header, visible: !state.hide.includes(c.id), href: href({ hide: toggleHidden(state.hide, c.id) }) }));
}
