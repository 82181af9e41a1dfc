"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { deleteNodeAction } from "./actions";

/** Deletes a document (its last content stays in the console as a version) or an empty folder, after a dialog naming it. */
export function DeleteNodeButton({ workspaceId, nodeId, name, folder }: { workspaceId: string; nodeId: string; name: string; folder: boolean }) {
  const t = useTranslations("docs.delete");
  return (
    <ConfirmDialog
      trigger={
        <button type="button" className={buttonClass("danger", "sm")}>
          {t("button")}
        </button>
      }
      title={t("title", { name })}
      description={t(folder ? "folder" : "document", { name })}
      confirmLabel={t("confirm")}
      action={deleteNodeAction}
      fields={{ workspaceId, nodeId, name }}
    />
  );
}
