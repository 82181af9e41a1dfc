"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { choices, Field, SelectField } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import { addMemberAction } from "./actions";
import { DOCS_FORM_ROW } from "./docs-form-row";

/** Adds a person of the org to a document or folder as a viewer or an editor. */
export function AddMemberForm({ workspaceId, nodeId, name }: { workspaceId: string; nodeId: string; name: string }) {
  const t = useTranslations("docs");
  return (
    <ActionForm rowClassName={DOCS_FORM_ROW} button={{ className: "sm:mt-6" }} action={addMemberAction} hidden={{ workspaceId, nodeId, name }} submitLabel={t("members.add")} testId="add-member-form">
      {(errors) => (
        <>
          <Field label={t("members.person")} errors={errors.person} errorTestId="member-person-error">
            {(control) => <PersonPicker name="person" placeholder={t("members.personHint")} {...control} />}
          </Field>
          <SelectField
            label={t("members.role")}
            name="role"
            defaultValue="viewer"
            options={choices(["viewer", "editor"], (role) => t(`role.${role}`))}
            errors={errors.role}
          />
        </>
      )}
    </ActionForm>
  );
}
