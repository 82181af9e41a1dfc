// Which message keys code refers to, found by reading the code (no list to keep in step): a key is used
// when its full dotted path appears as a string, or its tail appears in a file that asks for its
// namespace (useTranslations("bot") + "title"), or it starts with a template prefix (`bot.kind.${k}`,
// also under a namespace) or a declared prefix (a comment `i18n-keys: audit.action.*`).

type Messages = { [key: string]: string | Messages };

/** { a: { b: "x" } } → { "a.b": "x" } */
export function flattenMessages(messages: Messages, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(messages)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out[full] = value;
    else Object.assign(out, flattenMessages(value, full));
  }
  return out;
}

export type KeyUsage = { literals: Set<string>; prefixes: Set<string> };

const NAMESPACE = /(?:useTranslations|getTranslations)\(\s*(?:\{[^}]*?namespace:\s*)?["'`]([\w.-]+)["'`]/g;
// A quoted key-like token ("bot.title", 'title', `title`) and a template's key-like head (`kind.${…}`).
const QUOTED_KEY = /(["'`])([A-Za-z][\w-]*(?:\.[\w-]+)*)\1/g;
const TEMPLATE_PREFIX = /`([A-Za-z][\w-]*(?:\.[\w-]+)*\.)\$\{/g;
const DECLARED = /i18n-keys:\s*([\w.\s,*-]+)/g;

export function keysUsedIn(source: string): KeyUsage {
  const namespaces = [...source.matchAll(NAMESPACE)].map((m) => m[1]);
  const literals = new Set<string>();
  const prefixes = new Set<string>();
  const under = (tail: string) => [tail, ...namespaces.map((ns) => `${ns}.${tail}`)];
  for (const m of source.matchAll(QUOTED_KEY)) for (const k of under(m[2])) literals.add(k);
  for (const m of source.matchAll(TEMPLATE_PREFIX)) for (const p of under(m[1])) prefixes.add(p);
  for (const m of source.matchAll(DECLARED))
    for (const item of m[1].split(/[\s,]+/)) if (/^[\w.-]+\.\*$/.test(item)) prefixes.add(item.slice(0, -1));
  return { literals, prefixes };
}

export function findUnusedKeys(keys: readonly string[], usage: readonly KeyUsage[]): string[] {
  return keys.filter((key) => !usage.some((u) => u.literals.has(key) || [...u.prefixes].some((p) => key.startsWith(p)))).sort();
}
