import { sqltag as sql } from "@prisma/client/runtime/client";
import type { Db } from "@/lib/db/client";
import { dialectOf } from "@/lib/db/sql-dialect";
import { shanghaiDay } from "@/lib/time";
import { liftQuotaBlock, quotaState, recordQuotaRefusal } from "@/lib/budget/quota-state";
import { isQuotaRefusal } from "./errors";
import { apiName, currentCallArea, isMetered, type CallMeter, type MeteredCall } from "./meter";

// The database meter every console and bridge process shares. Counts are added up in memory and
// written as one upsert-increment per (day, app, API, area) at most once per `flushMs`: the hot
// path never waits on the database, and a burst of a thousand calls is a handful of statements.
// The price: a process killed outright (SIGKILL, power) loses at most the last `flushMs` of
// counts. The meter plans our own spending, DingTalk's count stays the authority, and a second
// of calls is small against a monthly quota, so that is accepted; a clean stop flushes.

export interface DbCallMeterOptions {
  appKey: string;
  /** How long counts wait in memory before they are written; default 1000 ms. */
  flushMs?: number;
  /** The time calls are counted at (tests and the benchmark move it). */
  now?: () => Date;
  log?: (message: string) => void;
  /** The area of calls made outside any (`withCallArea`): "page" for the console, "bot" for the bridge. */
  defaultArea?: string;
}

interface Pending {
  day: string;
  api: string;
  area: string;
  metered: boolean;
  calls: number;
}

export class DbCallMeter implements CallMeter {
  private pending = new Map<string, Pending>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private readonly flushMs: number;
  private readonly now: () => Date;
  private readonly log: (message: string) => void;
  /** Whether the month may be blocked (this process saw a refusal, or the last flush found the block): only then does a success look to lift it. */
  private blockKnown = false;

  constructor(
    private readonly db: Db,
    private readonly options: DbCallMeterOptions,
  ) {
    this.flushMs = options.flushMs ?? 1000;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((m) => console.warn(`[meter] ${m}`));
  }

  record(call: MeteredCall, metered: boolean): void {
    const day = shanghaiDay(this.now());
    const api = apiName(call);
    const area = currentCallArea(this.options.defaultArea);
    const key = `${day}\n${api}\n${area}\n${metered}`;
    const row = this.pending.get(key);
    if (row) row.calls++;
    else this.pending.set(key, { day, api, area, metered, calls: 1 });
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
    this.timer.unref?.();
  }

  failed(call: MeteredCall, error: unknown): void {
    if (!isQuotaRefusal(error)) return;
    this.blockKnown = true;
    void recordQuotaRefusal(this.db, { api: apiName(call), message: error instanceof Error ? error.message : String(error), at: this.now() }).catch((e: unknown) =>
      this.log(`could not record the quota refusal: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  succeeded(call: MeteredCall): void {
    if (!this.blockKnown || !isMetered(call)) return;
    this.blockKnown = false;
    void liftQuotaBlock(this.db, this.now()).then(
      (lifted) => lifted && this.log(`DingTalk accepted ${apiName(call)} again: the month's quota block is lifted`),
      (e: unknown) => this.log(`could not lift the quota block: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** Writes what is counted so far; resolves when it (and any write under way) is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = [...this.pending.values()];
    this.pending = new Map();
    this.flushing = this.flushing.then(() => (batch.length === 0 ? undefined : this.write(batch)));
    return this.flushing;
  }

  private async write(batch: Pending[]): Promise<void> {
    try {
      const d = await dialectOf(this.db);
      await this.db.$transaction(
        batch.map((r) =>
          this.db.$executeRaw(sql`
            INSERT INTO "DingTalkCallCount" ("day", "appKey", "api", "area", "metered", "calls")
            VALUES (${r.day}, ${this.options.appKey}, ${r.api}, ${r.area}, ${d.bool(r.metered)}, ${r.calls})
            ON CONFLICT ("day", "appKey", "api", "area", "metered") DO UPDATE SET "calls" = "DingTalkCallCount"."calls" + excluded."calls"`),
        ),
      );
      // Another process may have recorded a refusal: then this one's next success lifts it.
      this.blockKnown ||= (await quotaState(this.db, this.now())).blocked;
    } catch (error) {
      // Kept for the next flush rather than lost: the database may be back by then.
      for (const r of batch) {
        const key = `${r.day}\n${r.api}\n${r.area}\n${r.metered}`;
        const row = this.pending.get(key);
        if (row) row.calls += r.calls;
        else this.pending.set(key, { ...r });
      }
      this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
      this.timer.unref?.();
      this.log(`counts not written yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Flushes and stops; call it when the process stops. */
  async close(): Promise<void> {
    await this.flush();
  }
}
