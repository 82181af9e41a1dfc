"use client";

import { ActionForm } from "@/components/forms/action-form";
import { CONTROL_CLASS, SelectField } from "@/components/forms/field";
import type { KnownGroup } from "@/lib/stream/bridge";
import { setGroupPolicyAction } from "./actions";

/** Sets how the bot keeps context in a group, picked from the groups it has talked in. */
export function GroupPolicyForm({ groups, labels }: { groups: KnownGroup[]; labels: { group: string; noGroups: string; mode: string; isolated: string; shared: string; mentionOnly: string; save: string } }) {
  if (groups.length === 0) return <p className="text-sm text-slate-500">{labels.noGroups}</p>;
  return (
    <ActionForm
      action={setGroupPolicyAction}
      submitLabel={labels.save}
      testId="group-policy-form"
      rowClassName="grid gap-3 sm:grid-cols-[1fr_auto_auto_auto] sm:items-end"
      button={{ size: "sm" }}
    >
      {(errors) => (
        <>
          <SelectField label={labels.group} name="conversationId" options={groups.map((g) => ({ value: g.conversationId, label: g.title ?? g.conversationId }))} errors={errors.conversationId} />
          <select name="mode" defaultValue="isolated" aria-label={labels.mode} className={CONTROL_CLASS}>
            <option value="isolated">{labels.isolated}</option>
            <option value="shared">{labels.shared}</option>
          </select>
          <label className="flex items-center gap-2">
            <input type="checkbox" name="mentionOnly" defaultChecked />
            {labels.mentionOnly}
          </label>
        </>
      )}
    </ActionForm>
  );
}
