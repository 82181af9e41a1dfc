import { z } from "zod";
import { fromShanghaiInput } from "@/lib/i18n/format";
import { queryHref } from "@/lib/query-href";

// The audit page's URL is its state: filters, sort and page, shared by the page and the CSV export.

export const SORT_FIELDS = ["at", "action", "actorId", "outcome", "durationMs"] as const;
export type SortField = (typeof SORT_FIELDS)[number];

const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => (v ? v : undefined));

const querySchema = z.object({
  actor: text,
  action: text,
  target: text,
  outcome: z.enum(["ok", "error", "unknown"]).optional().catch(undefined),
  from: text,
  to: text,
  sort: z.enum(SORT_FIELDS).catch("at").default("at"),
  dir: z.enum(["asc", "desc"]).catch("desc").default("desc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type AuditQuery = z.infer<typeof querySchema>;

export function parseAuditQuery(params: Record<string, string | string[] | undefined>): AuditQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return querySchema.parse(flat);
}

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
  return queryHref(base, q, change, { sort: "at", dir: "desc", page: 1 });
}
