import { REDACTED, redactHeaders, redactObject, redactUrl } from "@/lib/redact";

/** One line of the client's debug log. URL, headers and bodies are redacted before they get here. */
export type DebugLogEntry =
  | { kind: "request"; id: number; attempt: number; method: string; url: string; headers: Record<string, string>; body?: unknown }
  | { kind: "response"; id: number; attempt: number; method: string; url: string; status: number; durationMs: number; requestId?: string; body?: unknown }
  | { kind: "failure"; id: number; attempt: number; method: string; url: string; durationMs: number; error: string }
  | { kind: "retry"; id: number; attempt: number; method: string; url: string; delayMs: number; code: string }
  | { kind: "token"; tokenKind: string; action: "refresh" | "invalidate"; reason?: string };

export type DebugLogger = (entry: DebugLogEntry) => void;

/** Writes entries as single JSON lines to the console, for `DINGTALK_DEBUG=1`. */
export const consoleDebugLogger: DebugLogger = (entry) => {
  console.debug(`[dingtalk] ${JSON.stringify(entry)}`);
};

// An OAuth authorization code is a single-use credential; redact.ts keeps `code` because
// elsewhere it names an error code, so request bodies get this one extra rule.
const REQUEST_ONLY_SECRETS = new Set(["code"]);

function redactRequestBody(body: unknown): unknown {
  const redacted = redactObject(body);
  if (redacted === null || typeof redacted !== "object" || Array.isArray(redacted)) return redacted;
  const out: Record<string, unknown> = { ...(redacted as Record<string, unknown>) };
  for (const key of Object.keys(out)) {
    if (REQUEST_ONLY_SECRETS.has(key) && typeof out[key] === "string" && out[key] !== "") out[key] = REDACTED;
  }
  return out;
}

let nextId = 1;

/**
 * The client's debug log: every method redacts before handing the entry on,
 * so no token, secret or signature can reach a logger, however it is configured.
 */
export class DebugLog {
  constructor(private readonly logger: DebugLogger | undefined) {}

  get enabled(): boolean {
    return this.logger !== undefined;
  }

  newId(): number {
    return nextId++;
  }

  request(id: number, attempt: number, method: string, url: string, headers: Record<string, string>, body: unknown): void {
    this.logger?.({ kind: "request", id, attempt, method, url: redactUrl(url), headers: redactHeaders(headers), body: body === undefined ? undefined : redactRequestBody(body) });
  }

  response(id: number, attempt: number, method: string, url: string, status: number, durationMs: number, requestId: string | undefined, body: unknown): void {
    this.logger?.({ kind: "response", id, attempt, method, url: redactUrl(url), status, durationMs, requestId, body: redactObject(body) });
  }

  failure(id: number, attempt: number, method: string, url: string, durationMs: number, error: string): void {
    this.logger?.({ kind: "failure", id, attempt, method, url: redactUrl(url), durationMs, error });
  }

  retry(id: number, attempt: number, method: string, url: string, delayMs: number, code: string): void {
    this.logger?.({ kind: "retry", id, attempt, method, url: redactUrl(url), delayMs, code });
  }

  token(tokenKind: string, action: "refresh" | "invalidate", reason?: string): void {
    this.logger?.({ kind: "token", tokenKind, action, reason });
  }
}
