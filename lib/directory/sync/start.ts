import { audited, type AuditContext } from "@/lib/audit";
import { withCallArea } from "@/lib/dingtalk/meter";
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
  /** The estimate shown before it started, kept in the audit entry next to the calls it made. */
  estimatedCalls?: number,
): Promise<FullSyncStart> {
  let runId: string | undefined;
  return withCallArea(trigger === "admin" ? "directory.sync" : "directory.sync.schedule", () =>
    audited(
      deps.db,
      ctx,
      "directory.sync",
      { type: "directory", id: "full" },
      { trigger, ...(estimatedCalls !== undefined ? { estimatedCalls } : {}) },
      async () => {
        const start = await startFullSync(deps, { ...options, startedBy: ctx.actor.userId });
        runId = start.runId;
        return start;
      },
      // Written when the run ends, with every call it made.
      { requestIdOf: () => runId, settledBy: (start) => (start.started ? start.finished : undefined) },
    ),
  );
}

/** A reconcile for an admin or the schedule, audited as `directory.reconcile`; null when another directory job runs. */
export function requestReconcile(
  deps: DirectorySyncDeps,
  ctx: AuditContext,
  trigger: SyncTrigger,
  options: Omit<ReconcileOptions, "startedBy"> = {},
): Promise<ReconcileOutcome | null> {
  const scope = options.departments ? { departments: options.departments.length } : { departments: "all" };
  return withCallArea("directory.reconcile", () =>
    audited(deps.db, ctx, "directory.reconcile", { type: "directory", id: "reconcile" }, { trigger, ...scope }, () =>
      reconcileDirectory(deps, { ...options, startedBy: ctx.actor.userId }),
    ),
  );
}
