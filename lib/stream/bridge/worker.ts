import type { BotMessage } from "../../dingtalk/stream";
import type { Db } from "../../db/client";
import type { BridgeSettings } from "./config";
import { Batcher } from "./batcher";
import { getGroupPolicies, type GroupPolicy } from "./group-policy";
import {
  claimAvailable, finishInboxMessages, freshClaim, heldStatus, markReplying, releaseInboxMessage, storeInboxMessages,
  type ClaimedMessage, type FinishEntry, type IntakeRow, type ReplyingEntry,
} from "./inbox";
import { foldHistory, loadContexts, resetSession, storedReply, textBytes, type ExchangeInput, type SessionContext } from "./memory";
import { ReplyError, type ReplySender } from "./replies";
import { parseCommand } from "./responders/builtin";
import { ResponderError } from "./responders/openai";
import { textReply, type Reply, type Responder } from "./responders/types";
import { messageText, senderOf, sessionIdFor, sessionKindOf } from "./session-key";

export interface WorkerEvents {
  /** A reply went out; lag from the frame's arrival to the reply sent. */
  replied?: (info: { msgId: string; sessionId: string; lagMs: number; resent: boolean }) => void;
  ignored?: (info: { msgId: string; reason: string }) => void;
  problem?: (info: { msgId: string; error: string; willRetry: boolean }) => void;
}

export interface WorkerOptions {
  db: Db;
  bridgeId: string;
  responder: Responder;
  sender: ReplySender;
  settings: BridgeSettings;
  events?: WorkerEvents;
}

class LostClaim extends Error {}

export const RESET_REPLY = "好的，我们的对话记录已清空。";
export const NON_TEXT_REPLY = "目前我只能读文字消息，请把问题用文字发给我。";
const FAILED_REPLY = "抱歉，这条消息暂时无法回答，请稍后再试。";

/**
 * Takes messages out of the inbox and answers each once. Messages of one conversation are handled
 * in order; different conversations in parallel, up to `concurrency`.
 *
 * The reply step: the answer is computed, then stored with the message marked "replying" (one
 * transaction, guarded by the claim), then sent, then the message is marked "answered". A bridge
 * that dies between sending and marking leaves a "replying" message whose reply may or may not
 * have reached DingTalk, which offers no way to ask (the session webhook and the robot sends take
 * no de-duplication key). Such a message is sent again, with the stored answer, once its claim
 * goes stale: a person may then see one answer twice, but never goes unanswered. The window is the
 * time between DingTalk's answer to the send and one UPDATE.
 *
 * Storing, loading contexts, marking "replying" and "answered" each go through a Batcher: the
 * messages under way share statements, a handful per batch instead of several per message.
 */
export class InboxWorker {
  private readonly queue: ClaimedMessage[] = [];
  private readonly held = new Set<string>();
  private readonly chains = new Map<string, Promise<void>>();
  private running = 0;
  private pollTimer: NodeJS.Timeout | null = null;
  private polling = false;
  private stopped = false;
  private readonly idleWaiters: (() => void)[] = [];
  /** Messages being stored already claimed, not yet submitted. */
  private reserved = 0;
  /** Messages were stored unclaimed for want of room: look for them as soon as there is room. */
  private backlog = false;
  private readonly intake: Batcher<IntakeRow, "stored" | "duplicate">;
  private readonly contexts: Batcher<string, SessionContext>;
  private readonly policies: Batcher<string, GroupPolicy>;
  private readonly replying: Batcher<ReplyingEntry, boolean>;
  private readonly finishing: Batcher<FinishEntry, boolean>;

  constructor(private readonly options: WorkerOptions) {
    const { db, bridgeId } = options;
    this.intake = new Batcher((rows) => storeInboxMessages(db, rows));
    this.contexts = new Batcher((ids) => loadContexts(db, ids), { lingerMs: 5 });
    this.policies = new Batcher((ids) => getGroupPolicies(db, ids));
    this.replying = new Batcher((entries) => markReplying(db, bridgeId, entries), { lingerMs: 10 });
    // A reply sent and not yet marked answered is sent again if the bridge dies: no waiting here.
    this.finishing = new Batcher((entries) => finishInboxMessages(db, bridgeId, entries), { maxWriting: 4 });
  }

  start(): void {
    this.stopped = false;
    this.schedulePoll(0);
  }

