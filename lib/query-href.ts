/**
 * A link that keeps a page's URL state (filters, sort, page) with some values changed; empty
 * values and values equal to their default are left out so that links stay short.
 */
export function queryHref<T extends Record<string, unknown>>(base: string, state: T, change: Partial<T>, defaults: Partial<T>): string {
  const merged: Record<string, unknown> = { ...state, ...change };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === null || v === "") continue;
    if (k in defaults && defaults[k as keyof T] === v) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${base}?${s}` : base;
}
