import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Robot 1:1 and group messages, read status and recall. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Robot {}

export function createRobot(_call: Call, _config: DingTalkClientConfig): Robot {
  return {};
}
