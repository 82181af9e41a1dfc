import { authorizeRequest } from "@/lib/auth/current";
import { getDb } from "@/lib/db/client";
import { readDocument } from "@/lib/docs/documents";
import { docsRouteOperator } from "../route-operator";
import { contentState } from "../query";

export const dynamic = "force-dynamic";

/**
 * A document's content as DingTalk holds it now: the editor asks for it before a save, to show
 * what will change and to find out whether someone changed the document meanwhile.
 */
export async function GET(request: Request): Promise<Response> {
  const auth = await authorizeRequest("docs.use");
  if (!auth.ok) return auth.response;
  const found = contentState.parseRoute(new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  if (!found.state.node) return Response.json({ error: "node is required" }, { status: 400 });
  const nodeId = found.state.node;
  return docsRouteOperator(getDb(), auth.actor, async (op, docs) => {
    const { node, content } = await readDocument(docs, op, nodeId);
    return { name: node.name, markdown: content.markdown, hash: content.hash, unknownBlocks: content.unknownBlocks };
  });
}
