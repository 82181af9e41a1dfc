import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { streamAckSchema, type StreamFrame, type StreamSubscription } from "../../lib/dingtalk/stream";
import { eventBus, type OrgEvent } from "../events/bus";
import { stateSlot } from "../state-slot";
import type { EmulatorState } from "../state";

/** How the gateway behaves; tests shorten the timers through the control API. */
export interface GatewaySettings {
  /** Wall-clock wait for an acknowledgement before a frame is pushed again (DingTalk: about a minute). */
  redeliveryMs: number;
  /** Pushes of one frame in all, the first included. */
  maxDeliveries: number;
  /** Period of SYSTEM ping frames; 0 sends them only on demand. */
  pingIntervalMs: number;
  /** After a SYSTEM disconnect, how long the old socket stays open for acknowledgements. */
  disconnectGraceMs: number;
  /** Lifetime of a ticket on the emulator's clock. */
  ticketTtlMs: number;
}

export const defaultGatewaySettings: GatewaySettings = {
  redeliveryMs: 60_000,
  maxDeliveries: 4,
  pingIntervalMs: 30_000,
  disconnectGraceMs: 10_000,
  ticketTtlMs: 90_000,
};

interface Ticket {
  appKey: string;
  subscriptions: StreamSubscription[];
  ua: string;
  expiresAt: number;
}

interface Connection {
  id: string;
  appKey: string;
  subscriptions: StreamSubscription[];
  ua: string;
  socket: WebSocket;
  connectedAt: number;
  /** Set once a SYSTEM disconnect went out: no new frames go to it. */
  draining: boolean;
  framesSent: number;
  acksReceived: number;
  pongs: number;
}

export interface FrameAck {
  connectionId: string;
  at: number;
  /** EVENT: SUCCESS | LATER; CALLBACK: "RESPONSE"; SYSTEM ping: "PONG". */
  status: string;
  /** The parsed `data` of the acknowledgement. */
  data: unknown;
}

/** One EVENT or CALLBACK frame and what became of it. */
export interface FrameRecord {
  /** Order of creation, for reading the log in pieces (`after`). */
  seq: number;
  messageId: string;
  type: "EVENT" | "CALLBACK";
  topic: string;
  appKey: string;
  data: string;
  deliveries: Array<{ connectionId: string; at: number }>;
  acks: FrameAck[];
  state: "pending" | "acknowledged" | "abandoned";
  /** Emulator-only: extra headers of the frame (eventType, eventId, …). */
  extraHeaders: Record<string, string>;
}

export interface ConnectionInfo {
  connectionId: string;
  appKey: string;
  subscriptions: StreamSubscription[];
  ua: string;
  connectedAt: number;
  draining: boolean;
  framesSent: number;
  acksReceived: number;
  pongs: number;
}

export type TicketRefusal = "missing" | "unknown" | "expired";

