import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Knowledge-base workspaces, nodes and documents; operatorId is the unionId. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Docs {}

export function createDocs(_call: Call, _config: DingTalkClientConfig): Docs {
  return {};
}
