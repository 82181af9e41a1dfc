import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { DingTalkClient } from "../../dingtalk";
import { BOT_MESSAGE_TOPIC } from "../../dingtalk/stream";
import type { Db } from "../../db/client";
import { StreamConnection, type StreamConnectionOptions } from "../connection";
import { bridgeSettings, type BridgeSettings, type BridgeSettingsInput } from "./config";
import { acceptBotMessage, dispatchOrgEvent, type OrgEventListener } from "./handlers";
import { pruneInbox } from "./inbox";
import { MinuteCounter, pruneBridgeInstances, removeBridgeInstance, reportBridgeInstance, type BridgeLiveState } from "./live-state";
import { cleanupIdleSessions } from "./memory";
import { createReplySender, type ReplySender } from "./replies";
import type { Responder } from "./responders/types";
import { InboxWorker } from "./worker";

export interface BridgeLogEntry {
  level: "info" | "warn" | "error";
  message: string;
  [field: string]: unknown;
}

export interface BridgeOptions {
  db: Db;
  client: Pick<DingTalkClient, "stream" | "robot">;
  responder: Responder;
  settings?: BridgeSettingsInput;
  /** Defaults to host-pid-random: unique per process, so a restarted bridge is a new instance. */
  id?: string;
  /** Org events (user_add_org, bpms_task_change, …) go to these. */
  eventListeners?: OrgEventListener[];
  log?: (entry: BridgeLogEntry) => void;
  /** Overrides for the Stream connections (tests shorten the reconnect backoff). */
  connection?: Partial<Omit<StreamConnectionOptions, "stream">>;
  /** Overrides how replies are sent (defaults to the session webhook, then the robot). */
  sender?: ReplySender;
}

export interface RunningBridge {
  readonly id: string;
  readonly settings: BridgeSettings;
  readonly worker: InboxWorker;
  liveState(): BridgeLiveState;
  /** Reports the live state now (it is also reported every `heartbeatMs`). */
  report(): Promise<void>;
  /** Runs the cleanup now (it also runs every `cleanupIntervalMs`). */
  cleanup(): Promise<{ sessions: number; inbox: number }>;
  /** Closes the connections, finishes the messages under way, removes the instance row. */
  stop(): Promise<void>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The Stream bridge: connections that store each bot message before acknowledging its frame, a
 * worker that answers what is stored, a heartbeat into BridgeInstance and the periodic cleanup.
 */
export async function startBridge(options: BridgeOptions): Promise<RunningBridge> {
  const { db } = options;
  const settings = bridgeSettings(options.settings);
  const id = options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const log = options.log ?? (() => undefined);
  const startedAt = new Date();
  const acks = new MinuteCounter();
  let lastFrameAt: Date | null = null;
  let lagMs = 0;

  const worker = new InboxWorker({
    db, bridgeId: id, responder: options.responder, settings,
    sender: options.sender ?? createReplySender(options.client),
    events: {
      replied: (info) => {
        lagMs = info.lagMs;
        if (info.resent) log({ level: "warn", message: "reply sent again after a crash; the first may also have arrived", msgId: info.msgId });
      },
      problem: (info) => log({ level: info.willRetry ? "warn" : "error", message: info.error, msgId: info.msgId, willRetry: info.willRetry }),
    },
  });

  // Messages waiting for a bridge are taken oldest first by receivedAt: frames that arrive in the
  // same millisecond get distinct times, so that one person's messages keep their order.
  let lastArrival = 0;
  const arrival = () => new Date((lastArrival = Math.max(Date.now(), lastArrival + 1)));
  const connections: StreamConnection[] = [];
  for (let i = 0; i < settings.connections; i++) {
    const connection = new StreamConnection({ ua: `dingtalk-console-bridge/${id}`, ...options.connection, stream: options.client.stream });
    connection.on("frame", () => {
      lastFrameAt = new Date();
    });
    connection.on("error", (error) => log({ level: "warn", message: `stream: ${error.message}` }));
    connection.on("disconnected", (info) => log({ level: "warn", message: "stream disconnected", code: info.code, reconnecting: info.reconnecting }));
    connection.onCallback(BOT_MESSAGE_TOPIC, async (callback) => {
      const receivedAt = arrival();
      // Acknowledged once stored (the worker claims it in the same write and answers it apart).
      const accepted = await acceptBotMessage(db, callback.data, receivedAt, (message) => worker.store(message, receivedAt));
      acks.add(receivedAt.getTime());
      if (accepted.outcome === "invalid") {
        // Acknowledged all the same: pushing it again would not make it readable.
        log({ level: "error", message: `bot message dropped: ${accepted.problem}`, frame: callback.messageId });
      }
      return {};
    });
    connection.onEvent("*", async (event) => {
      acks.add();
      await dispatchOrgEvent(options.eventListeners ?? [], {
        eventType: event.eventType, eventId: event.eventId, corpId: event.eventCorpId, bornTime: event.eventBornTime, data: event.data,
      });
      return "SUCCESS" as const;
    });
    connections.push(connection);
  }

  const liveState = (): BridgeLiveState => {
    const connected = connections.filter((c) => c.state === "connected").length;
    return { connected: connected > 0, connections: connected, lastFrameAt, perMinute: acks.total(), lagMs };
  };
  const report = () => reportBridgeInstance(db, id, startedAt, liveState());
  const cleanup = async () => {
    const now = Date.now();
    const sessions = await cleanupIdleSessions(db, new Date(now - settings.sessionTtlHours * 3_600_000));
    const inbox = await pruneInbox(db, new Date(now - settings.inboxRetentionHours * 3_600_000));
    await pruneBridgeInstances(db, new Date(now - 24 * 3_600_000));
    if (sessions > 0 || inbox > 0) log({ level: "info", message: "cleanup", sessions, inbox });
    return { sessions, inbox };
  };

  worker.start();
  try {
    await Promise.all(connections.map((c) => c.start()));
  } catch (error) {
    await worker.stop();
    await Promise.all(connections.map((c) => c.close()));
    throw error;
  }
  await report().catch((error: unknown) => log({ level: "warn", message: `live state not reported: ${errorText(error)}` }));
  log({ level: "info", message: "bridge started", id, connections: connections.length });

  const heartbeat = setInterval(() => void report().catch((error: unknown) => log({ level: "warn", message: `live state not reported: ${errorText(error)}` })), settings.heartbeatMs);
  heartbeat.unref();
  const cleaner = setInterval(() => void cleanup().catch((error: unknown) => log({ level: "warn", message: `cleanup failed: ${errorText(error)}` })), settings.cleanupIntervalMs);
  cleaner.unref();
  void cleanup().catch((error: unknown) => log({ level: "warn", message: `cleanup failed: ${errorText(error)}` }));

  return {
    id, settings, worker, liveState, report, cleanup,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(cleaner);
      await Promise.all(connections.map((c) => c.close()));
      await worker.stop();
      await removeBridgeInstance(db, id).catch(() => undefined);
      log({ level: "info", message: "bridge stopped", id });
    },
  };
}
