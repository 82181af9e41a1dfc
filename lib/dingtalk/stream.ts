import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Stream mode: opening a gateway connection (ticket + endpoint). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Stream {}

export function createStream(_call: Call, _config: DingTalkClientConfig): Stream {
  return {};
}
