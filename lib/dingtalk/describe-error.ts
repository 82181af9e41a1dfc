import { DingTalkConfigError, DingTalkError } from "./errors";
import { TOKEN_PATHS } from "./tokens";

export type DescribeLocale = "zh-CN" | "en";

type Words = { zh: string; en: string };

const CREDENTIAL_ENV = { appKey: "DINGTALK_APP_KEY", appSecret: "DINGTALK_APP_SECRET" } as const;

// oapi codes for "the app lacks the permission" (the message names the permission point).
const OAPI_NO_PERMISSION = new Set(["60011", "40078", "60020", "88005"]);
const NOT_FOUND = new Set(["60121", "60003", "33012", "60111"]);

function permission(error: DingTalkError): Words | undefined {
  const forbidden = (error.host === "api" && error.httpStatus === 403) || (error.host === "oapi" && OAPI_NO_PERMISSION.has(error.code));
  if (!forbidden) return undefined;
  const scopes = error.requiredScopes?.length ? error.requiredScopes.join(", ") : undefined;
  if (scopes) {
    return {
      zh: `没有权限：应用需要权限点 ${scopes}，请在钉钉开发者后台「权限管理」中申请。`,
      en: `No permission: the app needs scope ${scopes}. Request it under Permissions in the DingTalk developer console.`,
    };
  }
  return {
    zh: `没有权限：钉钉拒绝了此操作（${error.message}），请在开发者后台核对应用的权限和通讯录范围。`,
    en: `No permission: DingTalk refused this (${error.message}). Check the app's permissions and contact scope in the developer console.`,
  };
}

// A token request turned down for what was sent, not because DingTalk was busy or failing.
function isRefusal(error: DingTalkError): boolean {
  return !error.rateLimited && (error.httpStatus ?? 200) < 500 && !["-1", "88004", "INVALID_RESPONSE"].includes(error.code);
}

function words(error: DingTalkError): Words {
  const base = error.base ?? "DingTalk";
  if (error.credential) {
    const env = CREDENTIAL_ENV[error.credential];
    return error.credential === "appSecret"
      ? { zh: `钉钉拒绝了应用密钥（${env}）：请核对开发者后台「凭证与基础信息」中的 AppSecret。`, en: `DingTalk refused the app secret (${env}). Check the AppSecret under Credentials in the DingTalk developer console.` }
      : { zh: `钉钉不认识此应用的 AppKey（${env}）：请核对开发者后台「凭证与基础信息」中的 AppKey。`, en: `DingTalk does not recognise the app key (${env}). Check the AppKey under Credentials in the DingTalk developer console.` };
  }
  if (error.outcome === "unknown") {
    return {
      zh: `与钉钉（${base}）的连接在请求发出后中断，无法确定操作是否已生效。请先在钉钉中核实，再决定是否重试。`,
      en: `The connection to DingTalk (${base}) broke after the request was sent, so it is unknown whether the change was made. Check in DingTalk before trying again.`,
    };
  }
  if (error.host === "network") {
    if (error.code === "TIMEOUT") return { zh: `钉钉（${base}）未能及时响应，请稍后重试。`, en: `DingTalk at ${base} did not answer in time. Try again shortly.` };
    if (error.code === "UNREACHABLE") return { zh: `无法连接钉钉（${base}）：请检查网络和 DINGTALK_OAPI_BASE / DINGTALK_API_BASE 设置。`, en: `Cannot reach DingTalk at ${base}. Check the network and the DINGTALK_OAPI_BASE / DINGTALK_API_BASE settings.` };
    return { zh: `与钉钉（${base}）的连接中断，请稍后重试。`, en: `The connection to DingTalk at ${base} broke. Try again shortly.` };
  }
  if (error.kind === "quota-exhausted") {
    return {
      zh: "本企业本月的钉钉接口调用额度已用完：需要钉钉的操作将于下月 1 日（北京时间）恢复；已同步到本系统数据库中的数据仍可正常查看和搜索。",
      en: "The organisation's monthly DingTalk call quota is spent: actions that need DingTalk resume on the 1st of next month (China time). Everything already read into the console's database still works.",
    };
  }
  if (error.rateLimited) return { zh: "调用钉钉过于频繁，已被限流，请稍候再试。", en: "Rate limited by DingTalk: too many calls. Wait a moment and try again." };
  if ((error.path === TOKEN_PATHS.oapi || error.path === TOKEN_PATHS.api) && isRefusal(error)) {
    return {
      zh: `钉钉拒绝了应用凭证（DINGTALK_APP_KEY / DINGTALK_APP_SECRET）：${error.message}`,
      en: `DingTalk refused the app credentials (DINGTALK_APP_KEY / DINGTALK_APP_SECRET): ${error.message}`,
    };
  }
  const denied = permission(error);
  if (denied) return denied;
  if (error.kind === "token-rejected") {
    return {
      zh: `钉钉拒绝了访问令牌（${error.message}）：请核对应用凭证，或重新登录后再试。`,
      en: `DingTalk refused the access token (${error.message}). Check the app credentials, or sign in again and retry.`,
    };
  }
  if (NOT_FOUND.has(error.code) || error.httpStatus === 404) return { zh: `钉钉中找不到该对象：${error.message}`, en: `Not found in DingTalk: ${error.message}` };
  if (error.retryable || (error.httpStatus ?? 0) >= 500 || error.code === "88004") {
    return { zh: `钉钉暂时无法处理请求（${error.message}），请稍后重试。`, en: `DingTalk could not handle the request just now (${error.message}). Try again shortly.` };
  }
  if (error.code === "INVALID_RESPONSE") return { zh: `钉钉返回了无法识别的数据：${error.message}`, en: error.message };
  return { zh: `钉钉返回错误：${error.message}（错误码 ${error.code}）`, en: `DingTalk said: ${error.message} (code ${error.code})` };
}

/** Any error from the DingTalk client, in words a person can act on. Never a stack trace or a secret. */
export function describeDingTalkError(error: unknown, locale: DescribeLocale): string {
  const zh = locale === "zh-CN";
  if (error instanceof DingTalkConfigError) {
    return zh ? `钉钉连接设置有误：${error.problems.join("；")}` : `The DingTalk settings are wrong: ${error.problems.join("; ")}`;
  }
  if (!(error instanceof DingTalkError)) {
    return zh ? "访问钉钉时出现意外错误，已记录，请重试。" : "Something unexpected went wrong while talking to DingTalk; it was logged. Please try again.";
  }
  const w = words(error);
  const text = zh ? w.zh : w.en;
  if (!error.requestId) return text;
  return zh ? `${text}（请求 ID：${error.requestId}）` : `${text} (request id ${error.requestId})`;
}
