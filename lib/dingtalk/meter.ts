import { AsyncLocalStorage } from "node:async_hooks";

// What every DingTalk call is counted as, and for what. The transport tells its meter about each
// request it sends; the meter (lib/dingtalk/meter-store.ts for the database) adds it up. What a
// call was made for travels with the async context, so the code that makes calls need not pass it.

/** One request as the transport sent it. */
export interface MeteredCall {
  host: "oapi" | "api";
  method: string;
  /** Path without query, e.g. `/topapi/v2/user/get`. */
  path: string;
}

/**
 * Receives every request that reached DingTalk (each attempt of a retried call), and whether DingTalk
 * counts it against the quota: not the token calls, and not the calls it refused without running
 * them (a bad token, too fast, the quota spent).
 */
export interface CallMeter {
  record(call: MeteredCall, metered: boolean): void;
  /** A call failed for good; the meter may act on why (a quota refusal blocks background work). */
  failed?(call: MeteredCall, error: unknown): void;
  /** A call succeeded (after any retries); DingTalk accepting a metered call lifts a quota block. */
  succeeded?(call: MeteredCall): void;
}

// DingTalk counts every server API call against the quota except the two app token calls.
const UNMETERED = new Set(["GET /gettoken", "POST /v1.0/oauth2/accessToken"]);

/** "POST /topapi/v2/user/get": how the meter and the emulator name an API. */
export const apiName = (call: Pick<MeteredCall, "method" | "path">): string => `${call.method.toUpperCase()} ${call.path}`;

export const isMetered = (call: Pick<MeteredCall, "method" | "path">): boolean => !UNMETERED.has(apiName(call));

/** The area calls are counted under when nothing says otherwise. */
export const UNATTRIBUTED = "other";

interface Tally {
  calls: number;
}

interface CallScope {
  area: string;
  /** Every tally open around the current code, innermost last. */
  tallies: readonly Tally[];
}

// One store per process: Next.js may bundle this module more than once (instrumentation, routes,
// actions), and the client (made once) must see the area set by whichever copy runs the code.
const SCOPE_KEY = Symbol.for("dingtalk-console.call-scope");
const holder = globalThis as unknown as Record<symbol, AsyncLocalStorage<CallScope> | undefined>;
const scope: AsyncLocalStorage<CallScope> = (holder[SCOPE_KEY] ??= new AsyncLocalStorage<CallScope>());

/** Runs `fn` with its DingTalk calls (and those of the work it starts) counted under `area`. */
export function withCallArea<T>(area: string, fn: () => T): T {
  const outer = scope.getStore();
  return scope.run({ area, tallies: outer?.tallies ?? [] }, fn);
}

/** The area of the calls made here; `fallback` outside any area. */
export function currentCallArea(fallback: string = UNATTRIBUTED): string {
  return scope.getStore()?.area ?? fallback;
}

/**
 * Runs `fn` and counts the metered calls it makes, also those of work it starts that goes on after
 * it returns: `calls()` keeps growing until that work ends.
 */
export function tallyCalls<T>(fn: () => T): { result: T; calls: () => number } {
  const outer = scope.getStore();
  const tally: Tally = { calls: 0 };
  const result = scope.run({ area: outer?.area ?? UNATTRIBUTED, tallies: [...(outer?.tallies ?? []), tally] }, fn);
  return { result, calls: () => tally.calls };
}

/** Adds one call to every tally open around the caller; the meter calls it for metered calls. */
export function noteMeteredCall(): void {
  for (const t of scope.getStore()?.tallies ?? []) t.calls++;
}
