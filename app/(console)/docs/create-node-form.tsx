"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField, TextField } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { createNodeAction } from "./actions";

/** A new document or folder in the folder shown; on success the page moves to it. */
export function CreateNodeForm({ workspaceId, parentNodeId }: { workspaceId: string; parentNodeId: string }) {
  const t = useTranslations("docs.create");
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(createNodeAction, null);
  const errors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="flex flex-col gap-2" data-testid="create-node-form" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="parentNodeId" value={parentNodeId} />
      <div className="grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-start">
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
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {t("submit")}
        </Button>
      </div>
      {state && !state.ok && !state.error.fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
    </form>
  );
}
