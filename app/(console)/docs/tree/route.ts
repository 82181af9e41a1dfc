import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { listChildren } from "@/lib/docs/documents";
import { nodeKind } from "@/lib/docs/node-kind";
import { docsRouteOperator } from "../route-operator";
import { childrenState } from "../query";

export const dynamic = "force-dynamic";

/** One folder's children, fetched from DingTalk as the person when the folder is opened in the tree. */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("docs.use");
  if (!auth.ok) return auth.response;
  const found = childrenState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  if (!found.state.parent) return Response.json({ error: "parent is required" }, { status: 400 });
  const parent = found.state.parent;
  return docsRouteOperator(getDb(), auth.actor, async (op, docs) => {
    const nodes = await listChildren(docs, op, parent);
    return { children: nodes.map((n) => ({ nodeId: n.nodeId, workspaceId: n.workspaceId, name: n.name, kind: nodeKind(n), hasChildren: n.hasChildren })) };
  });
}
