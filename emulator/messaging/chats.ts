import type { EmulatorState } from "../state";
import { messageLog } from "../messages/log";
import { conversationMessageContent, type ConversationMessage } from "./conversation-message";
import type { IdSource } from "./ids";
import { hasRead, recipientsOf, type Recipient } from "./read-schedule";

export interface GroupChat {
  chatid: string;
  openConversationId: string;
  name: string;
  owner: string;
  useridlist: string[];
  /** robotCodes of the robots in the group: the app's robot and any custom robots placed there. */
  robotCodes: string[];
  createdAt: number;
}

export interface ChatMessage {
  messageId: string;
  chatid: string;
  sentAt: number;
  recipients: Recipient[];
}

/** Group chats (群会话) created by the app, their messages and who read them. */
export class GroupChats {
  private readonly byChatId = new Map<string, GroupChat>();
  private readonly byConversation = new Map<string, GroupChat>();
  private readonly messages = new Map<string, ChatMessage>();

  constructor(
    private readonly state: EmulatorState,
    private readonly ids: IdSource,
  ) {}

  create(input: { name: string; owner: string; useridlist: string[]; robotCode: string }): GroupChat {
    const chat: GroupChat = {
      chatid: `chat${this.ids.hex("chat", 32)}`,
      openConversationId: `cid${this.ids.base64("cid", 22)}==`,
      name: input.name,
      owner: input.owner,
      useridlist: [...new Set(input.useridlist)],
      robotCodes: [input.robotCode],
      createdAt: this.state.clock.now(),
    };
    this.byChatId.set(chat.chatid, chat);
    this.byConversation.set(chat.openConversationId, chat);
    return chat;
  }

  get(chatid: string): GroupChat | undefined {
    return this.byChatId.get(chatid);
  }

  byOpenConversationId(openConversationId: string): GroupChat | undefined {
    return this.byConversation.get(openConversationId);
  }

  send(chat: GroupChat, msg: ConversationMessage): ChatMessage {
    const now = this.state.clock.now();
    const messageId = `msg${this.ids.base64("chatmsg", 28)}`;
    const message: ChatMessage = { messageId, chatid: chat.chatid, sentAt: now, recipients: recipientsOf(messageId, chat.useridlist, () => now) };
    this.messages.set(messageId, message);
    messageLog(this.state).record({
      channel: "chat", at: now, conversationId: chat.openConversationId, to: [...chat.useridlist], msgtype: msg.msgtype,
      content: conversationMessageContent(msg),
    });
    return message;
  }

  message(messageId: string): ChatMessage | undefined {
    return this.messages.get(messageId);
  }

  /** Who has read, in the order they read, `size` from `cursor` on. */
  readList(message: ChatMessage, cursor: number, size: number): { readUserIdList: string[]; nextCursor?: number } {
    const now = this.state.clock.now();
    const readers = message.recipients
      .filter((r) => hasRead(r, now))
      .sort((a, b) => (a.readAt ?? 0) - (b.readAt ?? 0) || a.userId.localeCompare(b.userId))
      .map((r) => r.userId);
    const page = readers.slice(cursor, cursor + size);
    return { readUserIdList: page, nextCursor: cursor + size < readers.length ? cursor + size : undefined };
  }
}
