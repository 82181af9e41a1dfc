import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { RowActionButton } from "@/components/ui/row-action-button";
import { TableHead } from "@/components/ui/table-head";
import { listSubscriptions, reportLinks } from "@/lib/attendance/delivery";
import { requirePermission } from "@/lib/auth/current";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { pageTitle } from "@/lib/i18n/metadata";
import { retryDeliveryAction, unsubscribeAction } from "../actions";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("attendance.subscriptions.title");

// i18n-keys: attendance.subscriptions.periods.*
// i18n-keys: attendance.subscriptions.status.*

const TONE = { pending: "blue", sent: "green", failed: "red" } as const;

/** Every subscription with its deliveries: sent, waiting, or failed with the error and the next attempt. */
export default async function AttendanceSubscriptionsPage() {
  await requireArea("attendance");
  await requirePermission("attendance.subscribe");
  const [t, format] = await Promise.all([getTranslations("attendance.subscriptions"), getFormatter()]);
  const db = getDb();
  const subs = await listSubscriptions(db);
  const ids = [...new Set(subs.flatMap((s) => [s.userId, ...s.scope.userIds]))];
  const [users, depts] = await Promise.all([
    db.directoryUser.findMany({ where: { userId: { in: ids } }, select: { userId: true, name: true } }),
    db.directoryDepartment.findMany({ where: { deptId: { in: subs.flatMap((s) => s.scope.deptIds) } }, select: { deptId: true, name: true } }),
  ]);
  const nameOf = new Map(users.map((u) => [u.userId, u.name]));
  const deptOf = new Map(depts.map((d) => [d.deptId, d.name]));
  return (
    <>
      <PageTitle sub={t("intro")}>{t("title")}</PageTitle>
      {subs.length === 0 ? <p className="text-sm text-slate-500">{t("none")}</p> : null}
      <div className="flex flex-col gap-6">
        {subs.map((s) => (
          <Card
            key={s.id}
            title={t("heading", { period: t(`periods.${s.period as "monthly" | "weekly"}`), to: nameOf.get(s.userId) ?? s.userId })}
            actions={<RowActionButton action={unsubscribeAction} fields={{ id: s.id }} label={t("unsubscribe")} confirm={t("unsubscribeConfirm")} />}
          >
            <p className="mb-3 text-sm text-slate-600" data-testid="subscription-scope">
              {[...s.scope.deptIds.map((d) => deptOf.get(d) ?? String(d)), ...s.scope.userIds.map((u) => nameOf.get(u) ?? u)].join(t("listSeparator"))}
              {s.scope.groupId ? ` · ${t("group", { id: s.scope.groupId })}` : ""}
            </p>
            {s.deliveries.length === 0 ? (
              <p className="text-sm text-slate-500">{t("noDeliveries")}</p>
            ) : (
              <table className="w-full text-sm" data-testid="deliveries">
                <TableHead columns={[t("periodCol"), t("statusCol"), { label: t("attempts"), align: "right" }, t("detail"), ""]} />
                <tbody>
                  {s.deliveries.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 align-top" data-status={d.status}>
                      <td className="py-2 pr-3 tabular-nums">
                        <a href={reportLinks("", s.scope, d.fromDay, d.toDay).report} className="text-brand-600 hover:underline">
                          {d.fromDay} – {d.toDay}
                        </a>
                      </td>
                      <td className="py-2 pr-3">
                        <Badge tone={TONE[d.status as keyof typeof TONE] ?? "blue"}>{t(`status.${d.status as keyof typeof TONE}`)}</Badge>
                      </td>
                      <td className="py-2 pr-3 text-right tabular-nums">{d.attempts}</td>
                      <td className="py-2 pr-3 text-xs text-slate-600">
                        {d.sentAt ? t("sentAt", { at: format.dateTime(d.sentAt, "full") }) : null}
                        {d.lastError ? <span className="block text-red-700">{d.lastError}</span> : null}
                        {d.status !== "sent" && d.nextAttemptAt ? <span className="block">{t("nextAttempt", { at: format.dateTime(d.nextAttemptAt, "full") })}</span> : null}
                        {d.status === "failed" && !d.nextAttemptAt ? <span className="block">{t("gaveUp")}</span> : null}
                      </td>
                      <td className="py-2">
                        {d.status === "failed" ? <RowActionButton action={retryDeliveryAction} fields={{ id: d.id }} label={t("retry")} confirm={t("retryConfirm")} /> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
        ))}
      </div>
    </>
  );
}
