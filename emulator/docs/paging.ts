import { docsErrors } from "./errors";

/**
 * `maxResults` / `nextToken` paging. The token is opaque to callers; here it carries the offset of
 * the next item, and a token that does not decode is refused as DingTalk refuses a stale one.
 */
export function tokenPage<T>(items: readonly T[], maxResults: number, nextToken: string | undefined): { items: T[]; nextToken?: string } {
  const start = nextToken ? decode(nextToken) : 0;
  const end = start + maxResults;
  return { items: items.slice(start, end), ...(end < items.length ? { nextToken: encode(end) } : {}) };
}

const encode = (offset: number) => Buffer.from(`o:${offset}`).toString("base64url");

function decode(token: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (!match) throw docsErrors.invalid("nextToken 无效或已过期");
  return Number(match[1]);
}
