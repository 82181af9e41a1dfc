import { z } from "zod";

// Every variable the console reads, validated once. `.env.example` documents each.

const url = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL, e.g. https://api.dingtalk.com" })
    .transform((v) => v.replace(/\/+$/, ""));

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const flag = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return false;
    if (/^(1|true|yes|on)$/i.test(v)) return true;
    if (/^(0|false|no|off)$/i.test(v)) return false;
    ctx.addIssue({ code: "custom", message: "must be 1/true or 0/false" });
    return z.NEVER;
  });

const positiveInt = (fallback: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number from 1 to ${max}` });
        return z.NEVER;
      }
      return n;
    });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .trim()
      .default("file:./data/console.db")
      .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), {
        message: "must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL)",
      }),
    NEXTAUTH_URL: url("http://localhost:3000"),
    NEXTAUTH_SECRET: optionalText,
    DINGTALK_APP_KEY: optionalText,
    DINGTALK_APP_SECRET: optionalText,
    DINGTALK_AGENT_ID: optionalText,
    DINGTALK_CORP_ID: optionalText,
    DINGTALK_OAPI_BASE: url("https://oapi.dingtalk.com"),
    DINGTALK_API_BASE: url("https://api.dingtalk.com"),
    DINGTALK_LOGIN_BASE: url("https://login.dingtalk.com"),
    DINGTALK_DEMO: flag,
    DINGTALK_DEBUG: flag,
    DINGTALK_QPS: positiveInt(20, 1000),
    CONSOLE_ADMIN_USERIDS: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? "")
          .split(/[\s,，]+/)
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    SESSION_TTL_HOURS: positiveInt(12, 24 * 30),
    // Proxies in front of the console that append to X-Forwarded-For; 0: none, the header is not believed.
    TRUSTED_PROXY_HOPS: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return 0;
        if (!/^\d+$/.test(v) || Number(v) > 10) {
          ctx.addIssue({ code: "custom", message: "must be a whole number from 0 to 10 (the proxies in front of the console)" });
          return z.NEVER;
        }
        return Number(v);
      }),
    // The encrypted HTTP subscription (事件订阅), for orgs that do not use Stream mode.
    DINGTALK_CALLBACK_TOKEN: optionalText,
    DINGTALK_CALLBACK_AES_KEY: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9+/]{43}$/.test(v), {
      message: "must be the 43-character 数据加密密钥 (aes_key) from the event subscription settings",
    }),
    // The bot's model: an OpenAI-compatible chat-completions endpoint, used when all three are set.
    AI_BASE_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: "must be an http(s) URL, e.g. https://api.openai.com/v1" }),
    AI_API_KEY: optionalText,
    AI_MODEL: optionalText,
    BOT_SESSION_TTL_HOURS: positiveInt(24, 24 * 365),
    // DingTalk's monthly call quota (10,000 on the standard edition); "unlimited" for paid editions.
    DINGTALK_MONTHLY_CALL_QUOTA: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return 10_000 as number | null;
        if (/^unlimited$/i.test(v)) return null;
        const n = Number(v);
        if (!Number.isInteger(n) || n < 1) {
          ctx.addIssue({ code: "custom", message: 'must be a whole number of calls a month (e.g. 10000) or "unlimited"' });
          return z.NEVER;
        }
        return n as number | null;
      }),
    // The part of the quota the console's background work (schedule, org events) may spend.
    DINGTALK_BACKGROUND_CALL_SHARE: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return 0.5;
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0 || n > 1) {
          ctx.addIssue({ code: "custom", message: "must be a fraction above 0 and at most 1 (e.g. 0.5 for half the quota)" });
          return z.NEVER;
        }
        return n;
      }),
  });

// Checked on the raw values so that they are reported together with any malformed field.
function missingRequired(source: Record<string, string | undefined>): { variable: string; message: string }[] {
  const problems: { variable: string; message: string }[] = [];
  const has = (k: string) => Boolean(source[k]?.trim());
  if (!has("DINGTALK_APP_KEY")) {
    problems.push({ variable: "DINGTALK_APP_KEY", message: "is missing: the AppKey (Client ID) of your DingTalk app; leave both DingTalk credentials unset and run `npm run demo` to use the bundled emulator" });
  }
  if (!has("DINGTALK_APP_SECRET")) {
    problems.push({ variable: "DINGTALK_APP_SECRET", message: "is missing: the AppSecret (Client Secret) of your DingTalk app" });
  }
  const secret = source.NEXTAUTH_SECRET?.trim() ?? "";
  if (!secret) {
    problems.push({ variable: "NEXTAUTH_SECRET", message: "is missing: a random string of 32+ characters (e.g. `openssl rand -base64 32`) that signs sign-in cookies" });
  } else if (secret.length < 32) {
    problems.push({ variable: "NEXTAUTH_SECRET", message: "is too short: use 32 characters or more" });
  }
  return problems;
}

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `The console's configuration is not valid:\n${problems.map((p) => `  - ${p.variable} ${p.message}`).join("\n")}\nSee .env.example for every variable.`,
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message }))),
    ...missingRequired(source),
  ];
  if (problems.length > 0 || !result.success) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

/** The validated environment of this process; throws an EnvError naming every bad variable. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
