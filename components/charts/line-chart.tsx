import { linear, ticks } from "./scale";

export interface Point {
  label: string;
  value: number;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 44, right: 16, top: 12, bottom: 28 };

/** A line over time (one point per day), server-rendered SVG. */
export function LineChart({ points, title }: { points: Point[]; title: string }) {
  const max = Math.max(...points.map((p) => p.value), 0);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = linear(max, plotH);
  const xAt = (i: number) => PAD.left + (points.length <= 1 ? plotW / 2 : (i / (points.length - 1)) * plotW);
  const yAt = (v: number) => PAD.top + plotH - y(v);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${xAt(i).toFixed(1)},${yAt(p.value).toFixed(1)}`).join(" ");
  const every = Math.max(1, Math.ceil(points.length / 8));
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="w-full" role="img" aria-label={title} data-testid="line-chart">
      <title>{title}</title>
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yAt(t)} y2={yAt(t)} className="stroke-slate-100" />
          <text x={PAD.left - 6} y={yAt(t) + 3} textAnchor="end" className="fill-slate-400 text-[10px]">
            {t}
          </text>
        </g>
      ))}
      <path d={path} fill="none" className="stroke-brand-500" strokeWidth={2} />
      {points.map((p, i) => (
        <g key={p.label} data-point={p.label}>
          <circle cx={xAt(i)} cy={yAt(p.value)} r={3} className="fill-brand-600">
            <title>{`${p.label}: ${p.value}`}</title>
          </circle>
          {i % every === 0 ? (
            <text x={xAt(i)} y={HEIGHT - 8} textAnchor="middle" className="fill-slate-400 text-[10px]">
              {p.label.slice(5)}
            </text>
          ) : null}
        </g>
      ))}
    </svg>
  );
}
