import { z } from "zod";
import { param, type UrlParam } from "@/lib/url-state";

// The part of a list page's URL that belongs to its table: which columns are hidden, and how
// a header click changes the sort. Pure, so pages, exports and tests read it the same way.

export type SortDir = "asc" | "desc";

export interface TableState<S extends string = string> {
  sort: S;
  dir: SortDir;
  page: number;
  /** Ids of the columns the person chose to hide. */
  hide: string[];
}

/**
 * The URL parameter for hidden columns (a param for `urlState`): ids joined by commas, unknown
 * ids dropped, each once, in the table's order. Lenient for routes too: a stale link's column
 * that no longer exists is nothing to refuse.
 */
export function hiddenColumnsParam(ids: readonly string[]): UrlParam<string[]> {
  return {
    schema: () =>
      z
        .string()
        .optional()
        .transform((raw) => {
          if (!raw || raw.length > 500) return [] as string[];
          const wanted = new Set(raw.split(","));
          return ids.filter((id) => wanted.has(id));
        }),
    format: (hide) => serializeHidden(hide),
  };
}

export const serializeHidden = (hide: readonly string[]): string | undefined => (hide.length > 0 ? hide.join(",") : undefined);

export function toggleHidden(hide: readonly string[], id: string): string[] {
  return hide.includes(id) ? hide.filter((h) => h !== id) : [...hide, id];
}

/** The sort a click on `field`'s header asks for: the other direction when it is the sort already. */
export function nextSort<S extends string>(state: Pick<TableState<S>, "sort" | "dir">, field: S, first: SortDir = "asc"): { sort: S; dir: SortDir } {
  if (state.sort === field) return { sort: field, dir: state.dir === "asc" ? "desc" : "asc" };
  return { sort: field, dir: first };
}

/** Pages for `total` rows (at least one, so that "page 1 of 1" reads right for none). */
export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/**
 * A table's own URL parameters, to spread into a page's `urlState`: its sort (one of the server's
 * sort fields), direction, page and hidden columns.
 */
export function tableParams<const V extends readonly [string, ...string[]]>(o: { sortFields: V; sort: V[number]; dir: SortDir; columns: readonly string[] }) {
  return {
    sort: param.oneOf(o.sortFields, o.sort),
    dir: param.oneOf(["asc", "desc"], o.dir),
    page: param.page(),
    /** Columns the person hid in the table (exports keep every column). */
    hide: hiddenColumnsParam(o.columns),
  };
}
