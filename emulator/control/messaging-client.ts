import { EmulatorControlError } from "../control-client";
import type { LoggedMessage } from "../messages/log";
import type {
  AppRobotInfo, CustomRobotCreated, CustomRobotInput, MessagesFilter, MessagesList, MessagingLimitsInput,
} from "../messaging/control-schemas";

export type { AppRobotInfo, CustomRobotCreated, CustomRobotInput, LoggedMessage, MessagesFilter, MessagingLimitsInput };

/** Typed client for the emulator's messaging controls and its message log. */
export class MessagingControl {
  private readonly baseUrl: string;

  constructor(
    url: string,
    private readonly controlToken: string,
  ) {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__control${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.controlToken}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = data as { code?: string; message?: string };
      throw new EmulatorControlError(response.status, error.code ?? "unknown", error.message ?? text);
    }
    return data as T;
  }

  /** The app's own robot (its robotCode is the app key). */
  robot(): Promise<AppRobotInfo> {
    return this.call<AppRobotInfo>("GET", "/messaging/robot");
  }

  /** Creates a custom robot; the answer holds its webhook URL, token and (when signing) secret. */
  createCustomRobot(input: CustomRobotInput): Promise<CustomRobotCreated> {
    return this.call<CustomRobotCreated>("POST", "/messaging/custom-robots", input);
  }

  setLimits(limits: MessagingLimitsInput): Promise<{ otoPerUserPerMinute: number; webhookPerMinute: number }> {
    return this.call("PUT", "/messaging/limits", limits);
  }

  /** Every message sent through any channel, filtered. */
  async messages(filter: MessagesFilter = {}): Promise<LoggedMessage[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    const suffix = query.size > 0 ? `?${query}` : "";
    return (await this.call<MessagesList>("GET", `/messages${suffix}`)).messages;
  }
}
