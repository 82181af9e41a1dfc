import { AuthCodeStore } from "./auth/auth-codes";
import { deriveCredentials, type AppCredentials } from "./auth/credentials";
import { outsiderIdentity, type LoginIdentity } from "./auth/identity";
import { TokenStore } from "./auth/tokens";
import { Clock } from "./clock";
import { FaultTable } from "./faults";
import { MonthlyQuota } from "./limits/monthly-quota";
import { QpsLimiter } from "./limits/qps";
import { generateOrg } from "./org/generate";
import type { Org } from "./org/model";
import { CallStats } from "./stats";

export interface StateOptions {
  seed: number;
  users: number;
  departments?: number;
  qps: number;
  tokenTtlSeconds: number;
  /** Metered calls per month for the org; null: no quota (calls are still counted). */
  monthlyQuota: number | null;
}

/**
 * Everything the emulator remembers, all in memory. Handlers read it through `ctx.state` on each
 * call, because `reset()` replaces the org and the stores.
 */
export class EmulatorState {
  readonly credentials: AppCredentials;
  readonly clock = new Clock();
  readonly faults = new FaultTable();
  readonly stats = new CallStats();
  readonly qps: QpsLimiter;
  /** The org's monthly call quota and the metered count (`/__control/quota`), apart from `stats`. */
  readonly quota: MonthlyQuota;
  /** Where browsers and clients reach the emulator; set once it listens. */
  publicUrl = "";
  org!: Org;
  tokens!: TokenStore;
  authCodes!: AuthCodeStore;
  private readonly resetHooks: Array<() => void> = [];

  constructor(readonly options: StateOptions) {
    this.credentials = deriveCredentials(options.seed);
    this.qps = new QpsLimiter(options.qps);
    this.quota = new MonthlyQuota(options.monthlyQuota, this.clock.now());
    this.rebuild();
  }

  /** Feature modules with state of their own (approvals, calendar, …) register how to clear it. */
  onReset(hook: () => void): void {
    this.resetHooks.push(hook);
  }

  reset(): void {
    this.clock.reset();
    this.faults.clear();
    this.stats.reset();
    this.qps.reset(this.options.qps);
    this.quota.reset(this.options.monthlyQuota, this.clock.now());
    this.rebuild();
    for (const hook of this.resetHooks) hook();
  }

  outsider(mobile: string): LoginIdentity {
    return outsiderIdentity(this.options.seed, mobile);
  }

  private rebuild(): void {
    this.org = generateOrg({
      seed: this.options.seed,
      users: this.options.users,
      departments: this.options.departments,
      corpId: this.credentials.corpId,
    });
    this.tokens = new TokenStore(this.clock, this.options.tokenTtlSeconds);
    this.authCodes = new AuthCodeStore(this.clock);
  }
}
