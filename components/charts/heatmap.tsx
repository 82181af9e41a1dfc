export interface HeatCell {
  /** A fill class (fill-emerald-400 …); the page decides what each value looks like. */
  fill: string;
  /** What the cell means, shown on hover and read by screen readers. */
  title: string;
  /** For tests and styling: the cell's value. */
  value: string;
}

export interface HeatRow {
  label: string;
  href?: string;
  cells: HeatCell[];
}

const CELL = 16;
const GAP = 2;
const LABEL = 120;
const HEAD = 28;

/** Rows by columns of coloured cells (people or departments by day), server-rendered SVG. */
export function Heatmap({ rows, columns, title, testId = "heatmap" }: { rows: HeatRow[]; columns: string[]; title: string; testId?: string }) {
  const width = LABEL + columns.length * (CELL + GAP);
  const height = HEAD + rows.length * (CELL + GAP);
  return (
    <svg viewBox={`0 0 ${width} ${height}`} className="w-full" style={{ maxWidth: width * 1.6 }} role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      {columns.map((c, i) => (
        <text key={c} x={LABEL + i * (CELL + GAP) + CELL / 2} y={HEAD - 8} textAnchor="middle" className="fill-slate-400 text-[9px] tabular-nums">
          {c}
        </text>
      ))}
      {/* Two people may share a name, so rows are keyed by position too. */}
      {rows.map((r, y) => {
        const label = (
          <text x={LABEL - 6} y={HEAD + y * (CELL + GAP) + CELL - 4} textAnchor="end" className="fill-slate-600 text-[11px]">
            {r.label.length > 9 ? `${r.label.slice(0, 9)}…` : r.label}
          </text>
        );
        return (
          <g key={`${y}:${r.label}`} data-row={r.label}>
            {r.href ? <a href={r.href}>{label}</a> : label}
            {r.cells.map((cell, x) => (
              <rect key={x} x={LABEL + x * (CELL + GAP)} y={HEAD + y * (CELL + GAP)} width={CELL} height={CELL} rx={2} className={cell.fill} data-value={cell.value}>
                <title>{cell.title}</title>
              </rect>
            ))}
          </g>
        );
      })}
    </svg>
  );
}
