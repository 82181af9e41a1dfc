import { parseArgs } from "node:util";
import { z } from "zod";
import { startEmulator } from "./server";

/**
 * `npm run emulator -- --port 4100 --users 200 --seed 1 [--qps 20] [--token-ttl 7200] [--departments N] [--monthly-quota N]`
 * Prints the credentials as env lines, and EMULATOR_URL last once it is listening.
 */
const cliSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(4100),
  host: z.string().default("127.0.0.1"),
  users: z.coerce.number().int().min(1).default(200),
  departments: z.coerce.number().int().min(1).optional(),
  seed: z.coerce.number().int().default(1),
  qps: z.coerce.number().int().min(0).default(20),
  "token-ttl": z.coerce.number().int().min(1).default(7200),
  // Absent: no monthly quota (calls are still counted).
  "monthly-quota": z.coerce.number().int().min(0).optional(),
  "public-url": z.url().optional(),
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" }, host: { type: "string" }, users: { type: "string" },
      departments: { type: "string" }, seed: { type: "string" }, qps: { type: "string" },
      "token-ttl": { type: "string" }, "public-url": { type: "string" }, "monthly-quota": { type: "string" },
    },
    strict: true,
  });
  const parsed = cliSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    console.error(`emulator: invalid --${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const args = parsed.data;
  const started = performance.now();
  const emulator = await startEmulator({
    port: args.port, host: args.host, users: args.users, departments: args.departments, seed: args.seed,
    qps: args.qps, tokenTtlSeconds: args["token-ttl"], publicUrl: args["public-url"], monthlyQuota: args["monthly-quota"] ?? null,
  });
  const quota = args["monthly-quota"] === undefined ? "no monthly quota" : `monthly quota ${args["monthly-quota"]}`;
  console.error(`emulator: ${args.users} people, seed ${args.seed}, ${quota}, ready in ${Math.round(performance.now() - started)} ms`);
  console.log(`DINGTALK_APP_KEY=${emulator.appKey}`);
  console.log(`DINGTALK_APP_SECRET=${emulator.appSecret}`);
  console.log(`DINGTALK_CORP_ID=${emulator.corpId}`);
  console.log(`DINGTALK_AGENT_ID=${emulator.agentId}`);
  console.log(`EMULATOR_CONTROL_TOKEN=${emulator.controlToken}`);
  console.log(`EMULATOR_URL=${emulator.url}`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.error(`emulator: ${signal}, closing`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("emulator: close failed", error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error("emulator: failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
