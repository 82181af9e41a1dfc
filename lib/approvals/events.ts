import { z } from "zod";
import { markLeaveApproval } from "@/lib/attendance/leave-changes";
import { audited, SYSTEM_ACTOR } from "@/lib/audit";
import type { Db } from "@/lib/db/client";
import { withCallArea } from "@/lib/dingtalk/meter";
import type { OrgEventListener } from "@/lib/stream/bridge/handlers";
import { isInstanceNotFound, nowOf, TX_OPTIONS, type ApprovalSyncDeps } from "./deps";
import { writeInstance } from "./store";

// bpms_instance_change / bpms_task_change (Stream or HTTP callback) keep the index fresh: an
// event only names the instance; its detail is fetched and written whole, so events that come
// twice, late or out of order still leave the row as DingTalk has it now. One action in DingTalk
// announces itself several times (an agree finishes a task and starts the next, or finishes the
// instance): events for one instance arriving close together share one detail call.

export const APPROVAL_EVENT_TYPES = ["bpms_instance_change", "bpms_task_change"] as const;

export function isApprovalEventType(eventType: string): eventType is (typeof APPROVAL_EVENT_TYPES)[number] {
  return (APPROVAL_EVENT_TYPES as readonly string[]).includes(eventType);
}

/** Stream and the HTTP callback both send these camelCase (the callback adds `EventType`). */
const eventPayload = z.object({ processInstanceId: z.string().trim().min(1), processCode: z.string().trim().min(1) }).loose();

export interface ApprovalEventResult {
  eventType: string;
  ignored?: string;
  processInstanceId?: string;
  /** False when another event's detail call, already on its way, covered this one, or the index already holds what it announces. */
  fetched?: boolean;
  status?: string;
}

/**
 * Whether the index already holds the state an event announces: its instance or task as
 * started, finished, cancelled or revoked. Only a detail read after the change can have written
 * that, so the event needs no call of its own. This is what lets one action that DingTalk
 * announces several times cost one call when the events come one after another (the HTTP
 * callback waits for each answer before sending the next); a comment, a transfer or anything
 * not recognised is always read.
 */
async function alreadyIndexed(db: Db, eventType: string, data: Record<string, unknown>, processInstanceId: string): Promise<boolean> {
  const type = typeof data.type === "string" ? data.type : "";
  if (eventType === "bpms_task_change") {
    const taskId = typeof data.taskId === "number" || typeof data.taskId === "string" ? String(data.taskId) : null;
    if (!taskId || !["start", "finish", "cancel"].includes(type)) return false;
    const task = await db.approvalTask.findUnique({ where: { taskId }, select: { processInstanceId: true, status: true } });
    if (!task || task.processInstanceId !== processInstanceId) return false;
    return type === "start" || task.status !== "RUNNING";
  }
  const row = await db.approvalInstance.findUnique({ where: { processInstanceId }, select: { status: true, result: true } });
  if (!row) return false;
  if (type === "start") return true;
  if (type === "finish") return row.status === "COMPLETED" && (typeof data.result !== "string" || data.result === row.result);
  if (type === "terminate") return row.status === "TERMINATED";
  return false;
}

/** How long events for one instance are gathered before its detail call. */
export const COALESCE_MS = 150;

interface Pending {
  processCode: string;
  promise: Promise<string | null>;
  /** Not yet asked for: later events may still join. */
  open: boolean;
}

// Per database: the detail call waiting (or running) for each instance.
const pendingByDb = new WeakMap<Db, Map<string, Pending>>();

function pendingOf(db: Db): Map<string, Pending> {
  let map = pendingByDb.get(db);
  if (!map) pendingByDb.set(db, (map = new Map()));
  return map;
}

/** Fetches and writes the instance; null when DingTalk no longer has it (the row stays as last seen). */
async function refresh(deps: ApprovalSyncDeps, processCode: string, processInstanceId: string): Promise<string | null> {
  let instance;
  try {
    instance = await deps.client.workflow.getInstance(processInstanceId);
  } catch (error) {
    if (isInstanceNotFound(error)) return null;
    throw error;
  }
  await deps.db.$transaction((tx) => writeInstance(tx, processCode, instance, nowOf(deps)), TX_OPTIONS);
  // A leave approved or withdrawn changes its days' attendance: the next report fetches them again.
  if (["COMPLETED", "TERMINATED", "CANCELED"].includes(instance.status)) await markLeaveApproval(deps.db, instance);
  return instance.status;
}

function scheduleRefresh(deps: ApprovalSyncDeps, processCode: string, id: string, coalesceMs: number): { promise: Promise<string | null>; joined: boolean } {
  const pending = pendingOf(deps.db);
  const waiting = pending.get(id);
  if (waiting?.open) return { promise: waiting.promise, joined: true };
  // One in flight may have read DingTalk before this change: this event gets its own call after it.
  const before = waiting?.promise.catch(() => null) ?? Promise.resolve(null);
  const entry: Pending = { processCode, open: true, promise: Promise.resolve(null) };
  entry.promise = before
    .then(() => new Promise((r) => setTimeout(r, coalesceMs)))
    .then(() => {
      entry.open = false;
      return refresh(deps, entry.processCode, id);
    })
    .finally(() => {
      if (pending.get(id) === entry) pending.delete(id);
    });
  pending.set(id, entry);
  return { promise: entry.promise, joined: false };
}

/**
 * Applies one approval event: the payload as DingTalk sends it (`processInstanceId`, `processCode`,
 * `type`, …). Other event types are ignored. Audited as `approvals.event` by the system.
 */
export async function handleApprovalEvent(
  deps: ApprovalSyncDeps, eventType: string, payload: unknown, options: { coalesceMs?: number } = {},
): Promise<ApprovalEventResult> {
  if (!isApprovalEventType(eventType)) return { eventType, ignored: "not an approval event" };
  const parsed = eventPayload.safeParse(payload ?? {});
  if (!parsed.success) return { eventType, ignored: `payload not understood: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message ?? "invalid"}` };
  const { processInstanceId, processCode } = parsed.data;
  const type = typeof parsed.data.type === "string" ? parsed.data.type : undefined;
  return withCallArea("approvals.event", () =>
    audited(deps.db, { actor: SYSTEM_ACTOR }, "approvals.event", { type: "approvalInstance", id: processInstanceId }, { eventType, type }, async () => {
      if (!pendingOf(deps.db).has(processInstanceId) && (await alreadyIndexed(deps.db, eventType, parsed.data, processInstanceId))) {
        return { eventType, processInstanceId, fetched: false };
      }
      const { promise, joined } = scheduleRefresh(deps, processCode, processInstanceId, options.coalesceMs ?? COALESCE_MS);
      const status = await promise;
      return { eventType, processInstanceId, fetched: !joined, ...(status ? { status } : {}) };
    }),
  );
}

/** The index's share of the org events, for the bridge's Stream connection and the HTTP callback. */
export function approvalEventListener(deps: () => ApprovalSyncDeps): OrgEventListener {
  return async (event) => {
    if (!isApprovalEventType(event.eventType)) return;
    await handleApprovalEvent(deps(), event.eventType, event.data);
  };
}
