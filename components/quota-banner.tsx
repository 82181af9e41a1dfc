import { getFormatter, getTranslations } from "next-intl/server";
import { quotaState } from "@/lib/budget/quota-state";
import { getDb } from "@/lib/db/client";

/**
 * Shown on every console page while DingTalk refuses the org's calls for the monthly quota: since
 * when, until when, and that what is read from the database still works.
 */
export async function QuotaBanner() {
  const state = await quotaState(getDb()).catch(() => ({ blocked: false as const }));
  if (!state.blocked) return null;
  const t = await getTranslations("quota");
  const format = await getFormatter();
  return (
    <div role="alert" data-testid="quota-banner" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900">
      <p className="font-semibold">{t("title")}</p>
      <p className="mt-1">{t("body", { since: format.dateTime(state.since!, "full"), until: format.dateTime(state.until!, "full") })}</p>
    </div>
  );
}
