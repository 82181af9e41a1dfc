"use client";

import { useTranslations } from "next-intl";
import { ActionForm } from "@/components/forms/action-form";
import { choices, SelectField } from "@/components/forms/field";
import { subscribeAction } from "./actions";

/** Subscribes the report's scope (as the page shows it) to a monthly or weekly delivery. */
export function SubscribeForm({ fields }: { fields: Record<string, string> }) {
  const t = useTranslations("attendance.subscriptions");
  const scope = Object.fromEntries(Object.entries(fields).filter(([, value]) => value));
  return (
    <ActionForm
      action={subscribeAction}
      hidden={scope}
      submitLabel={t("subscribe")}
      okMessage={t("subscribed")}
      testId="subscribe-form"
      rowClassName="flex flex-wrap items-end gap-2"
      button={{ size: "sm", variant: "secondary" }}
    >
      {() => (
        <SelectField
          label={t("period")}
          name="period"
          defaultValue="monthly"
          options={choices(["monthly", "weekly"], (period) => t(`periods.${period}`))}
        />
      )}
    </ActionForm>
  );
}
