import Link from "next/link";
import { CenteredPanel } from "@/components/layout/centered-panel";
import { buttonClass } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { getTranslations } from "next-intl/server";
import { pageTitle } from "@/lib/i18n/metadata";
import { deniedState } from "../query";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("denied.title");

export default async function DeniedPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { reason, detail } = deniedState.parse(await searchParams);
  const t = await getTranslations();
  const body = reason === "not-in-org" ? t("denied.notInOrg") : reason === "no-role" ? t("denied.noRole") : `${t("denied.dingtalk")} ${detail ?? ""}`;
  return (
    <CenteredPanel>
      <h1 className="mb-4 text-lg font-semibold" data-testid="denied-title">
        {t("denied.title")}
      </h1>
      <div data-testid="denied-reason" data-reason={reason ?? "unknown"}>
        <Notice tone="error">{body}</Notice>
      </div>
      <Link href="/login" className={`${buttonClass("secondary")} mt-6 w-full`}>
        {t("denied.back")}
      </Link>
    </CenteredPanel>
  );
}
