import { randomUUID } from "node:crypto";
import { stateSlot } from "../state-slot";

/**
 * A change DingTalk would announce (`bpms_instance_change`, `user_add_org`, …). Feature modules
 * emit; the Stream gateway and the HTTP callback deliver.
 */
export interface OrgEvent {
  /** 1, 2, 3, … per bus: a cursor into the history that trimming does not shift. */
  seq: number;
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
  /** The latest events (up to `historyCap`), oldest first; their seqs are consecutive. */
  readonly history: OrgEvent[] = [];
  /** Seq of the latest event emitted; 0 before the first. */
  lastSeq = 0;

  constructor(
    private readonly corpId: string,
    private readonly now: () => number,
    private readonly historyCap = 10_000,
  ) {}

  emit(eventType: string, data: Record<string, unknown>): OrgEvent {
    const event: OrgEvent = { seq: ++this.lastSeq, eventType, eventId: randomUUID().replace(/-/g, ""), bornTime: this.now(), corpId: this.corpId, data };
    this.history.push(event);
    if (this.history.length > this.historyCap) this.history.splice(0, this.history.length - this.historyCap);
    for (const listener of this.listeners) listener(event);
    return event;
  }

  /** The events kept whose seq is above `seq`, oldest first. */
  after(seq: number): OrgEvent[] {
    const first = this.history[0]?.seq ?? 0;
    return this.history.slice(Math.max(0, seq - first + 1));
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** The emulator's one event bus. Subscriptions survive a reset only if re-made by their owner. */
export const eventBus = stateSlot((state) => new EventBus(state.credentials.corpId, () => state.clock.now()));
