import { linear, ticks } from "./scale";

export interface Bar {
  label: string;
  value: number;
  href?: string;
}

const ROW = 26;
const LABEL = 140;
const WIDTH = 640;

/** Horizontal bars, one per row, server-rendered SVG; values people compare at a glance. */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const max = Math.max(...bars.map((b) => b.value), 0);
  const plot = WIDTH - LABEL - 60;
  const x = linear(max, plot);
  const height = bars.length * ROW + 24;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} className="w-full" role="img" aria-label={title} data-testid="bar-chart">
      <title>{title}</title>
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={LABEL + x(t)} x2={LABEL + x(t)} y1={0} y2={bars.length * ROW} className="stroke-slate-100" />
          <text x={LABEL + x(t)} y={height - 6} textAnchor="middle" className="fill-slate-400 text-[10px]">
            {t}
          </text>
        </g>
      ))}
      {/* Sibling departments may share a name, so rows are keyed by position too. */}
      {bars.map((b, i) => {
        const bar = (
          <g data-bar={b.label}>
            <text x={LABEL - 8} y={i * ROW + 17} textAnchor="end" className="fill-slate-600 text-[12px]">
              {b.label.length > 10 ? `${b.label.slice(0, 10)}…` : b.label}
            </text>
            <rect x={LABEL} y={i * ROW + 5} width={Math.max(x(b.value), 1)} height={ROW - 10} rx={3} className="fill-brand-500" />
            <text x={LABEL + x(b.value) + 6} y={i * ROW + 17} className="fill-slate-700 text-[11px] tabular-nums">
              {b.value}
            </text>
          </g>
        );
        return b.href ? (
          <a key={`${i}:${b.label}`} href={b.href}>
            {bar}
          </a>
        ) : (
          <g key={`${i}:${b.label}`}>{bar}</g>
        );
      })}
    </svg>
  );
}
