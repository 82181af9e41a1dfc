// `npm run bridge`: the Stream bot bridge, one process. Several may run against one database.
import { createDingTalkClient } from "../lib/dingtalk";
import { DbCallMeter } from "../lib/dingtalk/meter-store";
import { createDb } from "../lib/db/client";
import { migrateDatabase } from "../lib/db/migrate";
import { approvalEventListener } from "../lib/approvals/events";
import { directoryEventListener } from "../lib/directory/sync/event-listener";
import { EnvError } from "../lib/env";
import { createBuiltinResponder, createOpenAiResponder, routeResponders, startBridge } from "../lib/stream/bridge";
import { parseBridgeEnv } from "../lib/stream/bridge/env";

async function main(): Promise<void> {
  let config;
  try {
    config = parseBridgeEnv(process.env);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  await migrateDatabase(config.databaseUrl);
  const db = createDb(config.databaseUrl);
  // The bridge's calls count against the org's quota like the console's, in the same table.
  const meter = new DbCallMeter(db, { appKey: config.dingtalk.appKey, defaultArea: "bot" });
  const client = createDingTalkClient({ ...config.dingtalk, meter });
  const builtin = createBuiltinResponder(client);
  const responder = routeResponders(builtin, config.ai ? createOpenAiResponder(config.ai) : undefined);
  const bridge = await startBridge({
    db, client, responder, settings: config.settings,
    // Org changes that reach this connection keep the synced directory and the approvals index fresh.
    eventListeners: [directoryEventListener(() => ({ db, client })), approvalEventListener(() => ({ db, client }))],
    log: (entry) => console.log(JSON.stringify({ at: new Date().toISOString(), ...entry })),
  });
  console.log(JSON.stringify({ at: new Date().toISOString(), level: "info", message: "answering with", responder: responder.name, bridge: bridge.id }));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ at: new Date().toISOString(), level: "info", message: `${signal}: stopping` }));
    await bridge.stop();
    await meter.close();
    await db.$disconnect();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`bridge failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
