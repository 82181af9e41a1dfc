"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/current";
import { lookupLiveAction, type LiveLookup as Found } from "./actions";

export function LiveLookup({ labels }: { labels: { title: string; hint: string; go: string } }) {
  const [state, run, pending] = useActionState<ActionResult<Found> | null, FormData>(lookupLiveAction, null);
  const fieldError = state && !state.ok ? state.error.fieldErrors?.key?.join(" ") : undefined;
  return (
    <form action={run} className="flex flex-col gap-2 text-sm" data-testid="live-lookup">
      <span className="text-slate-600">{labels.title}</span>
      <div className="flex gap-2">
        <input name="key" placeholder={labels.hint} aria-invalid={fieldError ? true : undefined} className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1.5" />
        <Button type="submit" size="sm" variant="secondary" disabled={pending}>
          {labels.go}
        </Button>
      </div>
      {fieldError ? <span className="text-xs text-red-600">{fieldError}</span> : null}
      {state && !state.ok && !fieldError ? <Notice tone="error">{state.error.message}</Notice> : null}
      {state?.ok ? (
        <div className="rounded-md border border-slate-200 p-3" data-testid="live-lookup-result">
          <Link href={`/directory/${encodeURIComponent(state.data.userId)}`} className="font-medium text-brand-600 hover:underline">
            {state.data.name}
          </Link>{" "}
          <span className="text-slate-500">
            {state.data.title} · {state.data.mobile} · {state.data.userId}
          </span>
        </div>
      ) : null}
    </form>
  );
}
