"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { AREAS, areaOfPath, type AreaId } from "@/lib/areas";

/** The navigation: the areas the person may see (`shown`, from the server), in the registry's order. */
export function SidebarNav({ shown }: { shown: readonly AreaId[] }) {
  const t = useTranslations();
  const current = areaOfPath(usePathname())?.id;
  return (
    <nav className="flex flex-col gap-0.5 px-3">
      {AREAS.filter((a) => shown.includes(a.id)).map((area) => {
        const active = area.id === current;
        const Icon = area.icon;
        return (
          <Link
            key={area.id}
            href={area.route}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"}`}
          >
            <Icon aria-hidden className="h-4 w-4 shrink-0" />
            {t(area.label)}
          </Link>
        );
      })}
    </nav>
  );
}
