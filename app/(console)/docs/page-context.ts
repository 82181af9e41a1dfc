import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { requireArea } from "@/lib/authz/require-area";
import { getDb, type Db } from "@/lib/db/client";
import { describeDingTalkError, isDingTalkError, type Docs } from "@/lib/dingtalk";
import { getNode, getWorkspace, type Operator } from "@/lib/docs/documents";
import { operatorFor } from "@/lib/docs/operator";
import { DocsRefusal } from "@/lib/docs/refusals";
import type { Translate } from "@/lib/i18n/catalog";
import type { Locale } from "@/lib/i18n/locale";
import { getDingTalk } from "@/lib/server/dingtalk";

/** What every docs page works with: the person as DingTalk's operator, the client, words. */
export interface DocsPageContext {
  op: Operator;
  docs: Docs;
  db: Db;
  t: Translate;
  format: Awaited<ReturnType<typeof getFormatter>>;
  locale: Locale;
}

/**
 * The docs pages' start: the area's permission, then the person's unionId from the synced
 * directory. A person without one gets the words for it instead of a context. Once per request.
 */
export const docsPageContext = cache(async (): Promise<{ ok: true; ctx: DocsPageContext } | { ok: false; problem: string; t: Translate }> => {
  const actor = await requireArea("docs");
  const [t, format, locale] = await Promise.all([getTranslations(), getFormatter(), getLocale() as Promise<Locale>]);
  const db = getDb();
  try {
    return { ok: true, ctx: { op: await operatorFor(db, actor), docs: getDingTalk().docs, db, t, format, locale } };
  } catch (error) {
    return { ok: false, problem: docsProblem(error, t, locale), t };
  }
});

/** A refusal or a DingTalk error in the person's words; anything else is a bug and is thrown on. */
export function docsProblem(error: unknown, t: Translate, locale: Locale): string {
  if (error instanceof DocsRefusal) return t(`actions.errors.${error.code}` as "actions.errors.DOCS_NO_ACCESS");
  if (isDingTalkError(error)) return describeDingTalkError(error, locale);
  throw error;
}

/** Runs a read for a page; its refusal comes back as words to show in place of the content. */
export async function pageRead<T>(ctx: DocsPageContext, read: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; problem: string }> {
  try {
    return { ok: true, value: await read() };
  } catch (error) {
    return { ok: false, problem: docsProblem(error, ctx.t, ctx.locale) };
  }
}

// The layout and the page of one request both need the workspace and the node: one call each.
export const cachedWorkspace = cache((ctx: DocsPageContext, workspaceId: string) => pageRead(ctx, () => getWorkspace(ctx.docs, ctx.op, workspaceId)));
export const cachedNode = cache((ctx: DocsPageContext, nodeId: string) => pageRead(ctx, () => getNode(ctx.docs, ctx.op, nodeId)));

/** A knowledge base's or node's id from the path: DingTalk's ids are letters and digits, anything else is no page. */
export function pathId(value: string): string {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) notFound();
  return value;
}
