"use server";

import { z } from "zod";
import { withCallArea } from "@/lib/dingtalk/meter";
import { startFullSync, type SyncOutcome } from "@/lib/directory/sync/full-sync";
import { afterFullSync } from "@/lib/directory/sync/scheduler";
import { serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

// The runs started here, until they end: the audit entry waits for its run, to record every call it made.
const running = new Map<string, Promise<SyncOutcome>>();

interface SyncStarted {
  started: boolean;
  runId?: string;
}

/**
 * Starts (or resumes) a full directory sync; the run's own row records how it goes, the page polls
 * it. The estimate the page showed (and had confirmed) is kept in the audit entry, next to the calls
 * the run made.
 */
export const startSyncAction = serverAction({
  permission: "directory.sync",
  input: z.strictObject({ estimatedCalls: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).optional()) }),
  audit: { action: "directory.sync", target: () => ({ type: "directory", id: "full" }), details: (input) => ({ trigger: "admin", ...(input.estimatedCalls !== undefined ? { estimatedCalls: input.estimatedCalls } : {}) }), requestIdOf: (d: SyncStarted) => d.runId, settledBy: (d: SyncStarted) => (d.runId ? running.get(d.runId) : undefined) },
  async run(_input, { db, actor }): Promise<SyncStarted> {
    const deps = { db, client: getDingTalk() };
    const start = await withCallArea("directory.sync", () => startFullSync(deps, { startedBy: actor.userId }));
    if (start.started) {
      running.set(start.runId, start.finished);
      void start.finished.finally(() => running.delete(start.runId)).catch(() => undefined);
      void start.finished.then(
        (outcome) => afterFullSync(deps, outcome, (m) => console.warn(`[directory] ${m}`)),
        (error: unknown) => console.warn("[directory] sync failed:", error),
      );
    }
    return { started: start.started, runId: start.runId };
  },
  revalidate: ["/directory/sync"],
});
