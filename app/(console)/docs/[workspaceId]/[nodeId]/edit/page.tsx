import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { readDocument } from "@/lib/docs/documents";
import { DocumentEditor } from "../../../document-editor";
import { cachedNode, docsPageContext, pageRead, pathId } from "../../../page-context";

export const dynamic = "force-dynamic";

/** The markdown editor, starting from what the document holds in DingTalk now. */
export default async function EditDocumentPage({ params }: { params: Promise<{ workspaceId: string; nodeId: string }> }) {
  const started = await docsPageContext();
  if (!started.ok) return null;
  const { ctx } = started;
  const raw = await params;
  const [workspaceId, nodeId] = [pathId(raw.workspaceId), pathId(raw.nodeId)];
  const found = await cachedNode(ctx, nodeId);
  if (!found.ok) return <Notice tone="error">{found.problem}</Notice>;
  const doc = await pageRead(ctx, () => readDocument(ctx.docs, ctx.op, found.value));
  if (!doc.ok) return <Notice tone="error">{doc.problem}</Notice>;
  const { node, content } = doc.value;
  return (
    <Card title={ctx.t("docs.editor.title", { name: node.name })}>
      <DocumentEditor
        workspaceId={workspaceId}
        nodeId={node.nodeId}
        name={node.name}
        markdown={content.markdown}
        hash={content.hash}
        unknownBlocks={content.unknownBlocks}
        backHref={`/docs/${workspaceId}/${node.nodeId}`}
      />
    </Card>
  );
}
