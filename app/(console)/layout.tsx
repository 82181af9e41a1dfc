import { redirect } from "next/navigation";
import { ConsoleShell } from "@/components/layout/console-shell";
import { QuotaBanner } from "@/components/quota-banner";
import { lookupActor } from "@/lib/auth/current";
import { env } from "@/lib/env";
import { getLocale, getTranslations } from "next-intl/server";

export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const found = await lookupActor();
  if (found.status === "signed-out") redirect("/login");
  if (found.status === "ended") redirect("/login?error=SessionEnded");
  if (found.actor.roles.length === 0) redirect("/login/denied?reason=no-role");
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <ConsoleShell actor={found.actor} t={t} locale={locale} demo={env().DINGTALK_DEMO}>
      <QuotaBanner />
      {children}
    </ConsoleShell>
  );
}
