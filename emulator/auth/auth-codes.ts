import { randomBytes } from "node:crypto";
import type { Clock } from "../clock";
import type { LoginIdentity } from "./identity";

const AUTH_CODE_TTL_MS = 5 * 60_000;

interface PendingCode {
  readonly clientId: string;
  readonly identity: LoginIdentity;
  readonly expiresAt: number;
}

/** Codes handed out by the login page: single-use, five minutes on the emulator's clock. */
export class AuthCodeStore {
  private readonly codes = new Map<string, PendingCode>();

  constructor(private readonly clock: Clock) {}

  create(clientId: string, identity: LoginIdentity): string {
    const code = randomBytes(16).toString("hex");
    this.codes.set(code, { clientId, identity, expiresAt: this.clock.now() + AUTH_CODE_TTL_MS });
    return code;
  }

  /** The identity behind a code, or null when it is unknown, used, expired or another app's. */
  redeem(clientId: string, code: string): LoginIdentity | null {
    const pending = this.codes.get(code);
    if (!pending) return null;
    this.codes.delete(code);
    if (pending.clientId !== clientId || pending.expiresAt <= this.clock.now()) return null;
    return pending.identity;
  }
}
