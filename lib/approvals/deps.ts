import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { isDingTalkError, type DingTalkClient } from "@/lib/dingtalk";

/** What the approvals backfill and the event handler need. */
export interface ApprovalSyncDeps {
  db: Db;
  client: Pick<DingTalkClient, "workflow">;
  /** Names this console instance in leases and runs; defaults to host and process. */
  instanceId?: string;
  now?: () => Date;
}

/** The lease a backfill holds, so that one runs at a time across console instances. */
export const APPROVALS_BACKFILL_LEASE = "approvals-backfill";

/** A running backfill whose heartbeat is older than this died with its process; the next start resumes it. */
export const BACKFILL_STALE_AFTER_MS = 60_000;

/** Many writers share the pool's few connections; under load a turn comes late, not never. */
export const TX_OPTIONS = { maxWait: 60_000, timeout: 60_000 };

const processInstance = `${hostname()}:${process.pid}`;

export function jobOwner(deps: Pick<ApprovalSyncDeps, "instanceId">): string {
  return `${deps.instanceId ?? processInstance}/${randomUUID().slice(0, 8)}`;
}

export const nowOf = (deps: ApprovalSyncDeps): Date => (deps.now ? deps.now() : new Date());

/** DingTalk's "no such instance": it was deleted; nothing to fetch, not an outage. */
export const isInstanceNotFound = (error: unknown): boolean =>
  isDingTalkError(error) && (error.code === "aflowProcessInstNotExist" || error.code === "820004");

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
