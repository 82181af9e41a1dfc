// The DingTalk client's public surface; import from "@/lib/dingtalk".
export { createDingTalkClient, type DingTalkClient } from "./client";
export { dingTalkClientConfigSchema, parseClientConfig, type DingTalkClientConfig, type DingTalkClientOptions } from "./config";
export type { Contacts, ContactLanguage, DingTalkUser, SearchResult, UserPage } from "./contacts";
export type { DebugLogEntry, DebugLogger } from "./debug-log";
export { consoleDebugLogger } from "./debug-log";
export type { Departments, DingTalkDepartment, DingTalkSubDepartment } from "./departments";
export { describeDingTalkError, type DescribeLocale } from "./describe-error";
export { DingTalkConfigError, DingTalkError, isDingTalkError, isQuotaRefusal, type DingTalkCredential, type DingTalkErrorInit, type DingTalkErrorKind, type DingTalkHost } from "./errors";
export type { AuthorizeUrlOptions, CurrentUser, OAuth, UserTokens } from "./oauth";
export { collect, cursorPages, eachItem, nextTokenPages, offsetPages, PaginationStalledError, type CursorPage, type OffsetPage, type TokenPage } from "./pagination";
export type { AppTokenKind } from "./tokens";
export { oapiResult, type Call, type CallAuth, type CallOptions, type HostKind, type HttpMethod } from "./transport";
export { wireFlag, wireOptionalNumber, wireOptionalText, wireText } from "./wire";
export { checkDeptId, checkOffset, checkPageSize, checkText } from "./arguments";

// Domain modules: their methods hang off the client; these are their types and helpers.
export * from "./workflow";
export * from "./calendar";
export * from "./attendance";
export * from "./docs";
export * from "./robot";
export * from "./notify";
export * from "./chat";
export * from "./conversation-message";
export * from "./robot-webhook";
export * from "./isv-signature";
export * from "./stream";
export * from "./callback-crypto";
