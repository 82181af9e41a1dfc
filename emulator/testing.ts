import { EmulatorControl } from "./control-client";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "./server";

/** What the emulator's own integration tests share: a running emulator and plain-fetch helpers. */
export interface TestEmulator {
  emu: RunningEmulator;
  control: EmulatorControl;
  /** A fresh oapi-style app token. */
  oapiToken(): Promise<string>;
  /** A fresh api-style app token. */
  apiToken(): Promise<string>;
  oapi(path: string, body: unknown, token: string): Promise<OapiReply>;
  api(method: string, path: string, body: unknown, token: string | null): Promise<ApiReply>;
}

export interface OapiReply {
  status: number;
  requestIdHeader: string | null;
  body: { errcode: number; errmsg: string; request_id?: string; result?: unknown; [key: string]: unknown };
}

export interface ApiReply {
  status: number;
  requestIdHeader: string | null;
  body: Record<string, unknown>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emu = await startEmulator({ port: 0, ...options });
  const control = new EmulatorControl(emu.url, emu.controlToken);

  const oapi = async (path: string, body: unknown, token: string): Promise<OapiReply> => {
    const separator = path.includes("?") ? "&" : "?";
    const response = await fetch(`${emu.url}${path}${separator}access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, requestIdHeader: response.headers.get("x-acs-request-id"), body: await response.json() };
  };

  const api = async (method: string, path: string, body: unknown, token: string | null): Promise<ApiReply> => {
    const headers: Record<string, string> = {};
    if (token) headers["x-acs-dingtalk-access-token"] = token;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${emu.url}${path}`, {
      method,
      headers,
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, requestIdHeader: response.headers.get("x-acs-request-id"), body: await response.json() };
  };

  return {
    emu,
    control,
    oapi,
    api,
    async oapiToken() {
      const response = await fetch(`${emu.url}/gettoken?appkey=${emu.appKey}&appsecret=${emu.appSecret}`);
      const body = (await response.json()) as { access_token?: string; errmsg?: string };
      if (!body.access_token) throw new Error(`gettoken failed: ${body.errmsg}`);
      return body.access_token;
    },
    async apiToken() {
      const reply = await api("POST", "/v1.0/oauth2/accessToken", { appKey: emu.appKey, appSecret: emu.appSecret }, null);
      if (typeof reply.body.accessToken !== "string") throw new Error(`accessToken failed: ${JSON.stringify(reply.body)}`);
      return reply.body.accessToken;
    },
  };
}
