import { lookupActor } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { listSyncRuns } from "@/lib/directory/sync/progress";

export const dynamic = "force-dynamic";

/** The latest sync runs with their pace, polled by the sync page while one runs. */
export async function GET(): Promise<Response> {
  const found = await lookupActor();
  if (found.status !== "signed-in") return Response.json({ error: "Please sign in / 请先登录" }, { status: 401 });
  if (!can(found.actor.roles, "directory.sync")) return Response.json({ error: "Not allowed / 没有权限" }, { status: 403 });
  return Response.json({ runs: await listSyncRuns(getDb(), 10) }, { headers: { "cache-control": "no-store" } });
}
