import Link from "next/link";
import { BarChart } from "@/components/charts/bar-chart";
import { LineChart } from "@/components/charts/line-chart";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { departmentTrail } from "@/lib/directory/queries";
import { headcountByDepartment, headcountTrend } from "@/lib/directory/stats";
import { getTranslations } from "next-intl/server";
import { shanghaiDay } from "@/lib/time";
import { statsState } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("stats.title");

/** Headcount of a department's children (the root's by default) and its trend over 90 days. */
export default async function StatsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireArea("directory");
  const t = await getTranslations();
  const requested = statsState.parse(await searchParams).dept;
  const db = getDb();
  const root = await db.directoryDepartment.findFirst({ where: { parentId: null, removedAt: null }, select: { deptId: true } });
  if (!root) {
    return (
      <>
        <PageTitle>{t("stats.title")}</PageTitle>
        <p className="text-sm text-slate-500">{t("stats.empty")}</p>
      </>
    );
  }
  const deptId = requested ?? root.deptId;
  const now = new Date();
  const [children, detail, trend] = await Promise.all([
    headcountByDepartment(db, deptId),
    departmentTrail(db, deptId),
    headcountTrend(db, deptId, { from: shanghaiDay(now, -90), to: shanghaiDay(now) }),
  ]);
  const name = detail?.department.name ?? String(deptId);
  return (
    <>
      <PageTitle sub={detail ? [...detail.parentPath.map((d) => d.name), name].join(" / ") : undefined}>{t("stats.title")}</PageTitle>
      {detail && detail.parentPath.length > 0 ? (
        <Link href={`/directory/stats?dept=${detail.parentPath.at(-1)!.deptId}`} className="mb-4 inline-block text-sm text-brand-600 hover:underline">
          ← {detail.parentPath.at(-1)!.name}
        </Link>
      ) : null}
      <Card title={`${t("stats.byDept")} · ${name}`}>
        <BarChart title={`${t("stats.byDept")} · ${name}`} bars={children.map((c) => ({ label: c.name, value: c.headcount, href: `/directory/stats?dept=${c.deptId}` }))} />
      </Card>
      <Card className="mt-6" title={t("stats.trend", { name })}>
        {trend.length === 0 ? <p className="text-sm text-slate-500">{t("stats.noTrend")}</p> : <LineChart title={t("stats.trend", { name })} points={trend.map((p) => ({ label: p.day, value: p.headcount }))} />}
      </Card>
    </>
  );
}
