import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { departmentChildren } from "@/lib/directory/queries";
import { childrenState } from "../query";

export const dynamic = "force-dynamic";

/** One level of the synced department tree with head counts, fetched as a node is opened. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("departments.read");
  if (!auth.ok) return auth.response;
  const found = childrenState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  return Response.json({ children: await departmentChildren(getDb(), found.state.parent ?? null) }, { headers: { "cache-control": "no-store" } });
}
