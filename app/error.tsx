"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";

// The last line of defence: a person sees what to do, never a stack trace.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="mx-auto max-w-xl px-6 py-16" role="alert">
      <h1 className="mb-3 text-xl font-semibold">{t("errorPage.title")}</h1>
      <p className="text-sm text-slate-600">{error.digest ? t("errorPage.loggedWithId", { id: error.digest }) : t("errorPage.logged")}</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-500 px-4 py-2 text-sm text-white hover:bg-brand-600">
        {t("common.retry")}
      </button>
    </div>
  );
}
