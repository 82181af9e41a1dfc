import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { Card, PageTitle } from "@/components/ui/card";
import { RowActionButton } from "@/components/ui/row-action-button";
import { requireArea } from "@/lib/authz/require-area";
import { getDb } from "@/lib/db/client";
import { getFormatter, getTranslations } from "next-intl/server";
import { pageTitle } from "@/lib/i18n/metadata";
import { peopleByIds } from "@/lib/directory/search/search";
import { getSession } from "@/lib/stream/bridge";
import { deleteBotConversationAction, resetBotConversationAction } from "../actions";
import { pathSegment } from "@/lib/url-state";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("bot.conversation");

export default async function BotConversationPage({ params }: { params: Promise<{ id: string }> }) {
  await requireArea("botConversations");
  const t = await getTranslations();
  const format = await getFormatter();
  const id = pathSegment((await params).id, 512);
  const session = id === null ? null : await getSession(getDb(), id);
  if (!session) notFound();
  // The person by their name in the synced directory; the name DingTalk sent with the message until then.
  const [synced] = session.userId ? await peopleByIds(getDb(), [session.userId]) : [];
  const name = synced?.name ?? session.userName ?? session.conversationTitle ?? session.userId ?? session.id;
  return (
    <>
      <PageTitle sub={<span className="font-mono text-xs">{session.id}</span>}>
        <Link href="/bot/conversations" className="text-slate-400 hover:text-slate-600">
          {t("bot.title")}
        </Link>{" "}
        / {name}{" "}
        <Badge tone={session.kind === "group" ? "blue" : "gray"}>{t(`bot.kind.${session.kind}`)}</Badge>
      </PageTitle>
      <div className="mb-4 flex flex-wrap items-center gap-4 text-sm text-slate-600">
        <span data-testid="session-count">
          {t("bot.messages")}: {format.number(session.messageCount)}
        </span>
        <span>
          {t("bot.size")}: {t("bot.kilobytes", { size: format.number(session.sizeBytes / 1024, { maximumFractionDigits: 1 }) })}
        </span>
        <span>
          {t("bot.lastActivity")}: {format.dateTime(session.lastActivityAt, "full")}
        </span>
        <span className="ml-auto flex gap-2">
          <RowActionButton action={resetBotConversationAction} fields={{ id: session.id }} label={t("bot.reset")} confirm={t("bot.resetConfirm.title")} consequence={t("bot.resetConfirm.body", { count: session.messageCount })} />
          <RowActionButton action={deleteBotConversationAction} fields={{ id: session.id }} label={t("bot.delete")} confirm={t("bot.deleteConfirm.title")} consequence={t("bot.deleteConfirm.body", { count: session.messageCount })} />
        </span>
      </div>
      <Card title={t("bot.summary")} className="mb-6">
        <p className="whitespace-pre-wrap text-sm text-slate-700">{session.summary ?? t("bot.noSummary")}</p>
      </Card>
      <Card title={t("bot.conversation")}>
        {session.turns.length === 0 ? (
          <p className="text-sm text-slate-500">{t("bot.empty")}</p>
        ) : (
          <ol className="flex flex-col gap-3" data-testid="session-turns">
            {session.turns.map((turn) => (
              <li key={turn.id} className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${turn.role === "user" ? "self-start bg-slate-100" : "self-end bg-brand-50"}`} data-role={turn.role}>
                <div className="mb-1 text-xs text-slate-400">
                  {turn.role === "user" ? t("bot.user") : t("bot.assistant")} · {format.dateTime(turn.createdAt, "full")}
                </div>
                <div className="whitespace-pre-wrap">{turn.content}</div>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </>
  );
}
