import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requirePermission } from "@/lib/auth/current";
import { can } from "@/lib/authz/permissions";
import { requireArea } from "@/lib/authz/require-area";
import { describeDingTalkError, type FormSchema, type ProcessTemplate } from "@/lib/dingtalk";
import { withCallArea } from "@/lib/dingtalk/meter";
import { pageTitle } from "@/lib/i18n/metadata";
import type { Locale } from "@/lib/i18n/locale";
import { getDingTalk } from "@/lib/server/dingtalk";
import { getLocale } from "next-intl/server";
import { ApprovalsNav } from "../parts";
import { StartForm } from "./start-form";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("approvals.start.title");

/** The templates the person may start, and the chosen one's schema. */
function templatesAndSchema(userId: string, processCode: string | undefined): Promise<{ templates: ProcessTemplate[]; schema: FormSchema | null }> {
  return withCallArea("approvals.act", async () => {
    const templates: ProcessTemplate[] = [];
    for await (const template of getDingTalk().workflow.iterateVisibleTemplates(userId)) templates.push(template);
    const chosen = templates.find((x) => x.processCode === processCode);
    return { templates, schema: chosen ? await getDingTalk().workflow.getFormSchema(chosen.processCode) : null };
  });
}

/**
 * Start an approval: the templates the person can start in DingTalk, then the chosen one's form,
 * generated from its schema. Two calls per form: the templates and the schema.
 */
export default async function StartApprovalPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireArea("approvals");
  const actor = await requirePermission("approvals.act");
  const t = await getTranslations("approvals.start");
  const locale = (await getLocale()) as Locale;
  const raw = (await searchParams).processCode;
  const processCode = typeof raw === "string" && raw.length <= 100 ? raw : undefined;

  let templates: ProcessTemplate[] = [];
  let schema: FormSchema | null = null;
  let problem: string | null = null;
  try {
    ({ templates, schema } = await templatesAndSchema(actor.userId, processCode));
  } catch (error) {
    problem = describeDingTalkError(error, locale);
  }
  const chosen = templates.find((x) => x.processCode === processCode);

  return (
    <>
      <PageTitle sub={chosen?.name}>{t("title")}</PageTitle>
      <ApprovalsNav actor={actor} current="start" />
      {problem ? <Notice tone="error">{problem}</Notice> : null}
      {chosen && schema ? (
        <Card
          title={schema.title || chosen.name}
          actions={
            <Link href="/approvals/start" className="text-sm text-brand-600 hover:underline">
              {t("change")}
            </Link>
          }
        >
          <StartForm
            key={chosen.processCode}
            processCode={chosen.processCode}
            items={schema.items}
            canStartOnBehalf={can(actor.roles, "approvals.startOnBehalf")}
            dingTalkUrl={chosen.url}
          />
        </Card>
      ) : problem ? null : (
        <Card title={t("chooseTemplate")}>
          {templates.length === 0 ? (
            <p className="text-sm text-slate-500">{t("noTemplates")}</p>
          ) : (
            <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3" data-testid="start-templates">
              {templates.map((x) => (
                <li key={x.processCode}>
                  <Link
                    href={`/approvals/start?processCode=${encodeURIComponent(x.processCode)}`}
                    className="flex flex-col rounded-lg border border-slate-200 px-4 py-3 hover:border-brand-500 hover:bg-brand-50"
                  >
                    <span className="font-medium text-slate-900">{x.name}</span>
                    <span className="text-xs text-slate-500">{x.dirName}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Card>
      )}
    </>
  );
}
