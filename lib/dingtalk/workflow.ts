import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Approvals (OA 审批) on the api host. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Workflow {}

export function createWorkflow(_call: Call, _config: DingTalkClientConfig): Workflow {
  return {};
}
