import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/lib/db/client";
import { isDingTalkError, type DingTalkClient } from "@/lib/dingtalk";

/** What the sync, the event handler and the reconcile need. */
export interface DirectorySyncDeps {
  db: Db;
  client: Pick<DingTalkClient, "contacts" | "departments">;
  /** Names this console instance in leases and runs; defaults to host and process. */
  instanceId?: string;
  now?: () => Date;
}

/** The lease every directory job (full sync, reconcile) holds, so that one runs at a time. */
export const DIRECTORY_SYNC_LEASE = "directory-sync";

/** A running job whose heartbeat is older than this is taken to be dead (its process stopped). */
export const RUN_STALE_AFTER_MS = 60_000;

const processInstance = `${hostname()}:${process.pid}`;

/** A distinct lease owner per job, so that two jobs in one process also exclude each other. */
export function jobOwner(deps: DirectorySyncDeps): string {
  return `${deps.instanceId ?? processInstance}/${randomUUID().slice(0, 8)}`;
}

export const nowOf = (deps: DirectorySyncDeps): Date => (deps.now ? deps.now() : new Date());

/** DingTalk's "no such department" (60003) and "no such user" (60121): the thing is gone, not an outage. */
export const isDeptNotFound = (error: unknown): boolean => isDingTalkError(error) && error.code === "60003";
export const isUserNotFound = (error: unknown): boolean => isDingTalkError(error) && error.code === "60121";

export const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));
