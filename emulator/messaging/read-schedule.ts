import { createHash } from "node:crypto";

// Readers open a message between 5 s and 30 min after it arrives; about one in five never does.
const MIN_DELAY_MS = 5_000;
const SPREAD_MS = 30 * 60_000;

/**
 * When a person reads a message, as a delay after delivery: derived from the message and the person
 * only, so the same run reads the same way and tests can move the clock past every reader (or none).
 * Null means the person never reads it.
 */
export function readDelayMs(messageKey: string, userId: string): number | null {
  const digest = createHash("sha256").update(`${messageKey}\n${userId}`).digest();
  if (digest[0] % 5 === 0) return null;
  return MIN_DELAY_MS + (digest.readUInt32BE(1) % SPREAD_MS);
}

/** A recipient of a message and the moment (emulator ms) they read it, if ever. */
export interface Recipient {
  userId: string;
  deliveredAt: number;
  readAt: number | null;
}

export function recipientsOf(messageKey: string, userIds: readonly string[], deliveredAt: (index: number) => number): Recipient[] {
  return userIds.map((userId, i) => {
    const at = deliveredAt(i);
    const delay = readDelayMs(messageKey, userId);
    return { userId, deliveredAt: at, readAt: delay === null ? null : at + delay };
  });
}

export const hasRead = (r: Recipient, now: number): boolean => r.readAt !== null && r.readAt <= now;
