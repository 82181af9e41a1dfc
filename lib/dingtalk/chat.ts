import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Group chats: create, get, send, read list. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Chat {}

export function createChat(_call: Call, _config: DingTalkClientConfig): Chat {
  return {};
}
