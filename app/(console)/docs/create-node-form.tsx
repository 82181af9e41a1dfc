"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { choices, SelectField, TextField } from "@/components/forms/field";
import { createNodeAction } from "./actions";
import { DOCS_FORM_ROW } from "./docs-form-row";

/** A new document or folder in the folder shown; on success the page moves to it. */
export function CreateNodeForm({ workspaceId, parentNodeId }: { workspaceId: string; parentNodeId: string }) {
  const t = useTranslations("docs.create");
  return (
    <ActionForm rowClassName={DOCS_FORM_ROW} button={{ className: "sm:mt-6" }} action={createNodeAction} hidden={{ workspaceId, parentNodeId }} submitLabel={t("submit")} testId="create-node-form">
      {(errors) => (
        <>
          <TextField label={t("name")} name="name" maxLength={200} errors={errors.name} />
          <SelectField
            label={t("type")}
            name="docType"
            defaultValue="DOC"
            options={choices(["DOC", "FOLDER"], (type) => (type === "DOC" ? t("doc") : t("folder")))}
            errors={errors.docType}
          />
        </>
      )}
    </ActionForm>
  );
}