  /** Stops claiming; resolves once the messages under way are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearTimeout(this.pollTimer);
    this.pollTimer = null;
    // Claims not started yet go back at once rather than waiting to go stale; a "replying" one
    // keeps its state (its stored answer must be the one sent) and is recovered when stale.
    const queued = this.queue.splice(0);
    const waiting = queued.filter((claim) => claim.previousStatus !== "replying");
    await Promise.all(waiting.map((claim) => releaseInboxMessage(this.options.db, claim, this.options.bridgeId, "bridge stopped", "pending").catch(() => undefined)));
    // Nothing queued is this worker's any more, whichever way it goes back.
    for (const claim of queued) this.held.delete(claim.msgId);
    if (this.held.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    await Promise.all([...this.chains.values()]);
  }

  /**
   * Stores a message that reached this bridge; while there is room it is stored already claimed
   * and answered without being looked for. "duplicate": its msgId was stored before.
   */
  async store(message: BotMessage, receivedAt: Date): Promise<"stored" | "duplicate"> {
    // While older messages wait unclaimed, new ones wait behind them: a conversation stays in order.
    const claim = !this.stopped && !this.backlog && this.held.size + this.reserved < this.options.settings.concurrency * 4;
    if (claim) this.reserved++;
    try {
      const outcome = await this.intake.add({ message, receivedAt, claimFor: claim ? this.options.bridgeId : null });
      if (outcome === "stored" && claim) this.submit(freshClaim(message, receivedAt));
      if (outcome === "stored" && !claim) this.backlog = true;
      return outcome;
    } finally {
      if (claim) this.reserved--;
    }
  }

