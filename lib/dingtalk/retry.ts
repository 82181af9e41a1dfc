import { DingTalkError, type ReplyKind } from "./errors";

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What a reply from DingTalk means for a retry; the codes behind each kind are in errors.ts. */
export type FailureKind = ReplyKind;

/**
 * Whether a failure of this kind may be retried with backoff. A write that DingTalk may already
 * have carried out (server error) is not repeated: it could happen twice. A spent monthly quota
 * is never retried (each try would fail until the month turns, and would tell DingTalk nothing new);
 * a refused token is renewed and the call repeated once by the transport, not here.
 */
export function isRetryableKind(kind: FailureKind, idempotent: boolean): boolean {
  if (kind === "server-error") return idempotent;
  return kind === "rate-limited" || kind === "busy";
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
      // A quota refusal is final even if someone marked it retryable: repeating it only spends time.
      if (!(error instanceof DingTalkError) || !error.retryable || error.kind === "quota-exhausted" || attempt >= options.policy.attempts) throw error;
      let delay = backoffDelay(attempt, options.policy, options.random);
      if (error.rateLimited) delay = Math.max(delay, RATE_LIMIT_FLOOR_MS + Math.round((options.random ?? Math.random)() * RATE_LIMIT_FLOOR_MS));
      options.onRetry?.(error, attempt, delay);
      await wait(delay);
    }
  }
}
