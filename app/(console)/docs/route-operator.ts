import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/current";
import type { Db } from "@/lib/db/client";
import type { Docs } from "@/lib/dingtalk";
import type { Operator } from "@/lib/docs/documents";
import { operatorFor } from "@/lib/docs/operator";
import { DocsRefusal } from "@/lib/docs/refusals";
import type { Locale } from "@/lib/i18n/locale";
import { isDingTalkError } from "@/lib/dingtalk";
import { getDingTalk } from "@/lib/server/dingtalk";
import { docsProblem } from "./page-context";

/**
 * For the docs routes the pages fetch from: runs `read` as the person and answers its JSON, or
 * the refusal in the person's words (403 for DingTalk's permission, 409 for the rest).
 */
export async function docsRouteOperator<T>(db: Db, actor: Actor, read: (op: Operator, docs: Docs) => Promise<T>): Promise<Response> {
  try {
    const op = await operatorFor(db, actor);
    return Response.json(await read(op, getDingTalk().docs), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    if (!(error instanceof DocsRefusal) && !isDingTalkError(error)) throw error;
    const [t, locale] = await Promise.all([getTranslations(), getLocale() as Promise<Locale>]);
    const status = error instanceof DocsRefusal && error.code === "DOCS_NO_ACCESS" ? 403 : error instanceof DocsRefusal && error.code === "DOCS_NOT_FOUND" ? 404 : 409;
    return Response.json({ error: docsProblem(error, t, locale), code: error.code }, { status, headers: { "cache-control": "no-store" } });
  }
}
