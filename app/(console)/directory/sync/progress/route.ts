import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { listSyncRuns } from "@/lib/directory/sync/progress";

export const dynamic = "force-dynamic";

/** The latest sync runs with their pace, polled by the sync page while one runs. */
export async function GET(): Promise<Response> {
  const auth = await authorizeRequest("directory.sync");
  if (!auth.ok) return auth.response;
  return Response.json({ runs: await listSyncRuns(getDb(), 10) }, { headers: { "cache-control": "no-store" } });
}
