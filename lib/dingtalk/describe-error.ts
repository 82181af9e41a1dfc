import { translatorFor } from "../i18n/translator";
import { DingTalkConfigError, DingTalkError } from "./errors";
import { TOKEN_PATHS } from "./tokens";

export type DescribeLocale = "zh-CN" | "en";

/** A key of the `dingtalkError` messages and what fills it. The words live in messages/*.json. */
type Words = { key: DingTalkErrorKey; values?: Record<string, string> };
type DingTalkErrorKey =
  | "noScope" | "noPermission" | "appSecret" | "appKey" | "unknownOutcome" | "timeout" | "unreachable" | "connectionBroken"
  | "quota" | "rateLimited" | "credentialsRefused" | "tokenRefused" | "notFound" | "busy" | "invalidResponse" | "other";

const CREDENTIAL_ENV = { appKey: "DINGTALK_APP_KEY", appSecret: "DINGTALK_APP_SECRET" } as const;

// oapi codes for "the app lacks the permission" (the message names the permission point).
const OAPI_NO_PERMISSION = new Set(["60011", "40078", "60020", "88005"]);
const NOT_FOUND = new Set(["60121", "60003", "33012", "60111"]);

function permission(error: DingTalkError): Words | undefined {
  const forbidden = (error.host === "api" && error.httpStatus === 403) || (error.host === "oapi" && OAPI_NO_PERMISSION.has(error.code));
  if (!forbidden) return undefined;
  const scopes = error.requiredScopes?.length ? error.requiredScopes.join(", ") : undefined;
  return scopes ? { key: "noScope", values: { scopes } } : { key: "noPermission", values: { message: error.message } };
}

// A token request turned down for what was sent, not because DingTalk was busy or failing.
function isRefusal(error: DingTalkError): boolean {
  return !error.rateLimited && (error.httpStatus ?? 200) < 500 && !["-1", "88004", "INVALID_RESPONSE"].includes(error.code);
}

function words(error: DingTalkError): Words {
  const base = error.base ?? "DingTalk";
  const message = error.message;
  if (error.credential) return { key: error.credential, values: { env: CREDENTIAL_ENV[error.credential] } };
  if (error.outcome === "unknown") return { key: "unknownOutcome", values: { base } };
  if (error.host === "network") {
    if (error.code === "TIMEOUT") return { key: "timeout", values: { base } };
    if (error.code === "UNREACHABLE") return { key: "unreachable", values: { base } };
    return { key: "connectionBroken", values: { base } };
  }
  if (error.kind === "quota-exhausted") return { key: "quota" };
  if (error.rateLimited) return { key: "rateLimited" };
  if ((error.path === TOKEN_PATHS.oapi || error.path === TOKEN_PATHS.api) && isRefusal(error)) return { key: "credentialsRefused", values: { message } };
  const denied = permission(error);
  if (denied) return denied;
  if (error.kind === "token-rejected") return { key: "tokenRefused", values: { message } };
  if (NOT_FOUND.has(error.code) || error.httpStatus === 404) return { key: "notFound", values: { message } };
  if (error.retryable || (error.httpStatus ?? 0) >= 500 || error.code === "88004") return { key: "busy", values: { message } };
  if (error.code === "INVALID_RESPONSE") return { key: "invalidResponse", values: { message } };
  return { key: "other", values: { message, code: error.code } };
}

/** Any error from the DingTalk client, in words a person can act on. Never a stack trace or a secret. */
export function describeDingTalkError(error: unknown, locale: DescribeLocale): string {
  const t = translatorFor(locale);
  if (error instanceof DingTalkConfigError) return t("dingtalkError.config", { problems: error.problems.join(t("dingtalkError.problemSeparator")) });
  if (!(error instanceof DingTalkError)) return t("dingtalkError.unexpected");
  const w = words(error);
  const text = t(`dingtalkError.${w.key}`, w.values);
  return error.requestId ? t("dingtalkError.withRequestId", { text, requestId: error.requestId }) : text;
}
