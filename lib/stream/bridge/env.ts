import { z } from "zod";
import { envSchema, EnvError } from "../../env";
import type { BridgeSettingsInput } from "./config";
import type { OpenAiResponderOptions } from "./responders/openai";

const optionalInt = (min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

/** The bridge's own tuning variables (documented in .env.example). */
export const bridgeEnvSchema = z.object({
  BRIDGE_CONCURRENCY: optionalInt(1, 256),
  BRIDGE_STALE_CLAIM_SECONDS: optionalInt(1, 86_400),
  BRIDGE_CONNECTIONS: optionalInt(1, 16),
  BRIDGE_POLL_MS: optionalInt(10, 60_000),
  BRIDGE_HEARTBEAT_MS: optionalInt(100, 600_000),
});

export interface BridgeEnv {
  databaseUrl: string;
  dingtalk: { appKey: string; appSecret: string; agentId?: string; oapiBase: string; apiBase: string; loginBase: string; qps: number; debug: boolean };
  ai: OpenAiResponderOptions | null;
  settings: BridgeSettingsInput;
}

/**
 * What `npm run bridge` needs from the environment, checked at once: the console's variables
 * (without the sign-in ones, which a bridge does not use) and the bridge's tuning.
 */
export function parseBridgeEnv(source: Record<string, string | undefined>): BridgeEnv {
  const base = envSchema.safeParse(source);
  const tuning = bridgeEnvSchema.safeParse(source);
  const problems = [
    ...(base.success ? [] : base.error.issues),
    ...(tuning.success ? [] : tuning.error.issues),
  ].map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message }));
  if (!source.DINGTALK_APP_KEY?.trim()) problems.push({ variable: "DINGTALK_APP_KEY", message: "is missing: the AppKey (Client ID) of the app whose robot the bridge answers for" });
  if (!source.DINGTALK_APP_SECRET?.trim()) problems.push({ variable: "DINGTALK_APP_SECRET", message: "is missing: the AppSecret (Client Secret) of that app" });
  if (base.success) {
    const ai = [base.data.AI_BASE_URL, base.data.AI_API_KEY, base.data.AI_MODEL];
    if (ai.some(Boolean) && !ai.every(Boolean)) {
      problems.push({ variable: "AI_BASE_URL", message: "AI_BASE_URL, AI_API_KEY and AI_MODEL go together: set all three for the model, or none for the built-in responder" });
    }
  }
  if (problems.length > 0 || !base.success || !tuning.success) throw new EnvError(problems);
  const e = base.data;
  const t = tuning.data;
  return {
    databaseUrl: e.DATABASE_URL,
    dingtalk: {
      appKey: e.DINGTALK_APP_KEY!, appSecret: e.DINGTALK_APP_SECRET!, agentId: e.DINGTALK_AGENT_ID, oapiBase: e.DINGTALK_OAPI_BASE, apiBase: e.DINGTALK_API_BASE,
      loginBase: e.DINGTALK_LOGIN_BASE, qps: e.DINGTALK_QPS, debug: e.DINGTALK_DEBUG,
    },
    ai: e.AI_BASE_URL && e.AI_API_KEY && e.AI_MODEL ? { baseUrl: e.AI_BASE_URL, apiKey: e.AI_API_KEY, model: e.AI_MODEL } : null,
    settings: {
      sessionTtlHours: e.BOT_SESSION_TTL_HOURS,
      ...(t.BRIDGE_CONCURRENCY ? { concurrency: t.BRIDGE_CONCURRENCY } : {}),
      ...(t.BRIDGE_STALE_CLAIM_SECONDS ? { staleClaimMs: t.BRIDGE_STALE_CLAIM_SECONDS * 1000 } : {}),
      ...(t.BRIDGE_CONNECTIONS ? { connections: t.BRIDGE_CONNECTIONS } : {}),
      ...(t.BRIDGE_POLL_MS ? { pollIntervalMs: t.BRIDGE_POLL_MS } : {}),
      ...(t.BRIDGE_HEARTBEAT_MS ? { heartbeatMs: t.BRIDGE_HEARTBEAT_MS } : {}),
    },
  };
}
