"use client";

import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { CONTROL_CLASS } from "@/components/forms/field";
import { Button } from "@/components/ui/button";
import { toastResult } from "@/components/ui/toast";
import { setSlaAction } from "./actions";

/** A template's time limit in hours; empty removes it. */
export function SlaForm({ processCode, slaHours }: { processCode: string; slaHours: number | null }) {
  const t = useTranslations("approvals.sync");
  const [result, action, pending] = useActionState(setSlaAction, null);
  useEffect(() => {
    toastResult(result);
  }, [result]);
  const error = result && !result.ok ? (result.error.fieldErrors?.slaHours?.[0] ?? result.error.message) : null;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid={`sla-${processCode}`}>
      <input type="hidden" name="processCode" value={processCode} />
      <input
        type="number"
        name="slaHours"
        min={1}
        max={8760}
        defaultValue={slaHours ?? ""}
        placeholder={t("slaNone")}
        aria-label={t("slaLabel")}
        aria-invalid={error ? true : undefined}
        className={`${CONTROL_CLASS} w-24`}
      />
      <span className="text-xs text-slate-500">{t("hours")}</span>
      <Button type="submit" size="sm" variant="secondary" disabled={pending}>
        {t("save")}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </form>
  );
}
