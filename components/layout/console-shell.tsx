import { Badge } from "@/components/ui/badge";
import type { Actor } from "@/lib/auth/current";
import { visibleAreas } from "@/lib/areas";
import type { Locale } from "@/lib/i18n/locale";
import type { Translate } from "@/lib/i18n/catalog";
import { LanguageSwitch } from "./language-switch";
import { Logo } from "./logo";
import { SidebarNav } from "./sidebar-nav";
import { SignOutButton } from "./sign-out-button";

export function ConsoleShell({ actor, t, locale, demo, children }: { actor: Actor; t: Translate; locale: Locale; demo: boolean; children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <div className="flex h-14 items-center gap-2 px-5">
          <Logo size={28} />
          <span className="text-sm font-semibold">{t("app.name")}</span>
        </div>
        <SidebarNav shown={visibleAreas(actor.roles)} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        {demo ? (
          <div data-testid="demo-banner" className="border-b border-amber-200 bg-amber-50 px-6 py-2 text-xs text-amber-900">
            {t("app.demoBanner")}
          </div>
        ) : null}
        <header className="flex h-14 items-center justify-end gap-4 border-b border-slate-200 bg-white px-6">
          <div className="flex items-center gap-2 text-sm" data-testid="current-person">
            <span className="font-medium">{actor.name}</span>
            {actor.roles.map((r) => (
              <Badge key={r} tone={r === "admin" ? "blue" : "gray"}>
                {t(`role.${r}`)}
              </Badge>
            ))}
          </div>
          <LanguageSwitch locale={locale} label={t("header.language")} />
          <SignOutButton label={t("header.signOut")} />
        </header>
        <main className="mx-auto w-full max-w-6xl flex-1 px-6 py-6">{children}</main>
      </div>
    </div>
  );
}
