import { stateSlot } from "../state-slot";
import { CustomRobots } from "./custom-robots";
import { GroupChats } from "./chats";
import { IdSource } from "./ids";
import { WorkNotifications } from "./notifications";
import { RobotMessages } from "./robots";

export interface MessagingLimits {
  otoPerUserPerMinute: number;
  webhookPerMinute: number;
}

export const DEFAULT_MESSAGING_LIMITS: MessagingLimits = { otoPerUserPerMinute: 20, webhookPerMinute: 20 };

/** The messaging module's state: the app robot, custom robots, work notifications, group chats. */
export const messaging = stateSlot((state) => {
  const ids = new IdSource(state.options.seed);
  const limits: MessagingLimits = { ...DEFAULT_MESSAGING_LIMITS };
  return {
    limits,
    robot: new RobotMessages(state, ids, limits),
    customRobots: new CustomRobots(state, ids, limits),
    notifications: new WorkNotifications(state, ids),
    chats: new GroupChats(state, ids),
  };
});
