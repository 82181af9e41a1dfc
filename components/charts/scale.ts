/** A round upper bound for an axis (1, 2, 2.5 or 5 times a power of ten) at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * power >= max)!;
  return step * power;
}

/** `count + 1` evenly spaced ticks from 0 to `niceMax(max)`, as whole numbers when they can be. */
export function ticks(max: number, count = 4): number[] {
  const top = niceMax(max);
  return Array.from({ length: count + 1 }, (_, i) => Math.round(((top * i) / count) * 100) / 100);
}

/** Maps a value in [0, domainMax] onto [0, length]. */
export function linear(domainMax: number, length: number): (v: number) => number {
  const top = niceMax(domainMax);
  return (v) => (Math.max(0, Math.min(v, top)) / top) * length;
}
