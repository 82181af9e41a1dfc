import { ExternalLink } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { readDocument } from "@/lib/docs/documents";
import { nodeKind } from "@/lib/docs/node-kind";
import { listVersions } from "@/lib/docs/versions";
import { AddMemberForm } from "../../add-member-form";
import { BlockView } from "../../block-view";
import { DeleteNodeButton } from "../../delete-node-button";
import { FolderView } from "../../folder-view";
import { cachedNode, docsPageContext, pageRead, pathId } from "../../page-context";
import { VersionList, type VersionItem } from "../../version-list";

export const dynamic = "force-dynamic";

/** A node of a knowledge base: a folder's contents, a document as a page, or the way to open a sheet or file in DingTalk. */
export default async function NodePage({ params }: { params: Promise<{ workspaceId: string; nodeId: string }> }) {
  const started = await docsPageContext();
  if (!started.ok) return null;
  const { ctx } = started;
  const { t } = ctx;
  const raw = await params;
  const [workspaceId, nodeId] = [pathId(raw.workspaceId), pathId(raw.nodeId)];
  const found = await cachedNode(ctx, nodeId);
  if (!found.ok) return <Notice tone="error">{found.problem}</Notice>;
  const node = found.value;
  // A link may name the wrong knowledge base for the node; the tree beside it must be the node's own.
  if (node.workspaceId && node.workspaceId !== workspaceId) redirect(`/docs/${node.workspaceId}/${node.nodeId}`);
  const kind = nodeKind(node);
  if (kind === "folder") return <FolderView ctx={ctx} workspaceId={workspaceId} folder={node} />;

  const openInDingTalk = (
    <a href={node.url} target="_blank" rel="noreferrer" className={buttonClass("secondary", "sm")}>
      <ExternalLink className="h-3.5 w-3.5" aria-hidden />
      {t("docs.openInDingTalk")}
    </a>
  );
  // DingTalk says when the person may only read; writes they could not make are not offered.
  // (Without a stated role the buttons stay, and DingTalk's refusal, if any, is shown in words.)
  const readOnly = node.permissionRole?.toUpperCase() === "READER";
  const members = readOnly ? null : (
    <Card title={t("docs.members.title")}>
      <AddMemberForm workspaceId={workspaceId} nodeId={node.nodeId} name={node.name} />
    </Card>
  );
  const remove = readOnly ? null : <DeleteNodeButton workspaceId={workspaceId} nodeId={node.nodeId} name={node.name} folder={false} />;

  if (kind !== "document") {
    return (
      <div className="flex flex-col gap-6">
        <Card title={node.name} actions={<div className="flex gap-2">{openInDingTalk}{remove}</div>}>
          <Notice tone="info">{t(`docs.notEditable.${kind}`)}</Notice>
        </Card>
        {members}
      </div>
    );
  }

  const [doc, versions] = await Promise.all([pageRead(ctx, () => readDocument(ctx.docs, ctx.op, node)), listVersions(ctx.db, node.nodeId)]);
  return (
    <div className="flex flex-col gap-6">
      <Card
        title={node.name}
        actions={
          <div className="flex gap-2">
            {doc.ok && !readOnly ? (
              <Link href={`/docs/${workspaceId}/${node.nodeId}/edit`} className={buttonClass("primary", "sm")}>
                {t("docs.edit")}
              </Link>
            ) : null}
            {openInDingTalk}
            {remove}
          </div>
        }
      >
        {node.modifiedTime ? <p className="mb-4 text-xs text-slate-500">{t("docs.lastModified", { at: ctx.format.dateTime(new Date(node.modifiedTime), { dateStyle: "medium", timeStyle: "short" }) })}</p> : null}
        {doc.ok ? <BlockView blocks={doc.value.blocks} /> : <Notice tone="error">{doc.problem}</Notice>}
      </Card>
      <Card title={t("docs.versions.title")}>
        <VersionList
          workspaceId={workspaceId}
          nodeId={node.nodeId}
          name={node.name}
          current={doc.ok ? { markdown: doc.value.content.markdown, hash: doc.value.content.hash } : { markdown: "", hash: "" }}
          versions={versions.map((v): VersionItem => ({ id: v.id, reason: v.reason as VersionItem["reason"], markdown: v.markdown, createdByName: v.createdByName, createdAt: v.createdAt }))}
        />
      </Card>
      {members}
    </div>
  );
}
