import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Work notifications (工作通知): async send, progress, result, recall. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Notify {}

export function createNotify(_call: Call, _config: DingTalkClientConfig): Notify {
  return {};
}