/** A stable "unified app id" per app key, as frames carry in `appId`. */
function unifiedAppId(appKey: string): string {
  const hex = createHash("sha256").update(`app:${appKey}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function subscribes(connection: Connection, type: "EVENT" | "CALLBACK", topic: string): boolean {
  return connection.subscriptions.some((s) => s.type === type && (s.topic === topic || (type === "EVENT" && s.topic === "*")));
}

/**
 * The Stream gateway: tickets, WebSocket connections, frames pushed round-robin over an app's
 * connections, acknowledgements and redelivery of what is left unacknowledged.
 */
export class StreamGateway {
  settings: GatewaySettings = { ...defaultGatewaySettings };
  private readonly tickets = new Map<string, Ticket>();
  private readonly connections = new Map<string, Connection>();
  /** By messageId, in creation order (a Map iterates in insertion order). */
  private readonly frames = new Map<string, FrameRecord>();
  private frameSeq = 0;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly roundRobin = new Map<string, number>();
  /** unifiedAppId per app key: a sha256 each, and every frame carries one. */
  private readonly appIds = new Map<string, string>();
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: () => void;
  private closed = false;

  constructor(private readonly state: EmulatorState) {
    this.unsubscribe = eventBus(state).subscribe((event) => this.onEvent(event));
    this.schedulePings();
  }

  configure(change: Partial<GatewaySettings>): GatewaySettings {
    this.settings = { ...this.settings, ...change };
    this.schedulePings();
    return this.settings;
  }

  issueTicket(appKey: string, subscriptions: StreamSubscription[], ua: string): string {
    const ticket = randomBytes(24).toString("hex");
    this.tickets.set(ticket, { appKey, subscriptions, ua, expiresAt: this.state.clock.now() + this.settings.ticketTtlMs });
    return ticket;
  }

  /** Uses the ticket up: whatever the outcome, it admits nobody afterwards. */
  private takeTicket(ticket: string | null): Ticket | TicketRefusal {
    if (!ticket) return "missing";
    const found = this.tickets.get(ticket);
    if (!found) return "unknown";
    this.tickets.delete(ticket);
    return found.expiresAt < this.state.clock.now() ? "expired" : found;
  }

  handleUpgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const taken = this.takeTicket(url.searchParams.get("ticket"));
    if (typeof taken === "string") {
      const reason = { missing: "ticket is required", unknown: "ticket is invalid or already used", expired: "ticket has expired" }[taken];
      const body = JSON.stringify({ code: "invalidTicket", message: reason });
      socket.end(`HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => this.register(ws, taken));
  }

  private register(socket: WebSocket, ticket: Ticket): void {
    if (this.closed) {
      socket.terminate();
      return;
    }
    const connection: Connection = {
      id: randomUUID().replace(/-/g, ""),
      appKey: ticket.appKey,
      subscriptions: ticket.subscriptions,
      ua: ticket.ua,
      socket,
      connectedAt: this.state.clock.now(),
      draining: false,
      framesSent: 0,
      acksReceived: 0,
      pongs: 0,
    };
    this.connections.set(connection.id, connection);
    socket.on("message", (raw) => this.onAck(connection, String(raw)));
    socket.on("close", () => this.connections.delete(connection.id));
    socket.on("error", () => socket.terminate());
    // Frames that found no connection wait for one: never delivered, or due again while none was open.
    for (const record of this.frames.values()) {
      if (record.state === "pending" && !this.timers.has(record.messageId) && record.appKey === connection.appKey) this.push(record);
    }
  }

  private onAck(connection: Connection, raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return;
    }
    const parsed = streamAckSchema.safeParse(json);
    if (!parsed.success) return;
    connection.acksReceived++;
    const ack = parsed.data;
    let data: unknown = ack.data;
    try {
      data = JSON.parse(ack.data);
    } catch {
      // Kept as the raw string.
    }
    const record = this.frames.get(ack.headers.messageId);
    if (!record) {
      connection.pongs++;
      return;
    }
    const status = record.type === "EVENT" ? String((data as { status?: unknown } | null)?.status ?? "") : "RESPONSE";
    record.acks.push({ connectionId: connection.id, at: this.state.clock.now(), status, data });
    if (record.state !== "pending") return;
    // LATER asks for the event again later: the frame stays pending and its timer runs on.
    if (record.type === "EVENT" && status === "LATER") return;
    record.state = "acknowledged";
    this.clearTimer(record.messageId);
  }

  private onEvent(event: OrgEvent): void {
    const appKey = this.state.credentials.appKey;
    this.enqueue(appKey, "EVENT", event.eventType, JSON.stringify(event.data), {
      eventType: event.eventType,
      eventId: event.eventId,
      eventBornTime: String(event.bornTime),
      eventCorpId: event.corpId,
      eventUnifiedAppId: this.appIdOf(appKey),
    });
  }

  /** Queues a frame for the app's connections; returns its messageId. */
  enqueue(appKey: string, type: "EVENT" | "CALLBACK", topic: string, data: string, extraHeaders: Record<string, string> = {}): string {
    const record: FrameRecord = {
      seq: ++this.frameSeq,
      messageId: randomUUID().replace(/-/g, ""),
      type, topic, appKey, data, deliveries: [], acks: [], state: "pending", extraHeaders,
    };
    this.frames.set(record.messageId, record);
    while (this.frames.size > 5_000) {
      const old = this.frames.keys().next().value as string;
      this.clearTimer(old);
      this.frames.delete(old);
    }
    this.push(record);
    return record.messageId;
  }

  private pick(appKey: string, type: "EVENT" | "CALLBACK", topic: string): Connection | null {
    const candidates = [...this.connections.values()].filter(
      (c) => c.appKey === appKey && !c.draining && c.socket.readyState === c.socket.OPEN && subscribes(c, type, topic),
    );
    if (candidates.length === 0) return null;
    const turn = this.roundRobin.get(appKey) ?? 0;
    this.roundRobin.set(appKey, turn + 1);
    return candidates[turn % candidates.length];
  }

  private push(record: FrameRecord): void {
    const connection = this.pick(record.appKey, record.type, record.topic);
    if (!connection) return;
    const frame = this.envelope(connection, record.type, record.messageId, record.topic, record.data, record.extraHeaders);
    connection.socket.send(JSON.stringify(frame));
    connection.framesSent++;
    record.deliveries.push({ connectionId: connection.id, at: this.state.clock.now() });
    this.clearTimer(record.messageId);
    const timer = setTimeout(() => this.onTimeout(record), this.settings.redeliveryMs);
    timer.unref();
    this.timers.set(record.messageId, timer);
  }

  private onTimeout(record: FrameRecord): void {
    this.timers.delete(record.messageId);
    if (record.state !== "pending" || this.closed) return;
    if (record.deliveries.length >= this.settings.maxDeliveries) {
      record.state = "abandoned";
      return;
    }
    this.push(record);
    // With no connection to take it, the frame waits for the next one to register.
  }

  private clearTimer(messageId: string): void {
    const timer = this.timers.get(messageId);
    if (timer) clearTimeout(timer);
    this.timers.delete(messageId);
  }

  private appIdOf(appKey: string): string {
    let id = this.appIds.get(appKey);
    if (id === undefined) {
      id = unifiedAppId(appKey);
      this.appIds.set(appKey, id);
    }
    return id;
  }

  /** The frame as it goes over the socket; extra headers come after (and may override) the standard ones. */
  private envelope(
    connection: Connection, type: StreamFrame["type"], messageId: string, topic: string, data: string, extraHeaders: Record<string, string> = {},
  ): StreamFrame {
    return {
      specVersion: "1.0",
      type,
      headers: {
        appId: this.appIdOf(connection.appKey),
        connectionId: connection.id,
        contentType: "application/json",
        messageId,
        time: String(this.state.clock.now()),
        topic,
        ...extraHeaders,
      },
      data,
    };
  }

  private targets(connectionId?: string): Connection[] {
    const all = [...this.connections.values()];
    return connectionId ? all.filter((c) => c.id === connectionId) : all;
  }

  private sendSystem(connection: Connection, topic: string, data: unknown): void {
    const frame = this.envelope(connection, "SYSTEM", randomUUID().replace(/-/g, ""), topic, JSON.stringify(data));
    if (connection.socket.readyState === connection.socket.OPEN) connection.socket.send(JSON.stringify(frame));
  }

  /** SYSTEM ping to one connection or all; returns how many were pinged. */
  ping(connectionId?: string): number {
    const targets = this.targets(connectionId);
    for (const c of targets) this.sendSystem(c, "ping", { opaque: randomUUID() });
    return targets.length;
  }

  /** SYSTEM disconnect: the client should reconnect; the socket closes after a grace period. */
  disconnect(connectionId?: string): number {
    const targets = this.targets(connectionId).filter((c) => !c.draining);
    for (const c of targets) {
      c.draining = true;
      this.sendSystem(c, "disconnect", { reason: "gateway maintenance" });
      const timer = setTimeout(() => c.socket.close(1000, "disconnect"), this.settings.disconnectGraceMs);
      timer.unref();
    }
    return targets.length;
  }

  /** Drops sockets without a word, as a network failure would. */
  drop(connectionId?: string): number {
    const targets = this.targets(connectionId);
    for (const c of targets) c.socket.terminate();
    return targets.length;
  }

  connectionList(): ConnectionInfo[] {
    return [...this.connections.values()].map((c) => ({
      connectionId: c.id, appKey: c.appKey, subscriptions: c.subscriptions, ua: c.ua, connectedAt: c.connectedAt,
      draining: c.draining, framesSent: c.framesSent, acksReceived: c.acksReceived, pongs: c.pongs,
    }));
  }

  /**
   * The frames kept (the last 5,000), oldest first. `after` skips those up to that seq and
   * `withoutData` leaves the payloads out, so that a benchmark polling the log stays cheap.
   */
  frameList(filter: { messageId?: string; topic?: string; after?: number; withoutData?: boolean } = {}): FrameRecord[] {
    const after = filter.after ?? 0;
    const candidates = filter.messageId ? [this.frames.get(filter.messageId)].filter((r): r is FrameRecord => !!r) : [...this.frames.values()];
    return candidates
      .filter((r) => r.seq > after && (!filter.topic || r.topic === filter.topic))
      .map((r) => (filter.withoutData ? { ...r, data: "" } : r));
  }

  private schedulePings(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.settings.pingIntervalMs > 0 && !this.closed) {
      this.pingTimer = setInterval(() => this.ping(), this.settings.pingIntervalMs);
      this.pingTimer.unref();
    }
  }

  /** Closes every socket and stops every timer (emulator shutdown or reset). */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const c of this.connections.values()) c.socket.terminate();
    this.connections.clear();
  }
}

/** The emulator's gateway; a reset closes its sockets (clients reconnect with new tickets). */
export const streamGateway = stateSlot((state) => new StreamGateway(state), { dispose: (gateway) => gateway.close() });

/** The WebSocket side of the emulator's HTTP server: upgrades on `/connect`, closed with the server. */
export function attachStreamGateway(
  server: { on(event: "upgrade", listener: (req: IncomingMessage, socket: Duplex, head: Buffer) => void): unknown },
  state: EmulatorState,
): { close(): void } {
  const wss = new WebSocketServer({ noServer: true });
  server.on("upgrade", (req, socket, head) => {
    const path = new URL(req.url ?? "/", "http://emulator.invalid").pathname;
    if (path !== "/connect") {
      socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
      return;
    }
    streamGateway(state).handleUpgrade(wss, req, socket, head);
  });
  return {
    close() {
      streamGateway(state).close();
      wss.close();
    },
  };
}
