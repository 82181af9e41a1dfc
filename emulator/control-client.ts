import type {
  ControlStats, FaultInput, OrgSummary, OrgUsersFilter, OrgUsersPage, QpsChange, TokenKindToExpire,
} from "./control/schemas";

export type { ControlStats, FaultInput, OrgSummary, OrgUsersFilter, OrgUsersPage, QpsChange, TokenKindToExpire };
export type { OrgAdmin, OrgUserRow } from "./control/schemas";

export class EmulatorControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A typed client for the emulator's `/__control` API (tests and e2e steer the emulator with it). */
export class EmulatorControl {
  private readonly baseUrl: string;

  constructor(
    url: string,
    private readonly controlToken: string,
  ) {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__control${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.controlToken}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = data as { code?: string; message?: string };
      throw new EmulatorControlError(response.status, error.code ?? "unknown", error.message ?? text);
    }
    return data as T;
  }

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

  stats(): Promise<ControlStats> {
    return this.call<ControlStats>("GET", "/stats");
  }

  async resetStats(): Promise<void> {
    await this.call("POST", "/stats/reset");
  }

  async setQps(change: QpsChange): Promise<void> {
    await this.call("PUT", "/qps", change);
  }

  org(): Promise<OrgSummary> {
    return this.call<OrgSummary>("GET", "/org");
  }

  users(filter: OrgUsersFilter = {}): Promise<OrgUsersPage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    const suffix = query.size > 0 ? `?${query}` : "";
    return this.call<OrgUsersPage>("GET", `/org/users${suffix}`);
  }
}
