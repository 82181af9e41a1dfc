import { FileSpreadsheet, FileText, File, Folder } from "lucide-react";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { listChildren } from "@/lib/docs/documents";
import { nodeKind } from "@/lib/docs/node-kind";
import { CreateNodeForm } from "./create-node-form";
import { DeleteNodeButton } from "./delete-node-button";
import { AddMemberForm } from "./add-member-form";
import { pageRead, type DocsPageContext } from "./page-context";

const ICON = { folder: Folder, document: FileText, workbook: FileSpreadsheet, file: File } as const;

/** A folder's contents with a form to create a document or folder in it; a non-root folder can also be shared and (when empty) deleted. */
export async function FolderView({ ctx, workspaceId, folder, root = false }: { ctx: DocsPageContext; workspaceId: string; folder: { nodeId: string; name: string; url: string }; root?: boolean }) {
  const { t } = ctx;
  const children = await pageRead(ctx, () => listChildren(ctx.docs, ctx.op, folder.nodeId));
  return (
    <div className="flex flex-col gap-6">
      <Card
        title={folder.name}
        actions={
          root || !children.ok ? null : <DeleteNodeButton workspaceId={workspaceId} nodeId={folder.nodeId} name={folder.name} folder />
        }
      >
        {!children.ok ? (
          <Notice tone="error">{children.problem}</Notice>
        ) : children.value.length === 0 ? (
          <p className="text-sm text-slate-500">{t("docs.folder.empty")}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100" data-testid="folder-contents">
            {children.value.map((n) => {
              const kind = nodeKind(n);
              const Icon = ICON[kind];
              return (
                <li key={n.nodeId} className="flex items-center justify-between gap-3 py-2 text-sm">
                  <Link href={`/docs/${workspaceId}/${n.nodeId}`} className="flex items-center gap-2 text-brand-700 hover:underline">
                    <Icon className="h-4 w-4 text-slate-400" aria-hidden />
                    {n.name}
                  </Link>
                  <span className="text-xs text-slate-500">{t(`docs.kind.${kind}`)}</span>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      <Card title={t("docs.create.title", { folder: folder.name })}>
        <CreateNodeForm workspaceId={workspaceId} parentNodeId={folder.nodeId} />
      </Card>
      {root ? null : (
        <Card title={t("docs.members.title")}>
          <AddMemberForm workspaceId={workspaceId} nodeId={folder.nodeId} name={folder.name} />
        </Card>
      )}
    </div>
  );
}
