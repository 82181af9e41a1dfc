import { ApiError } from "../http/errors";

/**
 * The approval API's own refusals. api.dingtalk.com answers them with HTTP 400 and codes of
 * the `aflow…` family (`aflowProcessInstNotExist`, `aflowProcessInstCanNotBeExecuted`, as its
 * documentation lists them); the rest follow the same naming.
 */
export const workflowErrors = {
  instanceNotFound: () => new ApiError(400, "aflowProcessInstNotExist", "审批实例不存在"),
  notRunning: () => new ApiError(400, "aflowProcessInstCanNotBeExecuted", "审批状态异常,无法执行"),
  processNotFound: (code: string) => new ApiError(400, "aflowProcessNotExist", `审批模板不存在：${code}`),
  notVisible: (userId: string, name: string) =>
    new ApiError(400, "aflowProcessNotVisible", `发起人 ${userId} 不在审批模板「${name}」的可见范围内`),
  taskNotFound: () => new ApiError(400, "aflowTaskNotExist", "审批任务不存在"),
  taskDone: () => new ApiError(400, "aflowTaskCanNotBeExecuted", "审批任务已处理,无法执行"),
  notTaskOwner: (userId: string) => new ApiError(400, "aflowTaskNotBelongToUser", `审批任务不属于用户 ${userId},无法操作`),
  noTerminatePermission: (userId: string) =>
    new ApiError(400, "aflowNoPermission", `用户 ${userId} 不是发起人或管理员,无权撤销该审批`),
  notAdmin: (userId: string) => new ApiError(403, "Forbidden.AccessDenied.NotAdmin", `用户 ${userId} 不是管理员，无法查看企业全部审批模板`),
  userNotFound: (userId: string) => new ApiError(400, "userNotExist", `用户不存在：${userId}`),
  form: (detail: string) => new ApiError(400, "invalidParameter", `表单校验失败：${detail}`),
  invalid: (detail: string) => new ApiError(400, "invalidParameter", detail),
  spanTooLong: () => new ApiError(400, "invalidParameter", "查询时间跨度不能超过120天（endTime - startTime ≤ 120 天）"),
};
