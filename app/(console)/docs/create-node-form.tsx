"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/forms/field";
import { createNodeAction } from "./actions";
import { DocsForm } from "./docs-form";

/** A new document or folder in the folder shown; on success the page moves to it. */
export function CreateNodeForm({ workspaceId, parentNodeId }: { workspaceId: string; parentNodeId: string }) {
  const t = useTranslations("docs.create");
  return (
    <DocsForm action={createNodeAction} hidden={{ workspaceId, parentNodeId }} submitLabel={t("submit")} testId="create-node-form">
      {(errors) => (
        <>
          <TextField label={t("name")} name="name" maxLength={200} errors={errors.name} />
          <SelectField
            label={t("type")}
            name="docType"
            defaultValue="DOC"
            options={[
              { value: "DOC", label: t("doc") },
              { value: "FOLDER", label: t("folder") },
            ]}
            errors={errors.docType}
          />
        </>
      )}
    </DocsForm>
  );
}
