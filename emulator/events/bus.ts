import { randomUUID } from "node:crypto";
import { stateSlot } from "../state-slot";

/**
 * A change DingTalk would announce (`bpms_instance_change`, `user_add_org`, …). Feature modules
 * emit; the Stream gateway and the HTTP callback deliver.
 */
export interface OrgEvent {
  eventType: string;
  eventId: string;
  /** Emulator clock, ms. */
  bornTime: number;
  corpId: string;
  /** The event's JSON body as DingTalk's Stream EVENT frame carries it in `data`. */
  data: Record<string, unknown>;
}

export type EventListener = (event: OrgEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  readonly history: OrgEvent[] = [];

  constructor(
    private readonly corpId: string,
    private readonly now: () => number,
  ) {}

  emit(eventType: string, data: Record<string, unknown>): OrgEvent {
    const event: OrgEvent = { eventType, eventId: randomUUID().replace(/-/g, ""), bornTime: this.now(), corpId: this.corpId, data };
    this.history.push(event);
    if (this.history.length > 10_000) this.history.splice(0, this.history.length - 10_000);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The emulator's one event bus. Subscriptions survive a reset only if re-made by their owner. */
export const eventBus = stateSlot((state) => new EventBus(state.credentials.corpId, () => state.clock.now()));
