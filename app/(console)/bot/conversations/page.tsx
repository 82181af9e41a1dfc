import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { Pager } from "@/components/data-table/pager";
import { pageCount } from "@/components/data-table/table-state";
import { SelectField, TextField } from "@/components/forms/field";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageTitle } from "@/lib/i18n/metadata";
import { listGroupPolicies, listKnownGroups, listSessions } from "@/lib/stream/bridge";
import { RowActionButton } from "@/components/ui/row-action-button";
import { peopleByIds } from "@/lib/directory/search/search";
import { deleteGroupPolicyAction } from "./actions";
import { GroupPolicyForm } from "./group-policy-form";
import { LiveState } from "./live-state";
import { conversationsState } from "./query";

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
  // People by their name in the synced directory; the name DingTalk sent with the message until then.
  const synced = new Map((await peopleByIds(db, [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))])).map((p) => [p.userId, p.name]));
  const pages = pageCount(total, PAGE_SIZE);

  return (
    <>
      <PageTitle>{t("bot.title")}</PageTitle>
      <Card title={t("bot.live")}>
        <LiveState />
      </Card>
      <Card className="mt-6" title={t("bot.found", { total })}>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm">
          <TextField label={t("bot.person")} name="q" defaultValue={state.q} />
          <SelectField
            label={t("bot.kind.label")}
            name="kind"
            defaultValue={state.kind ?? ""}
            options={[
              { value: "", label: t("dir.any") },
              { value: "private", label: t("bot.kind.private") },
              { value: "group", label: t("bot.kind.group") },
            ]}
          />
          <button type="submit" className={buttonClass("primary", "sm")}>
            {t("audit.filter")}
          </button>
        </form>
        <DataTable
          columns={[
            {
              id: "person",
              header: t("bot.person"),
              cell: (s) => (
                <Link href={`/bot/conversations/${encodeURIComponent(s.id)}`} className="font-medium text-brand-600 hover:underline">
                  {(s.userId && synced.get(s.userId)) ?? s.userName ?? s.conversationTitle ?? s.userId ?? s.id}
                </Link>
              ),
            },
            { id: "kind", header: t("bot.kind.label"), cell: (s) => <Badge tone={s.kind === "group" ? "blue" : "gray"}>{t(`bot.kind.${s.kind}`)}</Badge> },
            { id: "conversation", header: t("bot.conversation"), className: "text-xs text-slate-500", cell: (s) => s.conversationTitle ?? s.conversationId },
            { id: "messages", header: t("bot.messages"), align: "right", cell: (s) => s.messageCount },
            { id: "size", header: t("bot.size"), align: "right", cell: (s) => t("bot.kilobytes", { size: format.number(s.sizeBytes / 1024, { maximumFractionDigits: 1 }) }) },
            { id: "lastActivity", header: t("bot.lastActivity"), className: "tabular-nums text-slate-600", cell: (s) => format.dateTime(s.lastActivityAt, "full") },
          ]}
          rows={rows}
          rowKey={(s) => s.id}
          rowAttributes={(s) => ({ "data-session": s.id })}
          testId="session-list"
          empty={t("bot.empty")}
        />
        <Pager page={state.page} pages={pages} total={total} href={(page) => conversationsState.href("/bot/conversations", state, { page })} />
      </Card>
      <Card className="mt-6" title={t("bot.policies")}>
        <GroupPolicyForm groups={groups} labels={{ group: t("bot.group"), noGroups: t("bot.noGroups"), mode: t("bot.mode"), isolated: t("bot.policy.isolated"), shared: t("bot.policy.shared"), mentionOnly: t("bot.mentionOnly"), save: t("bot.setPolicy") }} />
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
