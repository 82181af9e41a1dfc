/**
 * Async iterators over DingTalk's three paging styles, after Octokit's `paginate.iterator`:
 * each yields one page's items at a time and asks for the next page only when the caller wants it.
 */

export interface CursorPage<T> {
  items: T[];
  hasMore: boolean;
  nextCursor?: number | null;
}

export interface OffsetPage<T> {
  items: T[];
  hasMore: boolean;
}

/** `K` is the token's type on the wire, so that callers pass it back without converting. */
export interface TokenPage<T, K extends string | number = string | number> {
  items: T[];
  nextToken?: K | null;
}

/** Thrown when DingTalk says there is more but gives no way forward; looping would never end. */
export class PaginationStalledError extends Error {
  readonly code = "PAGINATION_STALLED";
  constructor(what: string) {
    super(`DingTalk paging did not advance (${what}); stopped to avoid looping forever`);
    this.name = "PaginationStalledError";
  }
}

/** `cursor` / `next_cursor` / `has_more` (oapi user lists). */
export async function* cursorPages<T>(fetchPage: (cursor: number) => Promise<CursorPage<T>>, start = 0): AsyncGenerator<T[], void, undefined> {
  let cursor = start;
  const seen = new Set<number>([cursor]);
  for (;;) {
    const page = await fetchPage(cursor);
    yield page.items;
    if (!page.hasMore) return;
    const next = page.nextCursor;
    if (next === undefined || next === null || seen.has(next)) throw new PaginationStalledError(`cursor ${cursor} → ${String(next)}`);
    seen.add(next);
    cursor = next;
  }
}

/** `offset` / `size` / `hasMore` (search, attendance). A bad size is refused at once, not at the first page. */
export function offsetPages<T>(fetchPage: (offset: number, size: number) => Promise<OffsetPage<T>>, size: number, start = 0): AsyncGenerator<T[], void, undefined> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`page size must be a whole number of at least 1, got ${size}`);
  return offsetPagesFrom(fetchPage, size, start);
}

async function* offsetPagesFrom<T>(fetchPage: (offset: number, size: number) => Promise<OffsetPage<T>>, size: number, start: number): AsyncGenerator<T[], void, undefined> {
  let offset = start;
  for (;;) {
    const page = await fetchPage(offset, size);
    yield page.items;
    if (!page.hasMore) return;
    if (page.items.length === 0) throw new PaginationStalledError(`empty page at offset ${offset} with hasMore`);
    offset += page.items.length;
  }
}

/** `nextToken` / `maxResults` (the new host's lists); the last page has no token. */
export async function* nextTokenPages<T, K extends string | number = string | number>(
  fetchPage: (nextToken: K | undefined, maxResults: number) => Promise<TokenPage<T, K>>,
  maxResults: number,
): AsyncGenerator<T[], void, undefined> {
  let token: K | undefined;
  const seen = new Set<K>();
  for (;;) {
    const page = await fetchPage(token, maxResults);
    yield page.items;
    const next = page.nextToken;
    if (next === undefined || next === null || next === "") return;
    if (seen.has(next)) throw new PaginationStalledError(`nextToken ${String(next)} repeated`);
    seen.add(next);
    token = next;
  }
}

/** Items one at a time from an iterator of pages. */
export async function* eachItem<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page;
}

/** Everything an async iterable yields, as an array (Octokit's `paginate`). */
export async function collect<T>(items: AsyncIterable<T>, limit = Number.POSITIVE_INFINITY): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) {
    out.push(item);
    if (out.length >= limit) break;
  }
  return out;
}
