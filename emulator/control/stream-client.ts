import { ControlClientBase } from "./control-client-base";
import type { BotMessageInput } from "../stream/bot";
import type { CallbackDelivery, CallbackRegistration } from "../events/http-callback";
import type { ConnectionInfo, FrameRecord, GatewaySettings } from "../stream/gateway";
import type { LoggedMessage } from "../messages/log";

export type { LoggedMessage };

export type { BotMessageInput, CallbackDelivery, CallbackRegistration, ConnectionInfo, FrameRecord, GatewaySettings };

export interface NewUser {
  userId?: string;
  name: string;
  mobile: string;
  deptIdList: number[];
  title?: string;
  email?: string;
  managerUserId?: string;
}

export interface UserChange {
  name?: string;
  mobile?: string;
  deptIdList?: number[];
  title?: string;
  email?: string;
  remark?: string;
  managerUserId?: string | null;
}

export interface NewDepartment {
  name: string;
  parentId?: number;
  order?: number;
  createDeptGroup?: boolean;
  autoAddUser?: boolean;
}

export interface DepartmentChange {
  name?: string;
  parentId?: number;
  order?: number;
  brief?: string;
  createDeptGroup?: boolean;
  autoAddUser?: boolean;
  managerUserIds?: string[];
}

/** Typed client for the emulator's Stream, bot, HTTP callback and org-change control endpoints. */
export class StreamControl extends ControlClientBase {
  configure(settings: Partial<GatewaySettings>): Promise<GatewaySettings> {
    return this.call("PUT", "/stream/settings", settings);
  }

  async connections(): Promise<ConnectionInfo[]> {
    return (await this.call<{ connections: ConnectionInfo[] }>("GET", "/stream/connections")).connections;
  }

  /** The gateway's frame log; `after` a seq already read, `withoutData` to leave the payloads out. */
  async frames(filter: { messageId?: string; topic?: string; after?: number; withoutData?: boolean } = {}): Promise<FrameRecord[]> {
    // Empty strings, 0 and false are left out, as if not given.
    const query = this.query({
      messageId: filter.messageId || undefined,
      topic: filter.topic || undefined,
      after: filter.after || undefined,
      data: filter.withoutData ? "0" : undefined,
    });
    return (await this.call<{ frames: FrameRecord[] }>("GET", `/stream/frames${query}`)).frames;
  }

  /** SYSTEM ping to one connection, or all; returns how many. */
  async ping(connectionId?: string): Promise<number> {
    return (await this.call<{ sent: number }>("POST", "/stream/ping", { connectionId })).sent;
  }

  /** SYSTEM disconnect to one connection, or all. */
  async disconnect(connectionId?: string): Promise<number> {
    return (await this.call<{ sent: number }>("POST", "/stream/disconnect", { connectionId })).sent;
  }

  /** Drops sockets abruptly, as a network failure would. */
  async drop(connectionId?: string): Promise<number> {
    return (await this.call<{ dropped: number }>("POST", "/stream/drop", { connectionId })).dropped;
  }

  /** A seeded person writes to the bot; the message goes out as a CALLBACK frame. */
  writeToBot(input: BotMessageInput): Promise<{ msgId: string; conversationId: string; sessionWebhook: string }> {
    return this.call("POST", "/stream/bot-messages", input);
  }

  async replies(conversationId?: string): Promise<LoggedMessage[]> {
    const suffix = conversationId ? `?conversationId=${encodeURIComponent(conversationId)}` : "";
    return (await this.call<{ replies: LoggedMessage[] }>("GET", `/stream/replies${suffix}`)).replies;
  }

  /** Emits any event on the bus, as a feature module would. */
  async emitEvent(eventType: string, data: Record<string, unknown> = {}): Promise<string> {
    return (await this.call<{ eventId: string }>("POST", "/stream/events", { eventType, data })).eventId;
  }

  /** Registers an HTTP subscription; resolves after a successful `check_url` handshake. */
  async registerCallback(registration: CallbackRegistration): Promise<void> {
    await this.call("POST", "/stream/callback", registration);
  }

  async removeCallback(): Promise<boolean> {
    return (await this.call<{ removed: boolean }>("DELETE", "/stream/callback")).removed;
  }

  callbackDeliveries(): Promise<{ url: string | null; deliveries: CallbackDelivery[] }> {
    return this.call("GET", "/stream/callback/deliveries");
  }

  addUser(user: NewUser): Promise<{ userId: string; unionId: string }> {
    return this.call("POST", "/org/users", user);
  }

  modifyUser(userId: string, change: UserChange): Promise<{ userId: string; unionId: string }> {
    return this.call("PUT", `/org/users/${encodeURIComponent(userId)}`, change);
  }

  async removeUser(userId: string): Promise<void> {
    await this.call("DELETE", `/org/users/${encodeURIComponent(userId)}`);
  }

  async addDepartment(dept: NewDepartment): Promise<number> {
    return (await this.call<{ deptId: number }>("POST", "/org/departments", dept)).deptId;
  }

  async modifyDepartment(deptId: number, change: DepartmentChange): Promise<void> {
    await this.call("PUT", `/org/departments/${deptId}`, change);
  }

  async removeDepartment(deptId: number): Promise<void> {
    await this.call("DELETE", `/org/departments/${deptId}`);
  }
}
