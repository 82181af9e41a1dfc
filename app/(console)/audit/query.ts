import { tableParams } from "@/components/data-table/table-state";
import { AUDIT_SORT_FIELDS } from "@/lib/audit";
import { fromShanghaiInput } from "@/lib/time";
import { param, urlState, type UrlStateOf } from "@/lib/url-state";

// The audit page's URL is its state: filters, sort and page, shared by the page and the CSV export.

/** The audit table's columns, by id (the URL names hidden ones). */
export const AUDIT_COLUMNS = ["at", "actor", "action", "target", "outcome", "duration", "calls", "requestId"] as const;

export const SORT_FIELDS = AUDIT_SORT_FIELDS;
export type SortField = (typeof SORT_FIELDS)[number];

const FILTER_MAX = 200;

export const auditState = urlState({
  actor: param.text({ max: FILTER_MAX }),
  action: param.text({ max: FILTER_MAX }),
  target: param.text({ max: FILTER_MAX }),
  outcome: param.oneOf(["ok", "error", "unknown"]),
  from: param.dateTime(),
  to: param.dateTime(),
  ...tableParams({ sortFields: SORT_FIELDS, sort: "at", dir: "desc", columns: AUDIT_COLUMNS }),
});

export type AuditQuery = UrlStateOf<typeof auditState.shape>;

export const PAGE_SIZE = 50;

export function auditFilters(q: AuditQuery) {
  return {
    actorId: q.actor,
    action: q.action,
    targetId: q.target,
    outcome: q.outcome,
    from: q.from ? (fromShanghaiInput(q.from) ?? undefined) : undefined,
    to: q.to ? (fromShanghaiInput(q.to) ?? undefined) : undefined,
  };
}

export function auditHref(q: AuditQuery, change: Partial<AuditQuery>, base = "/audit"): string {
  return auditState.href(base, q, change);
}
