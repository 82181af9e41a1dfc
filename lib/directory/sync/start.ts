import { audited, type AuditContext } from "@/lib/audit";
import type { DirectorySyncDeps } from "./deps";
import { startFullSync, type FullSyncOptions, type FullSyncStart } from "./full-sync";
import { reconcileDirectory, type ReconcileOptions, type ReconcileOutcome } from "./reconcile";

export type SyncTrigger = "admin" | "schedule";

/**
 * Starts (or resumes) a full sync for an admin or the schedule, audited as `directory.sync`. The
 * audit entry records the start (the run id, or that another run is busy); the run's own row
 * records how it went.
 */
export async function requestFullSync(
  deps: DirectorySyncDeps,
  ctx: AuditContext,
  trigger: SyncTrigger,
  options: Omit<FullSyncOptions, "startedBy"> = {},
): Promise<FullSyncStart> {
  let runId: string | undefined;
  return audited(
    deps.db,
    ctx,
    "directory.sync",
    { type: "directory", id: "full" },
    { trigger },
    async () => {
      const start = await startFullSync(deps, { ...options, startedBy: ctx.actor.userId });
      runId = start.runId;
      return start;
    },
    { requestIdOf: () => runId },
  );
}

/** A reconcile for an admin or the schedule, audited as `directory.reconcile`; null when another directory job runs. */
export function requestReconcile(
  deps: DirectorySyncDeps,
  ctx: AuditContext,
  trigger: SyncTrigger,
  options: Omit<ReconcileOptions, "startedBy"> = {},
): Promise<ReconcileOutcome | null> {
  return audited(deps.db, ctx, "directory.reconcile", { type: "directory", id: "reconcile" }, { trigger }, () =>
    reconcileDirectory(deps, { ...options, startedBy: ctx.actor.userId }),
  );
}
