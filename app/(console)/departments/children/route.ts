import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { departmentChildren } from "@/lib/directory/queries";

export const dynamic = "force-dynamic";

/** One level of the synced department tree with head counts, fetched as a node is opened. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("departments.read");
  if (!auth.ok) return auth.response;
  const raw = new URL(request.url).searchParams.get("parent");
  const parent = raw === null ? null : Number(raw);
  if (parent !== null && !(Number.isInteger(parent) && parent > 0)) return Response.json({ error: "parent must be a department id / parent 须为部门 ID" }, { status: 400 });
  return Response.json({ children: await departmentChildren(getDb(), parent) }, { headers: { "cache-control": "no-store" } });
}
