"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { addMemberAction } from "./actions";

/** Adds a person of the org to a document or folder as a viewer or an editor. */
export function AddMemberForm({ workspaceId, nodeId, name }: { workspaceId: string; nodeId: string; name: string }) {
  const t = useTranslations("docs");
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(addMemberAction, null);
  const errors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="flex flex-col gap-2" data-testid="add-member-form" noValidate>
      <input type="hidden" name="workspaceId" value={workspaceId} />
      <input type="hidden" name="nodeId" value={nodeId} />
      <input type="hidden" name="name" value={name} />
      <div className="grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-start">
        <Field label={t("members.person")} errors={errors.person} errorTestId="member-person-error">
          {(control) => <PersonPicker name="person" placeholder={t("members.personHint")} {...control} />}
        </Field>
        <SelectField
          label={t("members.role")}
          name="role"
          defaultValue="viewer"
          options={[
            { value: "viewer", label: t("role.viewer") },
            { value: "editor", label: t("role.editor") },
          ]}
          errors={errors.role}
        />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {t("members.add")}
        </Button>
      </div>
      {state && !state.ok && !state.error.fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
      {state?.ok ? (
        <Notice tone="ok" role="status">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
