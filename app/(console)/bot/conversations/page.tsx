import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageTitle } from "@/lib/i18n/metadata";
import { queryHref } from "@/lib/query-href";
import { listGroupPolicies, listKnownGroups, listSessions } from "@/lib/stream/bridge";
import { RowActionButton } from "@/components/ui/row-action-button";
import { deleteGroupPolicyAction } from "./actions";
import { GroupPolicyForm } from "./group-policy-form";
import { LiveState } from "./live-state";
import { conversationsState } from "./query";
import { TableHead } from "@/components/ui/table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("bot.title");

const PAGE_SIZE = 50;

export default async function BotConversationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("botConversations");
  const t = await getTranslations();
  const format = await getFormatter();
  const state = conversationsState.parse(await searchParams);
  const db = getDb();
  const [{ rows, total }, policies, groups] = await Promise.all([
    listSessions(db, { query: state.q, kind: state.kind, page: state.page, pageSize: PAGE_SIZE }),
    listGroupPolicies(db),
    listKnownGroups(db),
  ]);
  const groupTitle = new Map(groups.map((g) => [g.conversationId, g.title]));
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (change: Partial<typeof state>) => queryHref("/bot/conversations", state, change, { page: 1 });

  return (
    <>
      <PageTitle>{t("bot.title")}</PageTitle>
      <Card title={t("bot.live")}>
        <LiveState />
      </Card>
      <Card className="mt-6" title={t("common.page", { page: state.page, pages, total })}>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("bot.person")}</span>
            <input name="q" defaultValue={state.q} className="rounded-md border border-slate-300 px-2 py-1.5" />
          </label>
          <label className="flex flex-col gap-1">
            <span className="text-slate-600">{t("bot.kind.label")}</span>
            <select name="kind" defaultValue={state.kind ?? ""} className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
              <option value="">{t("dir.any")}</option>
              <option value="private">{t("bot.kind.private")}</option>
              <option value="group">{t("bot.kind.group")}</option>
            </select>
          </label>
          <button type="submit" className={buttonClass("primary", "sm")}>
            {t("audit.filter")}
          </button>
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">{t("bot.empty")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="session-list">
            <TableHead columns={[t("bot.person"), t("bot.kind.label"), t("bot.conversation"), { label: t("bot.messages"), align: "right" }, { label: t("bot.size"), align: "right" }, t("bot.lastActivity")]} />
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-t border-slate-100" data-session={s.id}>
                  <td className="py-2 pr-3">
                    <Link href={`/bot/conversations/${encodeURIComponent(s.id)}`} className="font-medium text-brand-600 hover:underline">
                      {s.userName ?? s.userId ?? s.id}
                    </Link>
                  </td>
                  <td className="py-2 pr-3">
                    <Badge tone={s.kind === "group" ? "blue" : "gray"}>{t(`bot.kind.${s.kind}`)}</Badge>
                  </td>
                  <td className="py-2 pr-3 text-xs text-slate-500">{s.conversationTitle ?? s.conversationId}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{s.messageCount}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{t("bot.kilobytes", { size: format.number(s.sizeBytes / 1024, { maximumFractionDigits: 1 }) })}</td>
                  <td className="py-2 tabular-nums text-slate-600">{format.dateTime(s.lastActivityAt, "full")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="mt-4 flex justify-between text-sm">
          {state.page > 1 ? <Link href={href({ page: state.page - 1 })} className={buttonClass("secondary", "sm")}>{t("common.prev")}</Link> : <span />}
          {state.page < pages ? <Link href={href({ page: state.page + 1 })} className={buttonClass("secondary", "sm")}>{t("common.next")}</Link> : <span />}
        </div>
      </Card>
      <Card className="mt-6" title={t("bot.policies")}>
        <GroupPolicyForm groups={groups} labels={{ group: t("bot.group"), noGroups: t("bot.noGroups"), isolated: t("bot.policy.isolated"), shared: t("bot.policy.shared"), mentionOnly: t("bot.mentionOnly"), save: t("bot.setPolicy") }} />
        {policies.length > 0 ? (
          <ul className="mt-4 flex flex-col gap-1 text-sm" data-testid="group-policies">
            {policies.map((p) => (
              <li key={p.conversationId} className="flex items-center justify-between gap-3" data-conversation={p.conversationId}>
                <span>
                  <span className="font-medium">{groupTitle.get(p.conversationId) ?? p.conversationId}</span> · {t(`bot.policy.${p.mode}`)}
                  {p.mentionOnly ? ` · ${t("bot.mentionOnly")}` : ""}
                </span>
                <RowActionButton
                  action={deleteGroupPolicyAction}
                  fields={{ conversationId: p.conversationId }}
                  label={t("bot.removePolicy")}
                  confirm={t("bot.removePolicyConfirm.title", { group: groupTitle.get(p.conversationId) ?? p.conversationId })}
                  consequence={t("bot.removePolicyConfirm.body")}
                />
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
    </>
  );
}
