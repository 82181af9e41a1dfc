"use server";

import { revalidatePath } from "next/cache";
import { authorizeAction, type ActionResult } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { afterFullSync } from "@/lib/directory/sync/scheduler";
import { requestFullSync } from "@/lib/directory/sync/start";
import { getDingTalk } from "@/lib/server/dingtalk";
import { failure } from "@/lib/server/action-errors";

/** Starts (or resumes) a full directory sync; the audit entry is written by requestFullSync. */
export async function startSyncAction(): Promise<ActionResult<{ started: boolean; runId?: string }>> {
  const auth = await authorizeAction("directory.sync");
  if (!auth.ok) return auth;
  try {
    const start = await requestFullSync({ db: getDb(), client: getDingTalk() }, { actor: auth.actor }, "admin");
    const deps = { db: getDb(), client: getDingTalk() };
    if (start.started) void start.finished.then((o) => afterFullSync(deps, o, (m) => console.warn(`[directory] ${m}`)), (error: unknown) => console.warn("[directory] sync failed:", error));
    revalidatePath("/directory/sync");
    return { ok: true, data: { started: start.started, runId: start.runId } };
  } catch (error) {
    return failure(error);
  }
}
