import type { Db } from "@/lib/db/client";
import type { DingTalkClient } from "@/lib/dingtalk";
import { StreamConnection, type StreamConnectionOptions } from "@/lib/stream/connection";
import { directoryEventListener } from "../event-listener";

export interface DirectoryEvents {
  connection: StreamConnection;
  stop(): Promise<void>;
}

/**
 * For tests and benchmarks without a bridge: a Stream connection of its own whose org events
 * reach the directory the way the bridge hands them on (directoryEventListener).
 */
export async function startDirectoryEvents(
  client: DingTalkClient,
  db: Db,
  options: Omit<StreamConnectionOptions, "stream" | "subscriptions"> = {},
): Promise<DirectoryEvents> {
  const connection = new StreamConnection({ ...options, stream: client.stream, subscriptions: [{ type: "EVENT", topic: "*" }] });
  const listener = directoryEventListener(() => ({ db, client }));
  connection.onEvent("*", async (event) => {
    await listener({ eventType: event.eventType, eventId: event.eventId, corpId: event.eventCorpId, bornTime: event.eventBornTime, data: event.data });
    return "SUCCESS" as const;
  });
  await connection.start();
  return { connection, stop: () => connection.close() };
}
