import { indexVersion } from "@/lib/approvals/queries";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { pathSegment } from "@/lib/url-state";

export const dynamic = "force-dynamic";

/**
 * The index's version (or one instance's), from the database alone: the approvals pages ask
 * it every few seconds and refresh when it moves, so events written by the bridge or the
 * callback show without a reload, and DingTalk is never asked.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("approvals.read.own");
  if (!auth.ok) return auth.response;
  const raw = new URL(request.url).searchParams.get("id");
  const id = raw === null ? undefined : pathSegment(raw);
  if (id === null) return Response.json({ error: "id: not an instance id" }, { status: 400 });
  return Response.json({ version: await indexVersion(getDb(), id) }, { headers: { "cache-control": "no-store" } });
}
