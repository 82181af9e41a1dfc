import { ApiError, apiErrors } from "../http/errors";
import type { DocRole } from "./store";

const ROLE_WORDS: Record<DocRole, string> = { owner: "管理", editor: "编辑", viewer: "查看" };

/**
 * The errors of the knowledge-base API. A missing operatorId is `MissingoperatorId`; an operatorId
 * that is not a unionId (a userId is the usual mistake) is `paramError`; an operator without the
 * needed role is HTTP 403.
 */
export const docsErrors = {
  missingOperator: () => apiErrors.missingParam("operatorId"),
  userIdAsOperator: () =>
    new ApiError(400, "paramError", "参数错误：operatorId 须为操作人的 unionId，传入的是 userId（可用 /topapi/v2/user/get 查询 unionid）"),
  unknownOperator: () => new ApiError(400, "paramError", "参数错误：operatorId 不是本企业成员的 unionId"),
  accessDenied: (needed: DocRole, what: string) =>
    new ApiError(403, "Forbidden.AccessDenied", `没有权限：操作人没有${what}的${ROLE_WORDS[needed]}权限`),
  workspaceNotFound: () => new ApiError(404, "notFound", "知识库不存在或已被删除"),
  nodeNotFound: () => new ApiError(404, "notFound", "节点不存在或已被删除"),
  documentNotFound: () => new ApiError(404, "notFound", "文档不存在或已被删除"),
  invalid: (detail: string) => apiErrors.invalidParam(detail),
};
