"use client";

import { useActionState } from "react";
import { CONTROL_CLASS, Field } from "@/components/forms/field";
import { PersonLink } from "@/components/person-link";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { lookupLiveAction, type LiveLookup as Found } from "./actions";

export function LiveLookup({ labels }: { labels: { title: string; hint: string; go: string } }) {
  const [state, run, pending] = useActionState<ActionResult<Found> | null, FormData>(lookupLiveAction, null);
  const fieldErrors = state && !state.ok ? state.error.fieldErrors?.key : undefined;
  return (
    <form action={run} className="flex flex-col gap-2 text-sm" data-testid="live-lookup">
      <Field label={labels.title} errors={fieldErrors}>
        {(control) => (
          <div className="flex gap-2">
            <input name="key" placeholder={labels.hint} {...control} className={`min-w-0 flex-1 ${CONTROL_CLASS}`} />
            <Button type="submit" size="sm" variant="secondary" disabled={pending}>
              {labels.go}
            </Button>
          </div>
        )}
      </Field>
      {state && !state.ok && !fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
      {state?.ok ? (
        <div className="rounded-md border border-slate-200 p-3" data-testid="live-lookup-result">
          <PersonLink userId={state.data.userId} name={state.data.name} className="font-medium" />{" "}
          <span className="text-slate-500">
            {state.data.title} · {state.data.mobile} · {state.data.userId}
          </span>
        </div>
      ) : null}
    </form>
  );
}
