import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonClass } from "@/components/ui/button";

/** Previous / next links around "page n of m", for every paged list; nothing when all fits on one page and `always` is off. */
export function Pager({ page, pages, total, href, always = true }: { page: number; pages: number; total: number; href: (page: number) => string; always?: boolean }) {
  const t = useTranslations("table");
  if (!always && pages <= 1) return null;
  return (
    <nav aria-label={t("pages")} className="mt-4 flex items-center justify-between text-sm" data-testid="pager">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={buttonClass("secondary", "sm")}>
          {t("prev")}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-slate-500" data-testid="pager-status">
        {t("page", { page, pages, total })}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={buttonClass("secondary", "sm")}>
          {t("next")}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