  /** Resolves when nothing is held (for tests and orderly shutdown). */
  idle(): Promise<void> {
    if (this.held.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private schedulePoll(delayMs: number): void {
    if (this.stopped || this.pollTimer) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = null;
      void this.poll();
    }, delayMs);
    this.pollTimer.unref?.();
  }

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    let claimed = 0;
    try {
      const capacity = this.options.settings.concurrency * 2 - this.held.size;
      if (capacity > 0) {
        const now = new Date();
        const claims = await claimAvailable(this.options.db, this.options.bridgeId, {
          limit: capacity,
          staleBefore: new Date(now.getTime() - this.options.settings.staleClaimMs),
          now,
          exclude: this.held,
        });
        claimed = claims.length;
        if (claims.length < capacity) this.backlog = false;
        for (const claim of claims) this.submit(claim);
      }
    } catch (error) {
      this.options.events?.problem?.({ msgId: "-", error: `claiming failed: ${errorText(error)}`, willRetry: true });
    } finally {
      this.polling = false;
      // A full batch suggests more are waiting.
      this.schedulePoll(claimed > 0 ? 0 : this.options.settings.pollIntervalMs);
    }
  }

  private submit(claim: ClaimedMessage): void {
    if (this.held.has(claim.msgId)) return;
    if (this.stopped) {
      // Stored claimed while stopping: handed back now rather than when the claim goes stale.
      void releaseInboxMessage(this.options.db, claim, this.options.bridgeId, "bridge stopped", "pending").catch(() => undefined);
      return;
    }
    this.held.add(claim.msgId);
    this.queue.push(claim);
    this.drain();
  }

  private drain(): void {
    while (this.running < this.options.settings.concurrency && this.queue.length > 0) {
      const claim = this.queue.shift()!;
      // One conversation at a time, in order: group members share the key, so a shared session stays consistent.
      const key = claim.message.conversationType === "2" ? claim.message.conversationId : `p:${senderOf(claim.message)}`;
      this.running++;
      const previous = this.chains.get(key) ?? Promise.resolve();
      const next = previous.then(() => this.handle(claim)).finally(() => {
        this.running--;
        this.held.delete(claim.msgId);
        if (this.chains.get(key) === next) this.chains.delete(key);
        if (this.held.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        if (this.backlog) this.schedulePoll(0);
        this.drain();
      });
      this.chains.set(key, next);
    }
  }

  private async handle(claim: ClaimedMessage): Promise<void> {
    try {
      await this.process(claim);
    } catch (error) {
      if (error instanceof LostClaim) return;
      await this.fail(claim, error).catch((inner: unknown) =>
        this.options.events?.problem?.({ msgId: claim.msgId, error: `could not record the failure: ${errorText(inner)}`, willRetry: true }),
      );
    }
  }

  private async process(claim: ClaimedMessage): Promise<void> {
    const { db } = this.options;
    const message = claim.message;
    const kind = sessionKindOf(message);
    const policy = kind === "group" ? await this.policies.add(message.conversationId) : null;
    const sessionId = sessionIdFor(message, policy?.mode ?? "isolated");

    if (claim.previousStatus === "replying") {
      const stored = await storedReply(db, sessionId, message.msgId);
      if (stored !== null) return this.sendAndFinish(claim, sessionId, textReply(stored), true);
    }
    if (policy?.mentionOnly && message.isInAtList === false) {
      await this.finishing.add({ claim, status: "ignored" });
      this.options.events?.ignored?.({ msgId: claim.msgId, reason: "group message without an @-mention" });
      return;
    }

    const text = messageText(message);
    if (message.msgtype !== "text" || !text) return this.markReplying(claim, null).then(() => this.sendAndFinish(claim, sessionId, textReply(NON_TEXT_REPLY), false));

    if (parseCommand(text)?.command === "reset") {
      await resetSession(db, sessionId);
      await this.markReplying(claim, null);
      return this.sendAndFinish(claim, sessionId, textReply(RESET_REPLY), false);
    }

    const context = await this.contexts.add(sessionId);
    const sender = { userId: senderOf(message), name: message.senderNick };
    const reply = await this.options.responder.respond({ text, context, sender, message });
    const shared = policy?.mode === "shared";
    await this.markReplying(claim, {
      sessionId, kind, userId: shared ? null : sender.userId, userName: shared ? null : sender.name, conversationId: message.conversationId,
      conversationTitle: message.conversationTitle ?? null, msgId: message.msgId,
      // In a shared session the model must know who said what.
      userText: shared ? `${sender.name}：${text}` : text, replyText: reply.text, at: new Date(),
    });
    await this.sendAndFinish(claim, sessionId, reply, false);

    const { historyTurns, historyBytes } = this.options.settings;
    const turns = context.history.length + 2;
    const bytes = context.history.reduce((sum, t) => sum + textBytes(t.content), 0) + textBytes(text) + textBytes(reply.text);
    if (turns > historyTurns || bytes > historyBytes) {
      await foldHistory(db, sessionId, { turns: historyTurns, bytes: historyBytes }, this.options.responder.summarise).catch((error: unknown) =>
        this.options.events?.problem?.({ msgId: claim.msgId, error: `summarising failed: ${errorText(error)}`, willRetry: false }),
      );
    }
  }

  /** Stores the exchange (when there is one) and marks the message "replying", only while the claim is still ours. */
  private async markReplying(claim: ClaimedMessage, exchange: ExchangeInput | null): Promise<void> {
    if (!(await this.replying.add({ claim, exchange }))) throw new LostClaim();
  }

  private async sendAndFinish(claim: ClaimedMessage, sessionId: string, reply: Reply, resent: boolean): Promise<void> {
    await this.options.sender.send(claim.message, reply);
    await this.finishing.add({ claim, status: "answered", lastError: resent ? "sent again after a crash: the first reply may also have arrived" : undefined });
    this.options.events?.replied?.({ msgId: claim.msgId, sessionId, lagMs: Date.now() - claim.receivedAt.getTime(), resent });
  }

  private async fail(claim: ClaimedMessage, error: unknown): Promise<void> {
    const { db, bridgeId, settings } = this.options;
    const retryable = error instanceof ReplyError || error instanceof ResponderError ? error.retryable : !(error instanceof RangeError);
    const status = await heldStatus(db, claim, bridgeId);
    if (status === null) return;
    const replying = status === "replying";
    if (retryable && claim.attempts < settings.maxAttempts) {
      this.options.events?.problem?.({ msgId: claim.msgId, error: errorText(error), willRetry: true });
      await releaseInboxMessage(db, claim, bridgeId, errorText(error), replying ? "replying" : "pending");
      return;
    }
    this.options.events?.problem?.({ msgId: claim.msgId, error: errorText(error), willRetry: false });
    await this.finishing.add({ claim, status: "failed", lastError: errorText(error) });
    // The person hears that the question was not answered, unless the failure was the sending itself.
    if (!(error instanceof ReplyError)) await this.options.sender.send(claim.message, textReply(FAILED_REPLY)).catch(() => undefined);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
