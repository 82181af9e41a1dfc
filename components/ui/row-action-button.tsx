"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/auth/current";

/** A one-button form for a table row (remove a role, end sessions); shows the refusal inline. */
export function RowActionButton<T>({
  action,
  fields,
  label,
  confirm,
}: {
  action: (prev: ActionResult<T> | null, form: FormData) => Promise<ActionResult<T>>;
  fields: Record<string, string>;
  label: string;
  confirm: string;
}) {
  const [state, run, pending] = useActionState<ActionResult<T> | null, FormData>(action, null);
  return (
    <form
      action={run}
      onSubmit={(e) => {
        if (!window.confirm(confirm)) e.preventDefault();
      }}
      className="flex items-center justify-end gap-2"
    >
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-red-600">
          {state.error.message}
        </span>
      ) : null}
      <Button type="submit" variant="danger" size="sm" disabled={pending}>
        {label}
      </Button>
    </form>
  );
}
