"use client";

import { useActionState } from "react";
import { CONTROL_CLASS, SelectField } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import type { KnownGroup } from "@/lib/stream/bridge";
import { setGroupPolicyAction } from "./actions";

/** Sets how the bot keeps context in a group, picked from the groups it has talked in. */
export function GroupPolicyForm({ groups, labels }: { groups: KnownGroup[]; labels: { group: string; noGroups: string; mode: string; isolated: string; shared: string; mentionOnly: string; save: string } }) {
  const [state, run, pending] = useActionState<ActionResult<unknown> | null, FormData>(setGroupPolicyAction, null);
  const errors = state && !state.ok ? (state.error.fieldErrors ?? {}) : {};
  if (groups.length === 0) return <p className="text-sm text-slate-500">{labels.noGroups}</p>;
  return (
    <form action={run} className="grid gap-3 text-sm sm:grid-cols-[1fr_auto_auto_auto] sm:items-end" data-testid="group-policy-form">
      <SelectField label={labels.group} name="conversationId" options={groups.map((g) => ({ value: g.conversationId, label: g.title ?? g.conversationId }))} errors={errors.conversationId} />
      <select name="mode" defaultValue="isolated" aria-label={labels.mode} className={CONTROL_CLASS}>
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
      {state?.ok && state.message ? (
        <Notice tone="ok" role="status">
          {state.message}
        </Notice>
      ) : null}
    </form>
  );
}
