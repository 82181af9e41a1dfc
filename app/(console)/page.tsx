import { Suspense } from "react";
import { DingTalkErrorPanel } from "@/components/dingtalk-error-panel";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/catalog";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/lib/db/client";
import { syncedDepartmentCount } from "@/lib/directory/queries";
import { getOrgFigures } from "@/lib/org/figures";
import { getDingTalk } from "@/lib/server/dingtalk";

export const dynamic = "force-dynamic";

function Figure({ label, value, testId }: { label: string; value: React.ReactNode; testId: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-2 text-3xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}

async function Figures({ t, locale }: { t: Translate; locale: Locale }) {
  const db = getDb();
  const result = await getOrgFigures(getDingTalk(), { syncedDepartments: () => syncedDepartmentCount(db) }).then(
    (figures) => ({ ok: true as const, figures }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (!result.ok) return <DingTalkErrorPanel error={result.error} t={t} locale={locale} />;
  const f = result.figures;
  const format = await getFormatter();
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <Figure label={t("overview.people")} value={format.number(f.people)} testId="figure-people" />
      <Figure label={t("overview.activePeople")} value={format.number(f.activePeople)} testId="figure-active" />
      <Figure label={t("overview.departments")} value={format.number(f.departments)} testId="figure-departments" />
    </div>
  );
}

export default async function OverviewPage() {
  const actor = await requireArea("overview");
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <PageTitle sub={t("overview.you", { name: actor.name })}>{t("overview.title")}</PageTitle>
      <Suspense fallback={<p className="text-sm text-slate-500">{t("common.loading")}</p>}>
        <Figures t={t} locale={locale} />
      </Suspense>
      <Card className="mt-6" title={t("overview.yourRoles")}>
        <div className="flex gap-2">
          {actor.roles.map((r) => (
            <Badge key={r} tone="blue">
              {t(`role.${r}`)}
            </Badge>
          ))}
        </div>
      </Card>
    </>
  );
}
