import { z } from "zod";
import { OapiError, oapiErrors } from "../http/errors";
import { reply, type RequestContext, type Route } from "../http/router";
import { offsetField, pageSizeField, parseOapi } from "../http/validate";
import type { GroupChat } from "./chats";
import { parseConversationMessage } from "./conversation-message";
import { messaging } from "./store";

const nonEmpty = z.string().min(1, "不能为空");

const createBody = z.object({
  name: nonEmpty.max(64, "最多 64 个字"),
  owner: nonEmpty,
  useridlist: z.array(nonEmpty).min(1, "至少一人").max(40, "创建时最多 40 人"),
});
const getQuery = z.object({ chatid: nonEmpty });
const sendBody = z.object({ chatid: nonEmpty, msg: z.unknown() });
const readListQuery = z.object({
  messageId: nonEmpty,
  cursor: offsetField().default(0),
  size: pageSizeField(100).default(100),
});

function chatOf(ctx: RequestContext, chatid: string): GroupChat {
  const chat = messaging(ctx.state).chats.get(chatid);
  if (!chat) throw oapiErrors.invalidParam(`chatid ${chatid} 对应的会话不存在`);
  return chat;
}

/** Group chats (群会话): create, get, send, read list. */
export function chatRoutes(): Route[] {
  return [
    {
      method: "POST", path: "/chat/create", style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(createBody, ctx.body);
        const unknown = body.useridlist.find((id) => !ctx.state.org.usersById.has(id));
        if (unknown) throw new OapiError(60121, `找不到该用户：${unknown}`);
        if (!body.useridlist.includes(body.owner)) throw oapiErrors.invalidParam("群主 owner 必须在 useridlist 中");
        const m = messaging(ctx.state);
        const chat = m.chats.create({ ...body, robotCode: m.robot.robot.robotCode });
        return reply.json({ chatid: chat.chatid, openConversationId: chat.openConversationId, conversationTag: 2 });
      },
    },
    {
      method: "GET", path: "/chat/get", style: "oapi", auth: "app",
      handler(ctx) {
        const q = parseOapi(getQuery, Object.fromEntries(ctx.query));
        const chat = chatOf(ctx, q.chatid);
        return reply.json({
          chat_info: {
            chatid: chat.chatid, name: chat.name, owner: chat.owner, useridlist: chat.useridlist,
            openConversationId: chat.openConversationId, conversationTag: 2,
          },
        });
      },
    },
    {
      method: "POST", path: "/chat/send", style: "oapi", auth: "app",
      handler(ctx) {
        const body = parseOapi(sendBody, ctx.body);
        if (body.msg === undefined) throw oapiErrors.missingParam("msg");
        const chat = chatOf(ctx, body.chatid);
        const message = messaging(ctx.state).chats.send(chat, parseConversationMessage(body.msg));
        return reply.json({ messageId: message.messageId });
      },
    },
    {
      method: "GET", path: "/chat/getReadList", style: "oapi", auth: "app",
      handler(ctx) {
        const q = parseOapi(readListQuery, Object.fromEntries(ctx.query));
        const chats = messaging(ctx.state).chats;
        const message = chats.message(q.messageId);
        if (!message) throw oapiErrors.invalidParam(`messageId ${q.messageId} 不存在`);
        const page = chats.readList(message, q.cursor, q.size);
        return reply.json({ readUserIdList: page.readUserIdList, ...(page.nextCursor !== undefined ? { next_cursor: page.nextCursor } : {}) });
      },
    },
  ];
}
