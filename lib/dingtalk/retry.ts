import { DingTalkError } from "./errors";

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

// oapi errcodes that mean "refused for going too fast": the call did not run, so it is safe to repeat.
const OAPI_RATE_LIMITED = new Set([90002, 90005, 90006, 90010, 90018, 130101]);
// "System busy": DingTalk turned the call away before doing anything.
const OAPI_BUSY = new Set([-1]);
// "Server internal error": the call may have run.
const OAPI_SERVER_ERROR = new Set([88004]);

export type FailureKind = "rate-limited" | "busy" | "server-error" | "final";

/** What an oapi errcode means for a retry. */
export function classifyOapiCode(errcode: number): FailureKind {
  if (OAPI_RATE_LIMITED.has(errcode)) return "rate-limited";
  if (OAPI_BUSY.has(errcode)) return "busy";
  if (OAPI_SERVER_ERROR.has(errcode)) return "server-error";
  return "final";
}

/** What an api (new host) HTTP error means for a retry. */
export function classifyApiStatus(status: number, code?: string): FailureKind {
  if (status === 429 || (code !== undefined && /^Throttling/i.test(code))) return "rate-limited";
  if (status === 503) return "busy";
  if (status >= 500) return "server-error";
  return "final";
}

/**
 * Whether a failure of this kind may be retried. A write that DingTalk may already have
 * carried out (server error) is not repeated: it could happen twice.
 */
export function isRetryableKind(kind: FailureKind, idempotent: boolean): boolean {
  if (kind === "final") return false;
  if (kind === "server-error") return idempotent;
  return true;
}

/**
 * Exponential backoff with jitter: the cap doubles each attempt up to `maxDelayMs`,
 * and the wait is drawn from the upper half of it so that callers spread out but still back off.
 * `attempt` is the number of the try that just failed (1 for the first).
 */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}

export interface RetryOptions {
  policy: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each wait; for the debug log. */
  onRetry?: (error: DingTalkError, attempt: number, delayMs: number) => void;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// A rate-limited call waits at least this long: DingTalk counts calls per second.
const RATE_LIMIT_FLOOR_MS = 250;

/**
 * Runs `fn` until it succeeds, throws something not retryable, or runs out of attempts.
 * Whether an error is retryable was decided where it was made (it knows the call's idempotency).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (!(error instanceof DingTalkError) || !error.retryable || attempt >= options.policy.attempts) throw error;
      let delay = backoffDelay(attempt, options.policy, options.random);
      if (error.rateLimited) delay = Math.max(delay, RATE_LIMIT_FLOOR_MS + Math.round((options.random ?? Math.random)() * RATE_LIMIT_FLOOR_MS));
      options.onRetry?.(error, attempt, delay);
      await wait(delay);
    }
  }
}
