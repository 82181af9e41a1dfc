"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/auth/current";
import { setGroupPolicyAction } from "./actions";

export function GroupPolicyForm({ labels }: { labels: { conversationId: string; isolated: string; shared: string; mentionOnly: string; save: string } }) {
  const [state, run, pending] = useActionState<ActionResult | null, FormData>(setGroupPolicyAction, null);
  const errors = state && !state.ok ? state.error.fieldErrors ?? {} : {};
  return (
    <form action={run} className="grid gap-3 text-sm sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" data-testid="group-policy-form">
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">{labels.conversationId}</span>
        <input name="conversationId" className="rounded-md border border-slate-300 px-2 py-1.5" aria-invalid={errors.conversationId ? true : undefined} />
        {errors.conversationId ? <span className="text-xs text-red-600">{errors.conversationId.join(" ")}</span> : null}
      </label>
      <select name="mode" defaultValue="isolated" className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
        <option value="isolated">{labels.isolated}</option>
        <option value="shared">{labels.shared}</option>
      </select>
      <label className="flex items-center gap-2">
        <input type="checkbox" name="mentionOnly" defaultChecked />
        {labels.mentionOnly}
      </label>
      <Button type="submit" size="sm" disabled={pending}>
        {labels.save}
      </Button>
      {state && !state.ok && !state.error.fieldErrors ? <Notice tone="error">{state.error.message}</Notice> : null}
    </form>
  );
}
