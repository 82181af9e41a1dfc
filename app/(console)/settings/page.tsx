import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { listActiveSessions } from "@/lib/auth/session-store";
import { requireArea } from "@/lib/authz/require-area";
import { ROLE_NAMES } from "@/lib/authz/permissions";
import { listAssignments } from "@/lib/authz/roles-store";
import { getDb } from "@/lib/db/client";
import { peopleByIds } from "@/lib/directory/search/search";
import { PersonLink } from "@/components/person-link";
import { SYSTEM_ACTOR } from "@/lib/audit";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageTitle } from "@/lib/i18n/metadata";
import { endSignInSessionsAction, revokeRoleAction } from "./actions";
import { GrantRoleForm } from "./grant-role-form";
import { RowActionButton } from "@/components/ui/row-action-button";
import { TableHead } from "@/components/ui/table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("settings.title");

export default async function SettingsPage() {
  const actor = await requireArea("settings");
  const t = await getTranslations();
  const format = await getFormatter();
  const db = getDb();
  const [assignments, sessions] = await Promise.all([listAssignments(db), listActiveSessions(db, {})]);
  // People by name from the synced directory; the name noted at the grant (or the id) until it is synced.
  const synced = await peopleByIds(db, [...new Set(assignments.flatMap((a) => [a.userId, a.grantedBy]))]);
  const nameOf = new Map(synced.map((p) => [p.userId, p.name]));
  const sessionsByUser = new Map<string, { name: string; count: number; first: Date; last: Date }>();
  for (const s of sessions) {
    const entry = sessionsByUser.get(s.userId) ?? { name: s.userName ?? s.userId, count: 0, first: s.createdAt, last: s.lastSeenAt };
    entry.count += 1;
    if (s.createdAt < entry.first) entry.first = s.createdAt;
    if (s.lastSeenAt > entry.last) entry.last = s.lastSeenAt;
    sessionsByUser.set(s.userId, entry);
  }
  const roleOptions = ROLE_NAMES.map((r) => ({ value: r, label: t(`role.${r}`) }));

  return (
    <>
      <PageTitle>{t("settings.title")}</PageTitle>
      <p className="mb-4 text-sm">
        <Link href="/settings/usage" className="text-brand-600 hover:underline" data-testid="usage-link">
          {t("usage.link")}
        </Link>
      </p>
      <Card title={t("settings.roles")}>
        <GrantRoleForm labels={{ person: t("settings.person"), personHint: t("settings.personHint"), role: t("settings.role"), grant: t("settings.grant"), roles: roleOptions }} />
        <table className="mt-6 w-full text-sm" data-testid="role-table">
          <TableHead columns={[t("settings.person"), t("settings.role"), t("settings.grantedBy"), t("settings.grantedAt"), null]} />
          <tbody>
            {assignments.map((a) => (
              <tr key={`${a.userId}:${a.role}`} className="border-t border-slate-100" data-userid={a.userId} data-role={a.role}>
                <td className="py-2">
                  <PersonLink userId={a.userId} name={nameOf.get(a.userId) ?? a.note} className="font-medium" />
                </td>
                <td className="py-2">
                  <Badge tone={a.role === "admin" ? "blue" : "gray"}>{t(`role.${a.role as (typeof ROLE_NAMES)[number]}`)}</Badge>
                </td>
                <td className="py-2 text-slate-600">{a.grantedBy === SYSTEM_ACTOR.userId ? a.grantedBy : <PersonLink userId={a.grantedBy} name={nameOf.get(a.grantedBy)} />}</td>
                <td className="py-2 text-slate-600">{format.dateTime(a.grantedAt, "full")}</td>
                <td className="py-2 text-right">
                  <RowActionButton action={revokeRoleAction} fields={{ userId: a.userId, role: a.role }} label={t("settings.revoke")} confirm={t("settings.revokeConfirm.title", { name: nameOf.get(a.userId) ?? a.note ?? a.userId, role: t(`role.${a.role as (typeof ROLE_NAMES)[number]}`) })} consequence={t("settings.revokeConfirm.body")} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="mt-6" title={t("settings.sessions")}>
        {sessionsByUser.size === 0 ? (
          <p className="text-sm text-slate-500">{t("settings.noSessions")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="session-table">
            <TableHead columns={[t("settings.sessionUser"), t("settings.sessionStarted"), t("settings.sessionLastSeen"), null]} />
            <tbody>
              {[...sessionsByUser.entries()].map(([userId, s]) => (
                <tr key={userId} className="border-t border-slate-100" data-userid={userId}>
                  <td className="py-2">
                    <span className="font-medium">{s.name}</span> <span className="text-xs text-slate-400">×{s.count}</span>
                  </td>
                  <td className="py-2 text-slate-600">{format.dateTime(s.first, "full")}</td>
                  <td className="py-2 text-slate-600">{format.dateTime(s.last, "full")}</td>
                  <td className="py-2 text-right">
                    {userId === actor.userId ? null : (
                      <RowActionButton action={endSignInSessionsAction} fields={{ userId }} label={t("settings.endSessions")} confirm={t("settings.endSessionsConfirm.title", { name: s.name })} consequence={t("settings.endSessionsConfirm.body")} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
