import { area } from "@/lib/areas";
import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { inboxCounts, listBridgeInstances } from "@/lib/stream/bridge";

export const dynamic = "force-dynamic";

/** The bridges' live state and the inbox, polled by the bot conversations page. */
export async function GET(): Promise<Response> {
  const auth = await authorizeRequest(area("botConversations").permission);
  if (!auth.ok) return auth.response;
  const db = getDb();
  const [bridges, inbox] = await Promise.all([listBridgeInstances(db), inboxCounts(db)]);
  return Response.json({ bridges, inbox }, { headers: { "cache-control": "no-store" } });
}
