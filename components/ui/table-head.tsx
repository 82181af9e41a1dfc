import type { ReactNode } from "react";

/** A column heading: its label, or the label and an alignment (numbers read best on the right). */
export type Column = ReactNode | { label: ReactNode; align: "right" };

const isAligned = (c: Column): c is { label: ReactNode; align: "right" } => typeof c === "object" && c !== null && "align" in c;

/** The heading row every table of the console shares. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead className="text-left text-xs text-slate-500">
      <tr>
        {columns.map((column, i) => {
          const last = i === columns.length - 1;
          const aligned = isAligned(column);
          return (
            <th key={i} className={`py-2 font-medium${last ? "" : " pr-3"}${aligned ? " text-right" : ""}`}>
              {aligned ? column.label : column}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
