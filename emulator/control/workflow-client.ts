import type { OrgEvent } from "../events/bus";
import { EmulatorControlError } from "../control-client";

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
export class WorkflowControl {
  private readonly baseUrl: string;

  constructor(
    url: string,
    private readonly controlToken: string,
  ) {
    this.baseUrl = url.replace(/\/+$/, "");
  }

  private async get<T>(path: string): Promise<T> {
    const response = await fetch(`${this.baseUrl}/__control/workflow${path}`, {
      headers: { authorization: `Bearer ${this.controlToken}` },
    });
    const text = await response.text();
    const data: unknown = text ? JSON.parse(text) : {};
    if (!response.ok) {
      const error = data as { code?: string; message?: string };
      throw new EmulatorControlError(response.status, error.code ?? "unknown", error.message ?? text);
    }
    return data as T;
  }

  events(filter: { since?: number; processInstanceId?: string } = {}): Promise<WorkflowEventsPage> {
    const query = new URLSearchParams();
    if (filter.since !== undefined) query.set("since", String(filter.since));
    if (filter.processInstanceId) query.set("processInstanceId", filter.processInstanceId);
    return this.get<WorkflowEventsPage>(`/events${query.size > 0 ? `?${query}` : ""}`);
  }

  summary(): Promise<WorkflowSummary> {
    return this.get<WorkflowSummary>("/summary");
  }
}
