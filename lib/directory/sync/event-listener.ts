import type { OrgEventListener } from "@/lib/stream/bridge/handlers";
import type { DirectorySyncDeps } from "./deps";
import { handleDirectoryEvent, isDirectoryEventType } from "./incremental";

/**
 * The directory's share of the org events, for whatever receives them (the bridge's Stream
 * connection, the HTTP callback). DingTalk hands each event to one connection only, so the
 * directory listens on the connection that is already open rather than opening its own.
 */
export function directoryEventListener(deps: () => DirectorySyncDeps): OrgEventListener {
  return async (event) => {
    if (!isDirectoryEventType(event.eventType)) return;
    await handleDirectoryEvent(deps(), event.eventType, event.data);
  };
}
