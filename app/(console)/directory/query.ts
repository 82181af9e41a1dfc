import { tableParams } from "@/components/data-table/table-state";
import { DIRECTORY_SORT_FIELDS, type DirectorySearchInput } from "@/lib/directory/search/input";
import { param, urlState, type UrlStateOf } from "@/lib/url-state";

// The directory page's URL is its state, shared by the page and its exports.

/** The directory table's columns, by id (the URL names hidden ones). */
export const DIRECTORY_COLUMNS = ["name", "departments", "title", "mobile", "jobNumber", "hiredAt", "status"] as const;

export const directoryState = urlState({
  q: param.text({ max: 100 }),
  dept: param.id(),
  sub: param.oneOf(["1", "0"], "1"),
  active: param.flag(),
  admin: param.flag(),
  manager: param.flag(),
  ...tableParams({ sortFields: DIRECTORY_SORT_FIELDS, sort: "name", dir: "asc", columns: DIRECTORY_COLUMNS }),
});

export type DirectoryQuery = UrlStateOf<typeof directoryState.shape>;

export const PAGE_SIZE = 50;

/**
 * The search the URL asks for. `matchContacts`: whether the search may match mobiles and emails,
 * only for someone allowed to read them (otherwise a search would unmask them).
 */
export function toSearchInput(q: DirectoryQuery, options: { matchContacts: boolean; page?: number; pageSize?: number }): DirectorySearchInput {
  return {
    q: q.q ?? "",
    deptId: q.dept,
    includeSubDepts: q.sub === "1",
    active: q.active,
    admin: q.admin,
    manager: q.manager,
    sort: q.sort,
    dir: q.dir,
    page: options.page ?? q.page,
    pageSize: options.pageSize ?? PAGE_SIZE,
    matchContacts: options.matchContacts,
  };
}

export function directoryHref(q: DirectoryQuery, change: Partial<DirectoryQuery>, base = "/directory"): string {
  return directoryState.href(base, q, change);
}
