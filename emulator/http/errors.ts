/**
 * The two error shapes DingTalk answers with. Handlers throw these; the router renders them in
 * the host's format (oapi: HTTP 200 with errcode; api: HTTP 4xx/5xx with code and message).
 */
export class OapiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** Fields DingTalk adds beside errcode, e.g. topapi's `sub_code` and `sub_msg`. */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${errcode} ${errmsg}`);
  }
}

/** Which of DingTalk's two QPS refusals the api host answers with (the emulator counts per app per API either way). */
export type ApiQpsRefusal = "QpsLimitForApi" | "QpsLimitForAppkeyAndApi";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** DingTalk's real codes and messages, in one place so routes do not spell them differently. */
export const oapiErrors = {
  missingParam: (name: string) => new OapiError(40035, `缺少参数 ${name}`),
  invalidParam: (detail: string) => new OapiError(400002, `无效的参数：${detail}`),
  badJson: () => new OapiError(43009, "post参数需要json类型"),
  missingToken: () => new OapiError(41001, "缺少access_token参数"),
  invalidToken: () => new OapiError(40014, "不合法的access_token"),
  expiredToken: () => new OapiError(42001, "access_token超时"),
  /** `/topapi/` paths wrap a refused token (unknown or expired) as errcode 88 with sub_code 40014. */
  topapiInvalidToken: () =>
    new OapiError(88, "ding talk error[subcode=40014,submsg=不合法的access_token]", { sub_code: "40014", sub_msg: "不合法的access_token" }),
  unknownAppKey: () => new OapiError(40096, "不合法的appKey或appSecret"),
  wrongAppSecret: () => new OapiError(40001, "获取access_token时Secret错误，或者access_token无效"),
  missingAppKey: () => new OapiError(40035, "缺少参数 corpid or appkey"),
  userNotFound: () => new OapiError(60121, "找不到该用户"),
  deptNotFound: () => new OapiError(60003, "部门不存在"),
  tooFrequent: (qps: number) =>
    new OapiError(90018, `当前应用调用该接口的频率超过了每秒 ${qps} 次的限制，请求被暂时禁用了，请稍后再试`),
  /** `attempted` is the count this call would have made, as DingTalk words it. */
  quotaExceeded: (attempted: number, quota: number) =>
    new OapiError(90020, `您的企业本月api调用量已超过限制，调用量:${attempted}次，额度:${quota}次，请下月再试或购买调用量扩展包`),
  notFound: () => new OapiError(404, "请求的URI地址不存在"),
  busy: () => new OapiError(-1, "系统繁忙"),
};

export const apiErrors = {
  missingParam: (name: string) => new ApiError(400, `Missing${name}`, `${name} is mandatory for this action.`),
  invalidParam: (detail: string) => new ApiError(400, "paramError", `参数错误：${detail}`),
  badJson: () => new ApiError(400, "InvalidBody", "请求体不是合法的 JSON"),
  missingToken: () =>
    new ApiError(400, "AuthenticationFailed.MissingParameter", "缺少参数：x-acs-dingtalk-access-token"),
  // DingTalk answers a bad or expired token alike, with HTTP 400 (not 401).
  invalidToken: () => new ApiError(400, "InvalidAuthentication", "不合法的access_token"),
  notUserToken: () =>
    new ApiError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "该接口需要用户的 access_token（个人授权），不能使用应用的 access_token"),
  notAppToken: () =>
    new ApiError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "该接口需要应用的 access_token，不能使用个人授权的 access_token"),
  unknownClientId: () => new ApiError(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret"),
  wrongClientSecret: () =>
    new ApiError(400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret：clientSecret 与 clientId 不匹配"),
  invalidAuthCode: () => new ApiError(400, "invalidAuthCode", "无效的authCode：不存在、已过期或已被使用"),
  invalidRefreshToken: () => new ApiError(400, "invalidRefreshToken", "无效的refreshToken：不存在、已过期或已被使用"),
  otherUser: () =>
    new ApiError(403, "Forbidden.AccessDenied.AccessTokenPermissionDenied", "个人授权的 access_token 只能读取授权人自己的信息"),
  throttled: (qps: number, refusal: ApiQpsRefusal) =>
    new ApiError(403, `Forbidden.AccessDenied.${refusal}`, `调用频率超过限制：每秒最多 ${qps} 次，请稍后重试`),
  quotaExceeded: (attempted: number, quota: number) =>
    new ApiError(403, "Forbidden.AccessDenied.ApiCountLimitForOrg", `您的企业本月api调用量已超过限制，调用量:${attempted}次，额度:${quota}次`),
  notFound: () => new ApiError(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method."),
  system: () => new ApiError(500, "systemError", "系统错误"),
};
