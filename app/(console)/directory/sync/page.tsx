import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { listSyncRuns } from "@/lib/directory/sync/progress";
import { fullSyncCallEstimate } from "@/lib/directory/sync/reconcile-plan";
import { budgetConfig } from "@/lib/budget/config";
import { jobEstimate } from "@/lib/budget/estimate";
import { quotaState } from "@/lib/budget/quota-state";
import { monthUsage } from "@/lib/budget/usage";
import { getTranslations } from "next-intl/server";
import { SyncPanel } from "./sync-panel";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("sync.title");

export default async function DirectorySyncPage() {
  await requireArea("directorySync");
  const t = await getTranslations();
  const db = getDb();
  const [runs, calls, usage, quota] = await Promise.all([listSyncRuns(db, 10), fullSyncCallEstimate(db), monthUsage(db, budgetConfig()), quotaState(db)]);
  // Before the first sync the org's size is unknown: no estimate, and no confirmation to ask for.
  const estimate = calls > 0 ? jobEstimate(usage, calls, quota.blocked) : null;
  return (
    <>
      <PageTitle>{t("sync.title")}</PageTitle>
      <Card title={t("sync.runs")}>
        <SyncPanel initial={runs} estimate={estimate} />
      </Card>
    </>
  );
}
