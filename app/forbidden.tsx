import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { lookupActor } from "@/lib/auth/current";
import { getFormatter, getTranslations } from "next-intl/server";

export default async function Forbidden() {
  const t = await getTranslations();
  const format = await getFormatter();
  const found = await lookupActor();
  const roles = found.status === "signed-in" ? format.list(found.actor.roles.map((r) => t(`role.${r}`))) : "—";
  return (
    <div className="mx-auto max-w-xl px-6 py-16" data-testid="forbidden">
      <h1 className="mb-4 text-xl font-semibold">{t("forbidden.title")}</h1>
      <Notice tone="error">{t("forbidden.body", { roles })}</Notice>
      <Link href="/" className="mt-6 inline-block text-sm text-brand-600 hover:underline">
        ← {t("nav.overview")}
      </Link>
    </div>
  );
}
