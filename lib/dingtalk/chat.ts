import { z } from "zod";
import { checkIdList, checkPageSize, checkText } from "./arguments";
import { checkConversationMessage, type ConversationMessage } from "./conversation-message";
import { cursorPages, eachItem } from "./pagination";
import type { Call } from "./transport";
import { wireOptionalText, wireText } from "./wire";

export interface GroupChatInfo {
  chatId: string;
  name: string;
  owner: string;
  userIds: string[];
  openConversationId?: string;
}

export interface CreatedChat {
  chatId: string;
  /** The id the robot group APIs take. */
  openConversationId: string;
  conversationTag?: number;
}

export interface ReadListPage {
  readUserIds: string[];
  /** Absent on the last page. */
  nextCursor?: number;
}

const createReply = z
  .object({ chatid: z.string(), openConversationId: z.string(), conversationTag: z.coerce.number().nullish() })
  .transform((r): CreatedChat => ({ chatId: r.chatid, openConversationId: r.openConversationId, conversationTag: r.conversationTag ?? undefined }));

const getReply = z
  .object({
    chat_info: z.object({
      chatid: z.string(),
      name: wireText,
      owner: wireText,
      useridlist: z.array(z.string()).nullish(),
      openConversationId: wireOptionalText,
    }),
  })
  .transform(({ chat_info: c }): GroupChatInfo => ({
    chatId: c.chatid, name: c.name, owner: c.owner, userIds: c.useridlist ?? [], openConversationId: c.openConversationId,
  }));

const readListReply = z
  .object({ readUserIdList: z.array(z.string()).nullish(), next_cursor: z.coerce.number().nullish() })
  .transform((r): ReadListPage => ({ readUserIds: r.readUserIdList ?? [], nextCursor: r.next_cursor ?? undefined }));

export interface Chat {
  /** Creates a group chat; the owner must be one of `userIds` (at most 40 at creation). Not repeated on failure. */
  create(input: { name: string; owner: string; userIds: readonly string[] }): Promise<CreatedChat>;
  get(chatId: string): Promise<GroupChatInfo>;
  /** Sends a message to the chat. Not repeated on failure: see `DingTalkError.outcome`. */
  send(chatId: string, msg: ConversationMessage): Promise<{ messageId: string }>;
  readList(messageId: string, page?: { cursor?: number; size?: number }): Promise<ReadListPage>;
  /** Everyone who has read the message, fetching pages as needed. */
  iterateReaders(messageId: string, options?: { pageSize?: number }): AsyncIterable<string>;
}

/** Group chats (群会话) on oapi: create, get, send, read list. */
export function createChat(call: Call): Chat {
  const readList: Chat["readList"] = async (messageId, page = {}) =>
    call({
      host: "oapi",
      method: "GET",
      path: "/chat/getReadList",
      query: { messageId: checkText(messageId, "messageId"), cursor: page.cursor ?? 0, size: checkPageSize(page.size ?? 100) },
      schema: readListReply,
      idempotent: true,
    });

  return {
    async create({ name, owner, userIds }) {
      // DingTalk creates a chat with 1 to 40 people.
      const members = checkIdList(userIds, "userIds", 40);
      const ownerId = checkText(owner, "owner");
      if (!members.includes(ownerId)) throw new RangeError(`the owner ${ownerId} must be one of the chat's userIds`);
      return call({
        host: "oapi",
        method: "POST",
        path: "/chat/create",
        body: { name: checkText(name, "name"), owner: ownerId, useridlist: members },
        schema: createReply,
        idempotent: false,
      });
    },

    async get(chatId) {
      return call({ host: "oapi", method: "GET", path: "/chat/get", query: { chatid: checkText(chatId, "chatId") }, schema: getReply, idempotent: true });
    },

    async send(chatId, msg) {
      return call({
        host: "oapi",
        method: "POST",
        path: "/chat/send",
        body: { chatid: checkText(chatId, "chatId"), msg: checkConversationMessage(msg) },
        schema: z.object({ messageId: z.string() }),
        idempotent: false,
      });
    },

    readList,

    iterateReaders(messageId, options = {}) {
      const size = checkPageSize(options.pageSize ?? 100);
      return eachItem(
        cursorPages(async (cursor) => {
          const page = await readList(messageId, { cursor, size });
          return { items: page.readUserIds, hasMore: page.nextCursor !== undefined, nextCursor: page.nextCursor };
        }),
      );
    },
  };
}
