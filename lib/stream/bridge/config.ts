import { z } from "zod";

/** How a bridge behaves; every field has a default fit for production. */
export const bridgeSettingsSchema = z.object({
  /** Sessions idle this long are deleted by the periodic cleanup. */
  sessionTtlHours: z.number().positive().default(24),
  /** Messages handled at once by one bridge (different sessions; one session is handled in order). */
  concurrency: z.number().int().min(1).max(256).default(16),
  /** A claim older than this is taken to be abandoned (its bridge died) and may be claimed again. */
  staleClaimMs: z.number().int().min(100).default(60_000),
  /** How often pending and abandoned messages are looked for, besides the ones this bridge stores itself. */
  pollIntervalMs: z.number().int().min(10).default(1_000),
  /** How often the bridge reports its live state (BridgeInstance). */
  heartbeatMs: z.number().int().min(100).default(5_000),
  /** How often idle sessions and old inbox rows are removed. */
  cleanupIntervalMs: z.number().int().min(1_000).default(10 * 60_000),
  /** Answered inbox rows are kept this long so that late redeliveries are still recognised. */
  inboxRetentionHours: z.number().positive().default(24),
  /** Stream connections this bridge keeps open (DingTalk spreads frames across them). */
  connections: z.number().int().min(1).max(16).default(1),
  /** The history given to a responder: at most this many turns … */
  historyTurns: z.number().int().min(2).default(20),
  /** … and at most this many bytes; older turns are folded into the session's summary. */
  historyBytes: z.number().int().min(256).default(8_000),
  /** Attempts at one message before it is marked failed. */
  maxAttempts: z.number().int().min(1).default(5),
});
export type BridgeSettings = z.output<typeof bridgeSettingsSchema>;
export type BridgeSettingsInput = z.input<typeof bridgeSettingsSchema>;

export function bridgeSettings(input: BridgeSettingsInput = {}): BridgeSettings {
  return bridgeSettingsSchema.parse(input);
}
