import { EventEmitter } from "node:events";
import WebSocket from "ws";
import { isDingTalkError } from "../dingtalk/errors";
import {
  DEFAULT_SUBSCRIPTIONS, streamAck, streamFrameSchema, streamUrl,
  type EventAckStatus, type Stream, type StreamFrame, type StreamSubscription,
} from "../dingtalk/stream";

/** An EVENT frame, its data parsed. */
export interface StreamEventMessage {
  messageId: string;
  topic: string;
  eventType: string;
  eventId?: string;
  eventBornTime?: number;
  eventCorpId?: string;
  headers: StreamFrame["headers"];
  data: unknown;
}

/** A CALLBACK frame (e.g. a bot message), its data parsed. */
export interface StreamCallbackMessage {
  messageId: string;
  topic: string;
  headers: StreamFrame["headers"];
  data: unknown;
}

/** Resolves once the event is safely handled; LATER (or a throw) asks DingTalk to push it again. */
export type StreamEventHandler = (event: StreamEventMessage) => Promise<EventAckStatus | void> | EventAckStatus | void;
/** Resolves to the callback's response; a throw leaves the frame unacknowledged, so it comes again. */
export type StreamCallbackHandler = (callback: StreamCallbackMessage) => Promise<unknown> | unknown;

export type StreamConnectionState = "idle" | "connecting" | "connected" | "reconnecting" | "closed";

export interface StreamConnectionEvents {
  connected: [{ url: string }];
  disconnected: [{ code: number; reason: string; reconnecting: boolean }];
  frame: [{ type: StreamFrame["type"]; topic: string; messageId: string; connectionId?: string }];
  error: [Error];
}

export interface StreamConnectionOptions {
  /** The client's `stream` module: it knows the gateway (the client's apiBase) and the app's credentials. */
  stream: Pick<Stream, "openConnection">;
  subscriptions?: readonly StreamSubscription[];
  ua?: string;
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Opening the WebSocket gives up after this long. */
  connectTimeoutMs?: number;
  /** How long a replaced socket stays open for the acknowledgements of frames still being handled. */
  drainTimeoutMs?: number;
  random?: () => number;
}

const errorOf = (value: unknown) => (value instanceof Error ? value : new Error(String(value)));

