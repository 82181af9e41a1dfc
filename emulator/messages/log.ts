import { stateSlot } from "../state-slot";

/** Every message the emulator delivered or was asked to deliver, for tests to read back. */
export interface LoggedMessage {
  id: string;
  /** Which API carried it. */
  channel: "robot.oto" | "robot.group" | "robot.session-webhook" | "custom-robot" | "work-notification" | "chat" | "bot-inbound";
  at: number;
  robotCode?: string;
  conversationId?: string;
  from?: string;
  to: string[];
  msgtype: string;
  content: unknown;
}

export class MessageLog {
  private readonly messages: LoggedMessage[] = [];
  private seq = 0;

  record(message: Omit<LoggedMessage, "id">): LoggedMessage {
    const stored = { ...message, id: `m${++this.seq}` };
    this.messages.push(stored);
    return stored;
  }

  list(filter: { channel?: string; to?: string; conversationId?: string; since?: number } = {}): LoggedMessage[] {
    return this.messages.filter(
      (m) =>
        (!filter.channel || m.channel === filter.channel) &&
        (!filter.to || m.to.includes(filter.to)) &&
        (!filter.conversationId || m.conversationId === filter.conversationId) &&
        (filter.since === undefined || m.at >= filter.since),
    );
  }
}

export const messageLog = stateSlot(() => new MessageLog());
