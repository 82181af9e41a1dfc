"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/current";
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
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">{labels.person}</span>
          <input
            name="person"
            placeholder={labels.personHint}
            aria-invalid={errors.person ? true : undefined}
            aria-describedby={errors.person ? "person-error" : undefined}
            className="rounded-md border border-slate-300 px-3 py-2 aria-[invalid=true]:border-red-400"
          />
          {errors.person ? (
            <span id="person-error" className="text-xs text-red-600" data-testid="person-error">
              {errors.person.join(" ")}
            </span>
          ) : null}
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span className="text-slate-600">{labels.role}</span>
          <select name="role" defaultValue="viewer" className="rounded-md border border-slate-300 bg-white px-3 py-2" aria-invalid={errors.role ? true : undefined}>
            {labels.roles.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          {errors.role ? <span className="text-xs text-red-600">{errors.role.join(" ")}</span> : null}
        </label>
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
