import type { Metadata } from "next";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { listSyncRuns } from "@/lib/directory/sync/progress";
import { getLocale, getTranslations } from "next-intl/server";
import { SyncPanel } from "./sync-panel";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "通讯录同步 / Directory sync" };

export default async function DirectorySyncPage() {
  await requireArea("directorySync");
  const t = await getTranslations();
  const locale = await getLocale();
  const runs = await listSyncRuns(getDb(), 10);
  return (
    <>
      <PageTitle>{t("sync.title")}</PageTitle>
      <Card title={t("sync.runs")}>
        <SyncPanel
          initial={runs}
          locale={locale}
          labels={{
            start: t("sync.start"), busy: t("sync.busy"), started: t("sync.started"), status: t("sync.status.label"), departments: t("sync.departments"),
            people: t("sync.people"), rate: t("sync.rate"), left: t("sync.left"), calls: t("sync.calls"), startedAt: t("sync.startedAt"), none: t("sync.none"),
            running: t("sync.status.running"), done: t("sync.status.done"), failed: t("sync.status.failed"), interrupted: t("sync.status.interrupted"),
          }}
        />
      </Card>
    </>
  );
}
