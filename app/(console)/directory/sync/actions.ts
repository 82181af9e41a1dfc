"use server";

import { z } from "zod";
import { startFullSync } from "@/lib/directory/sync/full-sync";
import { afterFullSync } from "@/lib/directory/sync/scheduler";
import { serverAction } from "@/lib/server/action";
import { getDingTalk } from "@/lib/server/dingtalk";

/** Starts (or resumes) a full directory sync; the run's own row records how it goes, the page polls it. */
export const startSyncAction = serverAction({
  permission: "directory.sync",
  input: z.strictObject({}),
  audit: { action: "directory.sync", target: () => ({ type: "directory", id: "full" }), details: () => ({ trigger: "admin" }), requestIdOf: (d: { runId?: string }) => d.runId },
  async run(_input, { db, actor }) {
    const deps = { db, client: getDingTalk() };
    const start = await startFullSync(deps, { startedBy: actor.userId });
    if (start.started) {
      void start.finished.then(
        (outcome) => afterFullSync(deps, outcome, (m) => console.warn(`[directory] ${m}`)),
        (error: unknown) => console.warn("[directory] sync failed:", error),
      );
    }
    return { started: start.started, runId: start.runId };
  },
  revalidate: ["/directory/sync"],
});
