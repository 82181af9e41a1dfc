"use client";

import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { lineDiff } from "@/lib/docs/diff";
import { restoreVersionAction } from "./actions";
import { DiffConfirmDialog } from "./diff-confirm-dialog";

export interface VersionItem {
  id: string;
  reason: "save" | "restore" | "delete";
  markdown: string;
  createdByName: string;
  createdAt: Date;
}

/** A document's kept versions, newest first; each can be looked at and restored after seeing what changes. */
export function VersionList({ workspaceId, nodeId, name, current, versions }: { workspaceId: string; nodeId: string; name: string; current: { markdown: string; hash: string }; versions: VersionItem[] }) {
  const t = useTranslations("docs.versions");
  const format = useFormatter();
  const router = useRouter();
  const [restoring, setRestoring] = useState<VersionItem | null>(null);
  if (versions.length === 0) return <p className="text-sm text-slate-500">{t("none")}</p>;
  return (
    <>
      <ol className="flex flex-col divide-y divide-slate-100" data-testid="versions">
        {versions.map((v) => (
          <li key={v.id} className="flex flex-col gap-1 py-2" data-version={v.id}>
            <div className="flex items-center justify-between gap-2">
              <div className="text-sm">
                <span className="font-medium">{t(`reason.${v.reason}`)}</span>
                <span className="ml-2 text-xs text-slate-500">{t("by", { name: v.createdByName, at: format.dateTime(v.createdAt, { dateStyle: "medium", timeStyle: "medium" }) })}</span>
              </div>
              <Button type="button" variant="secondary" size="sm" onClick={() => setRestoring(v)}>
                {t("restore")}
              </Button>
            </div>
            <details className="text-xs">
              <summary className="cursor-pointer text-slate-500">{t("view")}</summary>
              <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 p-2">{v.markdown}</pre>
            </details>
          </li>
        ))}
      </ol>
      <DiffConfirmDialog
        open={restoring !== null}
        onOpenChange={(open) => {
          if (!open) setRestoring(null);
        }}
        title={t("restoreTitle", { name })}
        body={t("restoreBody")}
        lines={restoring ? lineDiff(current.markdown, restoring.markdown) : []}
        confirmLabel={t("restoreConfirm")}
        run={() => restoreVersionAction(null, { workspaceId, nodeId, name, versionId: restoring?.id ?? "", baseHash: current.hash })}
        onDone={(result) => {
          if (result.ok) router.refresh();
        }}
      />
    </>
  );
}
