import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations();
  return (
    <div className="mx-auto max-w-xl px-6 py-16">
      <h1 className="mb-3 text-xl font-semibold">{t("notFound.title")}</h1>
      <Link href="/" className="text-sm text-brand-600 hover:underline">
        ← {t("nav.overview")}
      </Link>
    </div>
  );
}
