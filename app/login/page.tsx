import { redirect } from "next/navigation";
import { CenteredPanel } from "@/components/layout/centered-panel";
import { Logo } from "@/components/layout/logo";
import { SignInButton } from "@/components/layout/sign-in-button";
import { Notice } from "@/components/ui/notice";
import { lookupActor } from "@/lib/auth/current";
import { env } from "@/lib/env";
import { getLocale, getTranslations } from "next-intl/server";
import { checkDingTalkConnection } from "@/lib/org/connection-check";
import { getDingTalk } from "@/lib/server/dingtalk";
import { loginState } from "./query";
import { pageTitle } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = pageTitle("login.pageTitle");

const KNOWN_ERRORS = ["OAuthCallback", "OAuthSignin", "Callback", "SessionRequired", "SessionEnded"] as const;
const isKnownError = (e: string | undefined): e is (typeof KNOWN_ERRORS)[number] => KNOWN_ERRORS.some((k) => k === e);

function safeCallback(value: string | undefined): string {
  // Only same-site paths, never an absolute URL: an open redirect would let a link sign people into elsewhere.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = loginState.parse(await searchParams);
  const found = await lookupActor();
  if (found.status === "signed-in" && !params.error) redirect("/");
  const t = await getTranslations();
  const locale = await getLocale();
  const connection = await checkDingTalkConnection(getDingTalk(), locale);
  const error = params.error;
  const errorKey = isKnownError(error) ? (`login.error.${error}` as const) : "login.error.default";
  return (
    <CenteredPanel>
      <div className="mb-6 flex items-center gap-3">
        <Logo size={40} />
        <div>
          <h1 className="text-lg font-semibold">{t("login.title")}</h1>
          <p className="text-sm text-slate-500">{t("login.subtitle")}</p>
        </div>
      </div>
      {env().DINGTALK_DEMO ? (
        <div className="mb-4">
          <Notice tone="warn">{t("app.demoBanner")}</Notice>
        </div>
      ) : null}
      {!connection.ok ? (
        <div className="mb-4" data-testid="dingtalk-connection">
          <Notice tone="error" title={t("error.dingtalk.title")}>
            {connection.message}
          </Notice>
        </div>
      ) : null}
      {error ? (
        <div className="mb-4" data-testid="login-error">
          <Notice tone="error">{t(errorKey)}</Notice>
        </div>
      ) : null}
      <SignInButton label={t("login.button")} callbackUrl={safeCallback(params.callbackUrl)} />
    </CenteredPanel>
  );
}
