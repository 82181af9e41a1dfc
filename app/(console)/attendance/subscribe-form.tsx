"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SelectField } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { ActionResult } from "@/lib/server/action";
import { subscribeAction } from "./actions";

/** Subscribes the report's scope (as the page shows it) to a monthly or weekly delivery. */
export function SubscribeForm({ fields }: { fields: Record<string, string> }) {
  const t = useTranslations("attendance.subscriptions");
  const [state, action, pending] = useActionState<ActionResult<unknown> | null, FormData>(subscribeAction, null);
  return (
    <form action={action} className="flex flex-wrap items-end gap-2 text-sm" data-testid="subscribe-form">
      {Object.entries(fields).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <SelectField
        label={t("period")}
        name="period"
        defaultValue="monthly"
        options={[
          { value: "monthly", label: t("periods.monthly") },
          { value: "weekly", label: t("periods.weekly") },
        ]}
      />
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {t("subscribe")}
      </Button>
      {state && !state.ok ? <Notice tone="error">{state.error.message}</Notice> : null}
      {state?.ok ? <Notice tone="ok">{t("subscribed")}</Notice> : null}
    </form>
  );
}
