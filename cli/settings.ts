import { createDingTalkClient, type DebugLogger, type DingTalkClient } from "@/lib/dingtalk";
import { CliFailure } from "./failure";

/** Environment variables by name (`process.env`, or a test's own). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What the command line reads from the environment (after `.env`). */
export interface CliSettings {
  appKey?: string;
  appSecret?: string;
  oapiBase?: string;
  apiBase?: string;
  loginBase?: string;
  agentId?: string;
  /** The unionId documents are read as when `--operator` is not given. */
  operatorId?: string;
}

const value = (env: Environment, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

export function readSettings(env: Environment): CliSettings {
  return {
    appKey: value(env, "DINGTALK_APP_KEY"),
    appSecret: value(env, "DINGTALK_APP_SECRET"),
    oapiBase: value(env, "DINGTALK_OAPI_BASE"),
    apiBase: value(env, "DINGTALK_API_BASE"),
    loginBase: value(env, "DINGTALK_LOGIN_BASE"),
    agentId: value(env, "DINGTALK_AGENT_ID"),
    operatorId: value(env, "DINGTALK_OPERATOR_ID"),
  };
}

/** A client from the settings; MISSING_CREDENTIALS names each variable that is unset. */
export function clientFrom(settings: CliSettings, options: { logger?: DebugLogger; agentId?: string } = {}): DingTalkClient {
  const missing = [settings.appKey ? undefined : "DINGTALK_APP_KEY", settings.appSecret ? undefined : "DINGTALK_APP_SECRET"].filter((v) => v !== undefined);
  if (missing.length > 0 || !settings.appKey || !settings.appSecret) {
    throw new CliFailure(
      "MISSING_CREDENTIALS",
      `${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set: export the app's AppKey and AppSecret (DingTalk developer console → Credentials), or put them in a .env file in this directory`,
      { missing },
    );
  }
  return createDingTalkClient({
    appKey: settings.appKey,
    appSecret: settings.appSecret,
    oapiBase: settings.oapiBase,
    apiBase: settings.apiBase,
    loginBase: settings.loginBase,
    agentId: options.agentId ?? settings.agentId,
    logger: options.logger,
  });
}
