import { audited, type AuditContext } from "@/lib/audit";
import { withCallArea } from "@/lib/dingtalk/meter";
import { startBackfill, type BackfillOptions, type BackfillStart } from "./backfill";
import type { ApprovalSyncDeps } from "./deps";

/**
 * Starts (or resumes) the approvals backfill for an admin or the schedule, audited as
 * `approvals.backfill` when the run ends, with every call it made; its calls count as
 * "approvals.backfill".
 */
export function requestBackfill(
  deps: ApprovalSyncDeps,
  ctx: AuditContext,
  options: Omit<BackfillOptions, "startedBy">,
  /** The estimate shown before it started. */
  estimatedCalls?: number,
): Promise<BackfillStart> {
  let runId: string | undefined;
  return withCallArea("approvals.backfill", () =>
    audited(
      deps.db,
      ctx,
      "approvals.backfill",
      { type: "approvals", id: "backfill" },
      { daysBack: options.daysBack ?? 365, ...(estimatedCalls !== undefined ? { estimatedCalls } : {}) },
      async () => {
        const start = await startBackfill(deps, { ...options, startedBy: ctx.actor.userId });
        runId = start.started ? start.runId : undefined;
        return start;
      },
      { requestIdOf: () => runId, settledBy: (start) => (start.started ? start.finished : undefined) },
    ),
  );
}
