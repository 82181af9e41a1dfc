import { ControlClientBase } from "./control-client-base";
import type { OrgEvent } from "../events/bus";

export interface WorkflowEventsPage {
  /** `bpms_instance_change` / `bpms_task_change` events, oldest first. */
  events: OrgEvent[];
  /** Pass as `since` to get only what comes after. */
  next: number;
}

export interface WorkflowSummary {
  total: number;
  byStatus: Record<string, number>;
  byTemplate: Record<string, number>;
  originators: number;
  oldestCreateTime: number | null;
  newestCreateTime: number | null;
}

/** Typed access to `/__control/workflow/…`: the approval events emitted and the store's make-up. */
export class WorkflowControl extends ControlClientBase {
  events(filter: { since?: number; processInstanceId?: string } = {}): Promise<WorkflowEventsPage> {
    const query = this.query({ since: filter.since, processInstanceId: filter.processInstanceId || undefined });
    return this.call<WorkflowEventsPage>("GET", `/workflow/events${query}`);
  }

  summary(): Promise<WorkflowSummary> {
    return this.call<WorkflowSummary>("GET", "/workflow/summary");
  }

  /** Starts `count` past approvals spread over `days` before now, in every template, without events. */
  seed(input: { count: number; days: number; stream?: number; evenly?: boolean }): Promise<{ started: number; total: number }> {
    return this.call<{ started: number; total: number }>("POST", "/workflow/seed", input);
  }
}
