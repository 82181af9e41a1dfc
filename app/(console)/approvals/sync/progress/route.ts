import { getBackfillProgress } from "@/lib/approvals/progress";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** The latest backfill run as the index page shows it, polled while one runs. */
export async function GET(): Promise<Response> {
  const auth = await authorizeRequest("approvals.manage");
  if (!auth.ok) return auth.response;
  return Response.json({ progress: await getBackfillProgress(getDb()) }, { headers: { "cache-control": "no-store" } });
}
