import { cachedWorkspace, docsPageContext, pathId } from "../page-context";
import { FolderView } from "../folder-view";

export const dynamic = "force-dynamic";

/** A knowledge base's top folder (the layout shows the workspace's name, tree and any refusal). */
export default async function WorkspacePage({ params }: { params: Promise<{ workspaceId: string }> }) {
  const started = await docsPageContext();
  if (!started.ok) return null;
  const workspace = await cachedWorkspace(started.ctx, pathId((await params).workspaceId));
  if (!workspace.ok) return null;
  const w = workspace.value;
  return <FolderView ctx={started.ctx} workspaceId={w.workspaceId} folder={{ nodeId: w.rootNodeId, name: w.name, url: w.url }} root />;
}
