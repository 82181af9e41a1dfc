/** A document's content as DingTalk holds it now, from the content route. */
export interface CurrentContent {
  name: string;
  markdown: string;
  hash: string;
  unknownBlocks: number;
}

/** Asks the console (never DingTalk from the browser) for a document's current content. */
export async function fetchContent(nodeId: string): Promise<{ ok: true; content: CurrentContent } | { ok: false; error: string }> {
  const r = await fetch(`/docs/content?node=${encodeURIComponent(nodeId)}`, { cache: "no-store" });
  const body = (await r.json().catch(() => ({}))) as Partial<CurrentContent> & { error?: string };
  if (!r.ok) return { ok: false, error: body.error ?? String(r.status) };
  return { ok: true, content: body as CurrentContent };
}
