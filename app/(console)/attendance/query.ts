import { z } from "zod";
import { hiddenColumnsParam, type SortDir } from "@/components/data-table/table-state";
import { SUMMARY_KEYS, type SummaryKey } from "@/lib/attendance/views";
import { param, urlState, type UrlParam, type UrlStateOf } from "@/lib/url-state";

// The report page's URL is the report: its scope, range and how the table is sorted and
// filtered. The export routes and the scheduled notification's link read the same parameters.

/** A comma-separated list (departments, people); malformed items are dropped. */
function listParam<T>(item: z.ZodType<T>, max: number): UrlParam<T[]> {
  return {
    schema: () =>
      z
        .string()
        .optional()
        .transform((raw) => {
          const out: T[] = [];
          for (const part of (raw ?? "").split(",").slice(0, max)) {
            const parsed = item.safeParse(part.trim());
            if (parsed.success && !out.includes(parsed.data)) out.push(parsed.data);
          }
          return out;
        }),
    format: (list) => (list.length > 0 ? list.join(",") : undefined),
  };
}

export const SORT_FIELDS = ["name", ...SUMMARY_KEYS] as const satisfies readonly [string, ...string[]];
export const REPORT_COLUMNS = ["departments", ...SUMMARY_KEYS] as const;

export const reportState = urlState({
  depts: listParam(z.coerce.number().int().positive().max(2_147_483_647), 100),
  sub: param.oneOf(["1", "0"], "1"),
  users: listParam(z.string().regex(/^[\w.@-]{1,64}$/), 1000),
  group: param.text({ max: 20 }),
  from: param.day<undefined>({}),
  to: param.day<undefined>({}),
  /** The fetch job this page started, whose progress it shows. */
  job: param.text({ max: 40 }),
  sort: param.oneOf(SORT_FIELDS, "name"),
  dir: param.oneOf(["asc", "desc"], "asc" as SortDir),
  page: param.page(),
  hide: hiddenColumnsParam(REPORT_COLUMNS),
  /** Keep rows whose `f` is more than `gt` ("late more than 3 times"). */
  f: param.oneOf(SUMMARY_KEYS),
  gt: param.int({ min: 0, max: 10_000, fallback: 0 }),
  /** The heatmap's rows: people or departments. */
  heat: param.oneOf(["people", "departments"], "people"),
  /** The column the department bars show. */
  bars: param.oneOf(SUMMARY_KEYS, "lateCount" as SummaryKey),
});

export type ReportQueryState = UrlStateOf<typeof reportState.shape>;

export const hasScope = (q: ReportQueryState): boolean => (q.depts.length > 0 || q.users.length > 0) && q.from !== undefined && q.to !== undefined;

/** The report the URL names, as the library takes it. */
export const scopeOf = (q: ReportQueryState) => ({
  deptIds: q.depts,
  includeSub: q.sub === "1",
  userIds: q.users,
  ...(q.group ? { groupId: q.group } : {}),
});

export const reportHref = (q: ReportQueryState, change: Partial<ReportQueryState> = {}, base = "/attendance") => reportState.href(base, q, change);

export const PAGE_SIZE = 200;
