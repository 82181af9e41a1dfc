import { ControlClientBase } from "./control/control-client-base";
import type {
  ControlStats, FaultInput, OrgSummary, OrgUsersFilter, OrgUsersPage, QpsChange, QuotaChange, QuotaSnapshot, TokenKindToExpire,
} from "./control/schemas";

export type { ControlStats, FaultInput, OrgSummary, OrgUsersFilter, OrgUsersPage, QpsChange, QuotaChange, QuotaSnapshot, TokenKindToExpire };
export type { OrgAdmin, OrgUserRow } from "./control/schemas";
export { EmulatorControlError } from "./control/control-client-base";

/** A typed client for the emulator's `/__control` API (tests and e2e steer the emulator with it). */
export class EmulatorControl extends ControlClientBase {
  /** Rebuilds everything from the seed: org, tokens, counters, faults, clock. */
  async reset(): Promise<void> {
    await this.call("POST", "/reset");
  }

  /** The emulator's now, in ms. */
  async clock(): Promise<number> {
    return (await this.call<{ now: number }>("GET", "/clock")).now;
  }

  async advanceClock(seconds: number): Promise<number> {
    return (await this.call<{ now: number }>("POST", "/clock", { advanceSeconds: seconds })).now;
  }

  /** Every token of that kind issued so far is refused from now on; returns how many. */
  async expireTokens(kind: TokenKindToExpire = "all"): Promise<number> {
    return (await this.call<{ expired: number }>("POST", "/tokens/expire", { kind })).expired;
  }

  addFault(fault: FaultInput): Promise<{ id: string }> {
    return this.call<{ id: string }>("POST", "/faults", fault);
  }

  async clearFaults(): Promise<void> {
    await this.call("DELETE", "/faults");
  }

  /** Every request received per "METHOD /path", refusals and token calls included (not what DingTalk meters). */
  stats(): Promise<ControlStats> {
    return this.call<ControlStats>("GET", "/stats");
  }

  async resetStats(): Promise<void> {
    await this.call("POST", "/stats/reset");
  }

  async setQps(change: QpsChange): Promise<void> {
    await this.call("PUT", "/qps", change);
  }

  /** The org's monthly call quota and this month's metered calls (Asia/Shanghai, by the emulator's clock). */
  quota(): Promise<QuotaSnapshot> {
    return this.call<QuotaSnapshot>("GET", "/quota");
  }

  /** Sets the quota (null: off) and/or presets this month's used count, e.g. to a nearly spent month. */
  setQuota(change: QuotaChange): Promise<QuotaSnapshot> {
    return this.call<QuotaSnapshot>("PUT", "/quota", change);
  }

  org(): Promise<OrgSummary> {
    return this.call<OrgSummary>("GET", "/org");
  }

  users(filter: OrgUsersFilter = {}): Promise<OrgUsersPage> {
    return this.call<OrgUsersPage>("GET", `/org/users${this.query(filter)}`);
  }
}
