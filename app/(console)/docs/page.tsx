import { BookOpen } from "lucide-react";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CONTROL_CLASS } from "@/components/forms/field";
import { buttonClass } from "@/components/ui/button";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireArea } from "@/lib/authz/require-area";
import { listWorkspaces, nodeByUrl } from "@/lib/docs/documents";
import { pageTitle } from "@/lib/i18n/metadata";
import { docsPageContext, pageRead } from "./page-context";
import { openState } from "./query";
import { RoleBadge } from "./role-badge";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("docs.title");

/** The knowledge bases the signed-in person belongs to in DingTalk, and a pasted document link to open. */
export default async function DocsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("docs");
  const started = await docsPageContext();
  if (!started.ok) {
    return (
      <>
        <PageTitle sub={started.t("docs.sub")}>{started.t("docs.title")}</PageTitle>
        <Notice tone="warn">{started.problem}</Notice>
      </>
    );
  }
  const { ctx } = started;
  const { t } = ctx;
  const { url } = openState.parse(await searchParams);
  let openProblem: string | null = null;
  if (url) {
    const opened = await pageRead(ctx, () => nodeByUrl(ctx.docs, ctx.op, url));
    if (opened.ok) redirect(`/docs/${opened.value.workspaceId}/${opened.value.nodeId}`);
    openProblem = opened.problem;
  }
  const workspaces = await pageRead(ctx, () => listWorkspaces(ctx.docs, ctx.op));

  return (
    <>
      <PageTitle sub={t("docs.sub")}>{t("docs.title")}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card title={t("docs.openByLink.title")}>
          <form method="get" className="flex flex-col gap-2 text-sm sm:flex-row sm:items-end" data-testid="open-by-link">
            <label className="flex flex-1 flex-col gap-1">
              <span className="text-slate-600">{t("docs.openByLink.label")}</span>
              <input name="url" type="url" defaultValue={url} placeholder={t("docs.openByLink.placeholder")} className={CONTROL_CLASS} aria-invalid={openProblem ? true : undefined} />
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              {t("docs.openByLink.submit")}
            </button>
          </form>
          {openProblem ? (
            <div className="mt-3">
              <Notice tone="error">{openProblem}</Notice>
            </div>
          ) : null}
        </Card>
        <Card title={t("docs.workspaces")}>
          {!workspaces.ok ? (
            <Notice tone="error">{workspaces.problem}</Notice>
          ) : workspaces.value.length === 0 ? (
            <p className="text-sm text-slate-500">{t("docs.noWorkspaces")}</p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" data-testid="workspaces">
              {workspaces.value.map((w) => (
                <li key={w.workspaceId}>
                  <Link href={`/docs/${w.workspaceId}`} className="flex h-full flex-col gap-1 rounded-lg border border-slate-200 p-4 hover:border-brand-300 hover:bg-brand-50/40">
                    <span className="flex items-center gap-2 font-medium text-slate-900">
                      <BookOpen className="h-4 w-4 text-brand-500" aria-hidden />
                      {w.name}
                    </span>
                    {w.description ? <span className="text-xs text-slate-500">{w.description}</span> : null}
                    <RoleBadge role={w.permissionRole} />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
