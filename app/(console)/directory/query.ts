import { z } from "zod";
import { DIRECTORY_SORT_FIELDS, type DirectorySearchInput } from "@/lib/directory/search/input";
import { queryHref } from "@/lib/query-href";

// The directory page's URL is its state, shared by the page and its exports.

const tri = z
  .enum(["1", "0", ""])
  .optional()
  .catch(undefined)
  .transform((v) => (v === "1" ? true : v === "0" ? false : undefined));

const querySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  dept: z.coerce.number().int().positive().optional().catch(undefined),
  sub: z.enum(["1", "0"]).catch("1").default("1"),
  active: tri,
  admin: tri,
  manager: tri,
  sort: z.enum(DIRECTORY_SORT_FIELDS).catch("name").default("name"),
  dir: z.enum(["asc", "desc"]).catch("asc").default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type DirectoryQuery = z.infer<typeof querySchema>;

export function parseDirectoryQuery(params: Record<string, string | string[] | undefined>): DirectoryQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return querySchema.parse(flat);
}

export const PAGE_SIZE = 50;

export function toSearchInput(q: DirectoryQuery, page = q.page, pageSize = PAGE_SIZE): DirectorySearchInput {
  return {
    q: q.q ?? "",
    deptId: q.dept,
    includeSubDepts: q.sub === "1",
    active: q.active,
    admin: q.admin,
    manager: q.manager,
    sort: q.sort,
    dir: q.dir,
    page,
    pageSize,
  };
}

const asParam = (v: boolean | undefined) => (v === undefined ? undefined : v ? "1" : "0");

export function directoryHref(q: DirectoryQuery, change: Partial<DirectoryQuery>, base = "/directory"): string {
  const merged = { ...q, ...change };
  const state = { ...merged, active: asParam(merged.active), admin: asParam(merged.admin), manager: asParam(merged.manager) };
  return queryHref(base, state, {}, { sub: "1", sort: "name", dir: "asc", page: 1 });
}
