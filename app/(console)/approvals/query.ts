import { z } from "zod";
import { tableParams } from "@/components/data-table/table-state";
import { INSTANCE_RESULTS, INSTANCE_STATUSES, LIST_PAGE_SIZE, LIST_SORT_FIELDS, type ApprovalFilter, type ApprovalListInput } from "@/lib/approvals/queries";
import { cleanText, param, urlState, type UrlParam, type UrlStateOf } from "@/lib/url-state";

// The approvals pages' URL is their state: the tracking page and the list read the same filter
// parameters (a filter set on one carries over to the other), the list adds its table's.

/** The list's columns, by id (the URL names hidden ones). */
export const APPROVAL_COLUMNS = ["title", "template", "originator", "department", "status", "approvers", "createTime", "finishTime"] as const;

/** Template codes joined by commas; unknown shapes dropped, at most 50. */
function templatesParam(): UrlParam<string[]> {
  return {
    schema: () =>
      z
        .string()
        .optional()
        .transform((raw) => {
          if (!raw) return [] as string[];
          const codes = raw.split(",").map(cleanText).filter((c) => /^[\w-]{1,80}$/.test(c));
          return [...new Set(codes)].slice(0, 50);
        }),
    format: (codes) => (codes.length > 0 ? codes.join(",") : undefined),
  };
}

const filterParams = {
  tpl: templatesParam(),
  status: param.oneOf(INSTANCE_STATUSES),
  result: param.oneOf(INSTANCE_RESULTS),
  /** The originator's userId. */
  by: param.text({ max: 64 }),
  dept: param.id(),
  sub: param.oneOf(["1", "0"], "1"),
  /** A current approver's userId. */
  approver: param.text({ max: 64 }),
  from: param.day(),
  to: param.day(),
  overdue: param.flag(),
  q: param.text({ max: 100 }),
};

export const trackingState = urlState(filterParams);
export type TrackingQuery = UrlStateOf<typeof trackingState.shape>;

export const approvalsListState = urlState({
  ...filterParams,
  ...tableParams({ sortFields: LIST_SORT_FIELDS, sort: "createTime", dir: "desc", columns: APPROVAL_COLUMNS }),
});
export type ApprovalsListQuery = UrlStateOf<typeof approvalsListState.shape>;

/** The filter a page's URL asks for. */
export function toFilter(q: TrackingQuery): ApprovalFilter {
  return {
    processCodes: q.tpl,
    status: q.status,
    result: q.result,
    originatorUserId: q.by,
    deptId: q.dept,
    includeSubDepts: q.sub === "1",
    approverUserId: q.approver,
    from: q.from,
    to: q.to,
    overdue: q.overdue,
    q: q.q,
  };
}

export function toListInput(q: ApprovalsListQuery, page = q.page, pageSize = LIST_PAGE_SIZE): ApprovalListInput {
  return { ...toFilter(q), sort: q.sort, dir: q.dir, page, pageSize };
}

/** The filter part of a state, to carry it between the tracking page and the list. */
export function filterOf(q: TrackingQuery): TrackingQuery {
  return Object.fromEntries(Object.keys(filterParams).map((k) => [k, q[k as keyof TrackingQuery]])) as TrackingQuery;
}

export const trackingHref = (q: TrackingQuery, change: Partial<TrackingQuery> = {}) => trackingState.href("/approvals", q, change);
export function listHref(q: TrackingQuery | ApprovalsListQuery, change: Partial<ApprovalsListQuery> = {}, base = "/approvals/list"): string {
  const full = approvalsListState.parse({});
  return approvalsListState.href(base, { ...full, ...q } as ApprovalsListQuery, change);
}
