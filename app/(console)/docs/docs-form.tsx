"use client";

import { useActionState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import type { FormAction } from "@/components/ui/confirm-dialog";

export interface DocsFormProps {
  action: FormAction<unknown>;
  /** What the form posts without showing (which knowledge base, node, name). */
  hidden: Record<string, string>;
  submitLabel: string;
  testId: string;
  /** The visible fields, given the action's messages per field. */
  children: (errors: Record<string, string[]>) => ReactNode;
}

/** A docs form on one row: its fields, the submit button, and the action's refusal or message below. */
export function DocsForm({ action, hidden, submitLabel, testId, children }: DocsFormProps) {
  const [state, run, pending] = useActionState<ActionResult<unknown> | null, FormData>(action, null);
  const errors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  return (
    <form action={run} className="flex flex-col gap-2" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="grid gap-2 sm:grid-cols-[1fr_8rem_auto] sm:items-start">
        {children(errors)}
        <Button type="submit" disabled={pending} className="sm:mt-6">
          {submitLabel}
        </Button>
      </div>
      {state && !state.ok && !state.error.fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
      {state?.ok && state.message ? (
        <Notice tone="ok" role="status">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