function parseData(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * A Stream-mode client on `ws`: opens a ticket through the client, dispatches EVENT and CALLBACK
 * frames to handlers by topic and acknowledges a frame only after its handler resolved (a crash
 * in between loses nothing: the gateway pushes it again), answers SYSTEM pings, and reconnects
 * with a fresh ticket after a drop (jittered exponential backoff) or at once on SYSTEM disconnect.
 */
export class StreamConnection extends EventEmitter<StreamConnectionEvents> {
  private readonly eventHandlers = new Map<string, StreamEventHandler>();
  private readonly callbackHandlers = new Map<string, StreamCallbackHandler>();
  private socket: WebSocket | null = null;
  private readonly inflight = new Map<WebSocket, number>();
  private readonly draining = new Set<WebSocket>();
  private reconnectTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private current: StreamConnectionState = "idle";
  private lastConnectionId: string | undefined;
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly random: () => number;

  constructor(private readonly options: StreamConnectionOptions) {
    super();
    this.initialDelayMs = options.reconnect?.initialDelayMs ?? 1_000;
    this.maxDelayMs = options.reconnect?.maxDelayMs ?? 60_000;
    this.random = options.random ?? Math.random;
    // An "error" event without a listener would throw; callers opt in by listening.
    this.on("error", () => undefined);
  }

  get state(): StreamConnectionState {
    return this.current;
  }

  /** The gateway's id of the current connection, once a frame has named it. */
  get connectionId(): string | undefined {
    return this.lastConnectionId;
  }

  /** Handles EVENT frames of one event type, or every event with "*". */
  onEvent(eventType: string, handler: StreamEventHandler): this {
    this.eventHandlers.set(eventType, handler);
    return this;
  }

  /** Handles CALLBACK frames of one topic, e.g. `BOT_MESSAGE_TOPIC`. */
  onCallback(topic: string, handler: StreamCallbackHandler): this {
    this.callbackHandlers.set(topic, handler);
    return this;
  }

  /**
   * Connects; resolves once the first WebSocket is open. Errors DingTalk will not get over by
   * itself (wrong credentials) reject; network trouble is retried with backoff.
   */
  async start(): Promise<void> {
    if (this.current !== "idle" && this.current !== "closed") throw new Error("StreamConnection already started");
    this.current = "connecting";
    for (;;) {
      try {
        await this.connect();
        return;
      } catch (error) {
        if (this.isClosed()) throw new Error("StreamConnection closed while connecting");
        if (isDingTalkError(error) && !error.retryable) {
          this.current = "closed";
          throw error;
        }
        this.emit("error", errorOf(error));
        await new Promise((resolve) => setTimeout(resolve, this.nextDelay()));
        if (this.isClosed()) throw new Error("StreamConnection closed while connecting");
      }
    }
  }

  /** Closes the socket for good; no reconnection follows. */
  async close(): Promise<void> {
    this.current = "closed";
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    const sockets = [this.socket, ...this.draining].filter((s): s is WebSocket => s !== null);
    this.socket = null;
    this.draining.clear();
    await Promise.all(sockets.map((s) => closeSocket(s)));
  }

  // A method, not an inline comparison: close() may run during any await and change the state.
  private isClosed(): boolean {
    return this.current === "closed";
  }

  private nextDelay(): number {
    const base = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** this.attempt);
    this.attempt++;
    // Full spread between half and all of the step keeps many clients from reconnecting in step.
    return Math.round(base * (0.5 + this.random() / 2));
  }

  private async connect(): Promise<void> {
    const ticket = await this.options.stream.openConnection({ subscriptions: this.options.subscriptions ?? DEFAULT_SUBSCRIPTIONS, ua: this.options.ua });
    if (this.isClosed()) return;
    const url = streamUrl(ticket);
    const socket = await openSocket(url, this.options.connectTimeoutMs ?? 10_000);
    if (this.isClosed()) {
      socket.terminate();
      return;
    }
    const previous = this.socket;
    this.socket = socket;
    this.attempt = 0;
    this.current = "connected";
    socket.on("message", (raw) => this.onMessage(socket, String(raw)));
    socket.on("close", (code, reason) => this.onClose(socket, code, reason.toString()));
    socket.on("error", (error) => this.emit("error", error));
    // "connected" carries the URL without its ticket.
    this.emit("connected", { url: url.replace(/ticket=[^&]*/, "ticket=…") });
    if (previous) this.drain(previous);
  }

  private onClose(socket: WebSocket, code: number, reason: string): void {
    this.inflight.delete(socket);
    if (this.draining.delete(socket) || socket !== this.socket) return;
    this.socket = null;
    const reconnecting = this.current !== "closed";
    this.emit("disconnected", { code, reason, reconnecting });
    if (reconnecting) {
      this.current = "reconnecting";
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.reconnectTimer || this.current === "closed") return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect().catch((error: unknown) => {
        this.emit("error", errorOf(error));
        this.scheduleReconnect();
      });
    }, this.nextDelay());
  }

  /** A socket replaced after SYSTEM disconnect: closed once its frames are answered (or after a timeout). */
  private drain(socket: WebSocket): void {
    this.draining.add(socket);
    if ((this.inflight.get(socket) ?? 0) === 0) {
      void closeSocket(socket);
      return;
    }
    setTimeout(() => void closeSocket(socket), this.options.drainTimeoutMs ?? 10_000).unref();
  }

  private onMessage(socket: WebSocket, raw: string): void {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      this.emit("error", new Error("Stream gateway sent a frame that is not JSON"));
      return;
    }
    const parsed = streamFrameSchema.safeParse(json);
    if (!parsed.success) {
      this.emit("error", new Error(`Stream gateway sent a malformed frame: ${parsed.error.issues[0]?.message ?? "unknown"}`));
      return;
    }
    const frame = parsed.data;
    if (frame.headers.connectionId && socket === this.socket) this.lastConnectionId = frame.headers.connectionId;
    this.emit("frame", { type: frame.type, topic: frame.headers.topic, messageId: frame.headers.messageId, connectionId: frame.headers.connectionId });

    if (frame.type === "SYSTEM") {
      if (frame.headers.topic === "ping") {
        // The echo carries the ping's data unchanged.
        send(socket, { ...streamAck(frame.headers.messageId, null), data: frame.data });
      } else if (frame.headers.topic === "disconnect" && socket === this.socket && this.current !== "closed") {
        this.current = "reconnecting";
        this.connect().catch((error: unknown) => {
          this.emit("error", errorOf(error));
          this.scheduleReconnect();
        });
      }
      return;
    }
    void this.dispatch(socket, frame);
  }

  private async dispatch(socket: WebSocket, frame: StreamFrame): Promise<void> {
    const messageId = frame.headers.messageId;
    this.inflight.set(socket, (this.inflight.get(socket) ?? 0) + 1);
    try {
      if (frame.type === "EVENT") {
        const eventType = frame.headers.eventType ?? frame.headers.topic;
        const handler = this.eventHandlers.get(eventType) ?? this.eventHandlers.get("*");
        let status: EventAckStatus = "SUCCESS";
        if (handler) {
          try {
            status = (await handler({
              messageId,
              topic: frame.headers.topic,
              eventType,
              eventId: frame.headers.eventId,
              eventBornTime: frame.headers.eventBornTime ? Number(frame.headers.eventBornTime) : undefined,
              eventCorpId: frame.headers.eventCorpId,
              headers: frame.headers,
              data: parseData(frame.data),
            })) ?? "SUCCESS";
          } catch (error) {
            this.emit("error", errorOf(error));
            status = "LATER";
          }
        }
        send(socket, streamAck(messageId, { status, message: status === "SUCCESS" ? "" : "handler asked for the event later" }));
        return;
      }
      const handler = this.callbackHandlers.get(frame.headers.topic);
      if (!handler) {
        this.emit("error", new Error(`no handler for Stream callback topic ${frame.headers.topic}`));
        return;
      }
      let response: unknown;
      try {
        response = await handler({ messageId, topic: frame.headers.topic, headers: frame.headers, data: parseData(frame.data) });
      } catch (error) {
        // Left unanswered on purpose: the gateway pushes the frame again.
        this.emit("error", errorOf(error));
        return;
      }
      send(socket, streamAck(messageId, { response: response ?? null }));
    } finally {
      const left = (this.inflight.get(socket) ?? 1) - 1;
      this.inflight.set(socket, left);
      if (left === 0 && this.draining.has(socket)) void closeSocket(socket);
    }
  }
}

function send(socket: WebSocket, message: unknown): void {
  // A socket closed while the handler ran cannot carry the answer; the gateway will push again.
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
}

export function openSocket(url: string, timeoutMs: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`Stream gateway did not accept the connection within ${timeoutMs} ms`));
    }, timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.removeAllListeners();
      socket.on("error", () => undefined);
      reject(error);
    };
    socket.once("open", () => {
      clearTimeout(timer);
      socket.removeAllListeners();
      resolve(socket);
    });
    socket.once("unexpected-response", (_req, res) => {
      fail(new Error(`Stream gateway refused the connection: HTTP ${res.statusCode}`));
      socket.terminate();
    });
    socket.once("error", fail);
  });
}

export function closeSocket(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.readyState === WebSocket.CLOSED) return resolve();
    socket.once("close", () => resolve());
    socket.close(1000, "client closing");
    setTimeout(() => {
      socket.terminate();
      resolve();
    }, 2_000).unref();
  });
}
