import type { DingTalkClientConfig } from "./config";
import type { Call } from "./transport";

/** Attendance results, punches, leave status and groups. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Attendance {}

export function createAttendance(_call: Call, _config: DingTalkClientConfig): Attendance {
  return {};
}
