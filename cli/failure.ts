import { DingTalkConfigError, DingTalkError, describeDingTalkError } from "@/lib/dingtalk";
import { TOKEN_PATHS } from "@/lib/dingtalk/tokens";

/** The error codes of the command line's JSON output. */
export type ErrorCode =
  | "MISSING_CREDENTIALS"
  | "INVALID_ARGUMENTS"
  | "AUTH_FAILED"
  | "PERMISSION_DENIED"
  | "RATE_LIMITED"
  | "QUOTA_EXCEEDED"
  | "UNKNOWN_ERROR"
  | "STREAM_CONNECTION_FAILED";

/** Exit statuses: a usage mistake is told apart from a failure of the work itself. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure already put in the command line's words. */
export class CliFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "CliFailure";
  }

  get exitCode(): number {
    return this.code === "INVALID_ARGUMENTS" ? EXIT.usage : EXIT.failure;
  }
}

// oapi: bad secret / bad token / bad app key or secret / expired token.
const OAPI_AUTH = new Set(["40001", "40014", "40089", "40096", "42001"]);
const API_AUTH = new Set(["invalidClientIdOrSecret", "InvalidAuthentication", "AuthenticationFailed.MissingParameter"]);
// oapi "the app lacks this permission" codes.
const OAPI_PERMISSION = new Set(["40078", "60011", "60020", "88005"]);
const TOKEN_PATH_SET = new Set<string>(Object.values(TOKEN_PATHS));

function classify(error: DingTalkError): ErrorCode {
  if (error.credential) return "AUTH_FAILED";
  // The kind reads every spelling DingTalk has for these (topapi 88 + sub_code, api 403 Forbidden.AccessDenied.*),
  // which the code tables below would take for a missing permission or an unknown error.
  if (error.kind === "quota-exhausted") return "QUOTA_EXCEEDED";
  if (error.kind === "rate-limited") return "RATE_LIMITED";
  if (error.kind === "token-rejected") return "AUTH_FAILED";
  if (error.host === "oapi" && OAPI_AUTH.has(error.code)) return "AUTH_FAILED";
  if (error.host === "api" && (API_AUTH.has(error.code) || error.httpStatus === 401)) return "AUTH_FAILED";
  // A token request turned down (not failed) means the credentials were refused.
  if (error.path && TOKEN_PATH_SET.has(error.path) && !error.retryable && !error.rateLimited && (error.httpStatus ?? 200) < 500) return "AUTH_FAILED";
  if (error.host === "oapi" && OAPI_PERMISSION.has(error.code)) return "PERMISSION_DENIED";
  if (error.host === "api" && (error.httpStatus === 403 || error.code.startsWith("Forbidden"))) return "PERMISSION_DENIED";
  return "UNKNOWN_ERROR";
}

function dingTalkDetails(error: DingTalkError): Record<string, unknown> {
  const details: Record<string, unknown> = { dingtalkCode: error.code, host: error.host };
  if (error.httpStatus !== undefined) details.httpStatus = error.httpStatus;
  if (error.requestId) details.requestId = error.requestId;
  if (error.requiredScopes?.length) details.requiredScopes = error.requiredScopes;
  if (error.outcome) details.outcome = error.outcome;
  if (error.path) details.path = error.path;
  return details;
}

function fromDingTalk(error: DingTalkError, override?: ErrorCode): CliFailure {
  const words = describeDingTalkError(error, "en");
  // The DingTalk code (and the request id, which describeDingTalkError appends) belong in the message itself.
  const label = error.host === "network" ? "error" : "DingTalk code";
  const message = words.includes(error.code) ? words : `${words} [${label} ${error.code}]`;
  return new CliFailure(override ?? classify(error), message, dingTalkDetails(error));
}

/**
 * Any error thrown while a command ran, as a `CliFailure`. `override` is the command's own code
 * for failures of its work (argument and credential problems keep theirs).
 */
export function toFailure(error: unknown, override?: ErrorCode): CliFailure {
  if (error instanceof CliFailure) return error;
  if (error instanceof DingTalkError) return fromDingTalk(error, override);
  // Settings the client refused (a malformed base URL, a missing DINGTALK_AGENT_ID): the message names the variable.
  if (error instanceof DingTalkConfigError) return new CliFailure("INVALID_ARGUMENTS", describeDingTalkError(error, "en"));
  // The client checks what it is given before calling DingTalk and says what is wrong with a RangeError.
  if (error instanceof RangeError) return new CliFailure("INVALID_ARGUMENTS", error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new CliFailure(override ?? "UNKNOWN_ERROR", message || "unexpected error");
}
