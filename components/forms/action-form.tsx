"use client";

import { useActionState, type ComponentProps, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { FormAction } from "@/components/ui/confirm-dialog";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";

export interface ActionFormProps {
  action: FormAction<unknown>;
  /** What the form posts without showing (which record it is about). */
  hidden?: Record<string, string>;
  submitLabel: string;
  testId: string;
  /** The row holding the fields and the button (a grid or flex row of the form's own shape). */
  rowClassName: string;
  button?: Pick<ComponentProps<typeof Button>, "size" | "variant" | "className">;
  /** Shown on success when the action's result carries no message of its own. */
  okMessage?: string;
  /** The visible fields, given the action's messages per field. */
  children: (errors: Record<string, string[]>) => ReactNode;
}

/** A one-row form on a server action: its fields, the submit button, and the action's refusal or message below. */
export function ActionForm({ action, hidden = {}, submitLabel, testId, rowClassName, button, okMessage, children }: ActionFormProps) {
  const [state, run, pending] = useActionState<ActionResult<unknown> | null, FormData>(action, null);
  const errors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  const ok = state?.ok ? (state.message ?? okMessage) : undefined;
  return (
    <form action={run} className="flex flex-col gap-2 text-sm" data-testid={testId} noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className={rowClassName}>
        {children(errors)}
        <Button type="submit" disabled={pending} {...button}>
          {submitLabel}
        </Button>
      </div>
      {state && !state.ok && !state.error.fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
      {ok ? (
        <Notice tone="ok" role="status">
          {ok}
        </Notice>
      ) : null}
    </form>
  );
}
