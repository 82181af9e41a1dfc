import { isDingTalkError } from "@/lib/dingtalk";
import { ActionFailure } from "@/lib/server/action-errors";

/** Every code a document refusal has; each has words under `actions.errors` (tested). */
export const DOCS_REFUSALS = [
  "DOCS_NOT_IN_DIRECTORY",
  "DOCS_NO_ACCESS",
  "DOCS_NOT_FOUND",
  "DOCS_NOT_EDITABLE",
  "DOC_CHANGED",
  "DOCS_NOT_A_LINK",
  "DOCS_VERSION_NOT_FOUND",
  "DOCS_MEMBER_NOT_IN_DIRECTORY",
  "DOCS_FOLDER_NOT_EMPTY",
] as const;
export type DocsRefusalCode = (typeof DOCS_REFUSALS)[number];

/**
 * A refusal the person can act on, named by a key of `actions.errors`. It carries DingTalk's
 * request id when DingTalk refused, so that the audit entry keeps it.
 */
export class DocsRefusal extends ActionFailure {
  constructor(
    code: DocsRefusalCode,
    readonly requestId?: string,
    field?: string,
  ) {
    super(code, field);
  }
}

/**
 * DingTalk's refusals of document work in words about documents: a 403 that is not about the
 * app's scopes, rate or quota is the person's own document permission (every call acts as them);
 * a 404 is a node that no longer exists. Anything else passes unchanged, to be described generally.
 */
export function asDocsRefusal(error: unknown): unknown {
  if (!isDingTalkError(error) || error.host !== "api") return error;
  if (error.httpStatus === 403 && !error.code.startsWith("Forbidden.AccessDenied.")) return new DocsRefusal("DOCS_NO_ACCESS", error.requestId);
  if (error.httpStatus === 404) return new DocsRefusal("DOCS_NOT_FOUND", error.requestId);
  return error;
}

/** Runs `fn` with DingTalk's document refusals turned into `DocsRefusal`s. */
export async function refusalsInWords<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw asDocsRefusal(error);
  }
}
