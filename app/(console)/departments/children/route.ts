import { lookupActor } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/client";
import { departmentChildren } from "@/lib/directory/queries";

export const dynamic = "force-dynamic";

/** One level of the synced department tree with head counts, fetched as a node is opened. */
export async function GET(request: Request): Promise<Response> {
  const found = await lookupActor();
  if (found.status !== "signed-in") return Response.json({ error: "Please sign in / 请先登录" }, { status: 401 });
  if (!can(found.actor.roles, "departments.read")) return Response.json({ error: "Not allowed / 没有权限" }, { status: 403 });
  const raw = new URL(request.url).searchParams.get("parent");
  const parent = raw === null ? null : Number(raw);
  if (parent !== null && !(Number.isInteger(parent) && parent > 0)) return Response.json({ error: "parent must be a department id / parent 须为部门 ID" }, { status: 400 });
  return Response.json({ children: await departmentChildren(getDb(), parent) }, { headers: { "cache-control": "no-store" } });
}
