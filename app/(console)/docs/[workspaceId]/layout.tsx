import { randomUUID } from "node:crypto";
import Link from "next/link";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { cachedWorkspace, docsPageContext, pathId } from "../page-context";
import { NodeTree } from "../node-tree";
import { RoleBadge } from "../role-badge";

/** A knowledge base: its folder tree beside whatever node is open; the tree stays as the person moves. */
export default async function WorkspaceLayout({ children, params }: { children: React.ReactNode; params: Promise<{ workspaceId: string }> }) {
  const started = await docsPageContext();
  if (!started.ok) return <Notice tone="warn">{started.problem}</Notice>;
  const { ctx } = started;
  const workspaceId = pathId((await params).workspaceId);
  const workspace = await cachedWorkspace(ctx, workspaceId);
  const back = (
    <Link href="/docs" className="text-sm text-brand-600 hover:underline">
      {ctx.t("docs.back")}
    </Link>
  );
  if (!workspace.ok) {
    return (
      <div className="flex flex-col gap-4">
        {back}
        <Notice tone="error">{workspace.problem}</Notice>
      </div>
    );
  }
  return (
    <>
      <div className="mb-2">{back}</div>
      <PageTitle sub={<RoleBadge role={workspace.value.permissionRole} />}>{workspace.value.name}</PageTitle>
      <div className="grid gap-6 xl:grid-cols-[18rem_1fr]">
        <Card title={<Link href={`/docs/${workspaceId}`}>{ctx.t("docs.tree.title")}</Link>}>
          <NodeTree rootNodeId={workspace.value.rootNodeId} stamp={randomUUID()} />
        </Card>
        <div className="min-w-0">{children}</div>
      </div>
    </>
  );
}
