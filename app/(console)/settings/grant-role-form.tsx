"use client";

import { useActionState } from "react";
import { Field, SelectField } from "@/components/forms/field";
import { PersonPicker } from "@/components/pickers/person-picker";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { grantRoleAction } from "./actions";

export interface GrantRoleLabels {
  person: string;
  personHint: string;
  role: string;
  grant: string;
  roles: { value: string; label: string }[];
}

export function GrantRoleForm({ labels }: { labels: GrantRoleLabels }) {
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(grantRoleAction, null);
  const errors = state && !state.ok ? state.error.fieldErrors ?? {} : {};
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="grant-role-form" noValidate>
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
        <Field label={labels.person} errors={errors.person} errorTestId="person-error">
          {(control) => <PersonPicker name="person" placeholder={labels.personHint} {...control} />}
        </Field>
        <SelectField label={labels.role} name="role" defaultValue="viewer" options={labels.roles} errors={errors.role} />
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {labels.grant}
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
