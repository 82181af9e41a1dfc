import type { Db } from "../../db/client";

/** Counts over a sliding minute, in one-second buckets. */
export class MinuteCounter {
  private readonly buckets = new Map<number, number>();

  add(now = Date.now(), n = 1): void {
    const second = Math.floor(now / 1000);
    this.buckets.set(second, (this.buckets.get(second) ?? 0) + n);
    if (this.buckets.size > 120) for (const key of this.buckets.keys()) if (key <= second - 60) this.buckets.delete(key);
  }

  total(now = Date.now()): number {
    const from = Math.floor(now / 1000) - 59;
    let sum = 0;
    for (const [second, n] of this.buckets) if (second >= from) sum += n;
    return sum;
  }
}

/** What one bridge knows about itself, reported to BridgeInstance. */
export interface BridgeLiveState {
  connected: boolean;
  connections: number;
  lastFrameAt: Date | null;
  perMinute: number;
  lagMs: number;
}

export async function reportBridgeInstance(db: Db, id: string, startedAt: Date, state: BridgeLiveState, now = new Date()): Promise<void> {
  const data = { lastSeenAt: now, connected: state.connected, connections: state.connections, lastFrameAt: state.lastFrameAt, perMinute: state.perMinute, lagMs: Math.round(state.lagMs) };
  await db.bridgeInstance.upsert({ where: { id }, create: { id, startedAt, ...data }, update: data });
}

export async function removeBridgeInstance(db: Db, id: string): Promise<void> {
  await db.bridgeInstance.deleteMany({ where: { id } });
}

export interface BridgeInstanceRow extends BridgeLiveState {
  id: string;
  startedAt: Date;
  lastSeenAt: Date;
  /** Reported recently enough to be taken as running. */
  alive: boolean;
}

/** Every bridge that reported, newest first; `alive` when it reported within `aliveWithinMs` (default 30 s). */
export async function listBridgeInstances(db: Db, options: { aliveWithinMs?: number; now?: Date } = {}): Promise<BridgeInstanceRow[]> {
  const now = options.now ?? new Date();
  const aliveSince = now.getTime() - (options.aliveWithinMs ?? 30_000);
  const rows = await db.bridgeInstance.findMany({ orderBy: { lastSeenAt: "desc" } });
  return rows.map((r) => ({
    id: r.id, startedAt: r.startedAt, lastSeenAt: r.lastSeenAt, connected: r.connected, connections: r.connections, lastFrameAt: r.lastFrameAt,
    perMinute: r.perMinute, lagMs: r.lagMs, alive: r.lastSeenAt.getTime() >= aliveSince,
  }));
}

/** Forgets bridges silent since before `before` (stopped or killed long ago). */
export async function pruneBridgeInstances(db: Db, before: Date): Promise<number> {
  return (await db.bridgeInstance.deleteMany({ where: { lastSeenAt: { lt: before } } })).count;
}
