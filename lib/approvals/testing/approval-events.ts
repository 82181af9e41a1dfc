import type { Db } from "@/lib/db/client";
import type { DingTalkClient } from "@/lib/dingtalk";
import { StreamConnection } from "@/lib/stream/connection";
import { approvalEventListener } from "../events";

/** For tests and benchmarks without a bridge: a Stream connection whose bpms_* events reach the index as the bridge hands them on. */
export async function startApprovalEvents(client: DingTalkClient, db: Db): Promise<{ stop(): Promise<void> }> {
  const connection = new StreamConnection({ stream: client.stream, subscriptions: [{ type: "EVENT", topic: "*" }] });
  const listener = approvalEventListener(() => ({ db, client }));
  connection.onEvent("*", async (event) => {
    await listener({ eventType: event.eventType, eventId: event.eventId, corpId: event.eventCorpId, bornTime: event.eventBornTime, data: event.data });
    return "SUCCESS" as const;
  });
  await connection.start();
  return { stop: () => connection.close() };
}
