import { z } from "zod";
import type { DebugLogger } from "./debug-log";
import type { CallMeter } from "./meter";
import { DingTalkConfigError } from "./errors";

// Which environment variable feeds each field, so that a validation error can say what to set.
const ENV_NAME: Record<string, string> = {
  appKey: "DINGTALK_APP_KEY",
  appSecret: "DINGTALK_APP_SECRET",
  oapiBase: "DINGTALK_OAPI_BASE",
  apiBase: "DINGTALK_API_BASE",
  loginBase: "DINGTALK_LOGIN_BASE",
  agentId: "DINGTALK_AGENT_ID",
  qps: "DINGTALK_QPS",
};

const baseUrl = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s/]+(\/[^\s?#]*)?$/.test(v), { message: `must be an http(s) URL such as ${fallback}` })
    .transform((v) => v.replace(/\/+$/, ""));

const credential = z
  .string({ error: "is required" })
  .trim()
  .min(1, { error: "is required" })
  .refine((v) => !/\s/.test(v), { message: "must not contain spaces" });

const qpsValue = z.number().positive({ message: "must be a positive number of calls per second" });

const qpsSchema = z
  .union([
    qpsValue,
    z.object({
      default: qpsValue.optional(),
      /** Per API path, e.g. `{"/topapi/v2/user/list": 40}`. */
      perPath: z.record(z.string(), qpsValue).optional(),
    }),
  ])
  .default(20)
  .transform((v) => (typeof v === "number" ? { default: v, perPath: {} } : { default: v.default ?? 20, perPath: v.perPath ?? {} }));

const retrySchema = z
  .object({
    /** Total tries of one call, the first included. */
    attempts: z.number().int().min(1).max(10).default(4),
    baseDelayMs: z.number().int().min(0).max(60_000).default(200),
    maxDelayMs: z.number().int().min(0).max(300_000).default(5_000),
  })
  .default({ attempts: 4, baseDelayMs: 200, maxDelayMs: 5_000 })
  .refine((r) => r.maxDelayMs >= r.baseDelayMs, { message: "maxDelayMs must not be below baseDelayMs" });

const fetchSchema = z.custom<typeof fetch>((v) => typeof v === "function", { message: "must be a fetch function" });
const loggerSchema = z.custom<DebugLogger>((v) => typeof v === "function", { message: "must be a function (entry) => void" });

export const dingTalkClientConfigSchema = z.object({
  appKey: credential,
  appSecret: credential,
  oapiBase: baseUrl("https://oapi.dingtalk.com"),
  apiBase: baseUrl("https://api.dingtalk.com"),
  loginBase: baseUrl("https://login.dingtalk.com"),
  agentId: z
    .union([z.string(), z.number()])
    .optional()
    .transform((v) => (v === undefined || String(v).trim() === "" ? undefined : String(v).trim())),
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  /** Tokens are renewed this long before DingTalk says they expire. */
  refreshMarginSeconds: z.number().int().min(0).max(3_600).default(300),
  retry: retrySchema,
  qps: qpsSchema,
  /** False turns the client-side limiter off (DingTalk's QPS errors are still retried). */
  rateLimit: z.boolean().default(true),
  fetch: fetchSchema.optional(),
  /** Receives every request and response, already redacted. */
  logger: loggerSchema.optional(),
  /** With no logger, true logs to the console. */
  debug: z.boolean().default(false),
  /** Counts every request sent (lib/dingtalk/meter-store.ts keeps the counts in the database). */
  meter: z.custom<CallMeter>((v) => typeof v === "object" && v !== null && typeof (v as CallMeter).record === "function", { message: "must have record(call)" }).optional(),
});

/** What callers pass to `createDingTalkClient`. */
export type DingTalkClientOptions = z.input<typeof dingTalkClientConfigSchema>;
/** The settings after defaults and validation. */
export type DingTalkClientConfig = z.output<typeof dingTalkClientConfigSchema>;

/** The settings a `Transport` reads: no credentials, so a custom robot (whose webhook carries its token) needs none. */
const transportConfigSchema = dingTalkClientConfigSchema.pick({ oapiBase: true, apiBase: true, timeoutMs: true, retry: true, rateLimit: true });
export type TransportConfig = Pick<DingTalkClientConfig, "oapiBase" | "apiBase" | "timeoutMs" | "retry" | "rateLimit">;

/** Validates client settings; throws a `DingTalkConfigError` naming every bad field and the variable behind it. */
export function parseClientConfig(input: DingTalkClientOptions): DingTalkClientConfig {
  return parseWith(dingTalkClientConfigSchema, input);
}

/** `parseClientConfig` for the transport's settings alone. */
export function parseTransportConfig(input: z.input<typeof transportConfigSchema>): TransportConfig {
  return parseWith(transportConfigSchema, input);
}

function parseWith<S extends z.ZodType>(schema: S, input: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const field = issue.path.map(String).join(".") || "config";
    const env = ENV_NAME[String(issue.path[0])];
    return `${field}${env ? ` (${env})` : ""} ${issue.message}`;
  });
  throw new DingTalkConfigError(problems);
}

/** The QPS allowed for one API path. */
export function qpsFor(config: Pick<DingTalkClientConfig, "qps">, path: string): number {
  return config.qps.perPath[path] ?? config.qps.default;
}
