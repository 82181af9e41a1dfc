import { ControlClientBase } from "./control-client-base";
import type { LoggedMessage } from "../messages/log";
import type {
  AppRobotInfo, CustomRobotCreated, CustomRobotInput, MessagesFilter, MessagesList, MessagingLimitsInput,
} from "../messaging/control-schemas";

export type { AppRobotInfo, CustomRobotCreated, CustomRobotInput, LoggedMessage, MessagesFilter, MessagingLimitsInput };

/** Typed client for the emulator's messaging controls and its message log. */
export class MessagingControl extends ControlClientBase {
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
    return (await this.call<MessagesList>("GET", `/messages${this.query(filter)}`)).messages;
  }
}
