import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { listSyncRuns } from "@/lib/directory/sync/progress";
import { getTranslations } from "next-intl/server";
import { SyncPanel } from "./sync-panel";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("sync.title");

export default async function DirectorySyncPage() {
  await requireArea("directorySync");
  const t = await getTranslations();
  const runs = await listSyncRuns(getDb(), 10);
  return (
    <>
      <PageTitle>{t("sync.title")}</PageTitle>
      <Card title={t("sync.runs")}>
        <SyncPanel initial={runs} />
      </Card>
    </>
  );
}
