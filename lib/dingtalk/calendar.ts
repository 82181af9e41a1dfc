import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Calendar events; the path's user is the unionId. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Calendar {}

export function createCalendar(_call: Call, _config: DingTalkClientConfig): Calendar {
  return {};
}
