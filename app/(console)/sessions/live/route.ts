import { lookupActor } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { inboxCounts, listBridgeInstances } from "@/lib/stream/bridge";

export const dynamic = "force-dynamic";

/** The bridges' live state and the inbox, polled by the /sessions page. */
export async function GET(): Promise<Response> {
  const found = await lookupActor();
  if (found.status !== "signed-in") return Response.json({ error: "Please sign in / 请先登录" }, { status: 401 });
  if (!can(found.actor.roles, "sessions.read")) return Response.json({ error: "Not allowed / 没有权限" }, { status: 403 });
  const db = getDb();
  const [bridges, inbox] = await Promise.all([listBridgeInstances(db), inboxCounts(db)]);
  return Response.json({ bridges, inbox }, { headers: { "cache-control": "no-store" } });
}
