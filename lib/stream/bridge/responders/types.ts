import type { BotMessage } from "../../../dingtalk/stream";
import type { SessionContext, Summariser } from "../memory";

export interface ResponderInput {
  /** What the person wrote, trimmed. */
  text: string;
  /** The session's summary and bounded history, this message not included. */
  context: SessionContext;
  sender: { userId: string; name: string };
  message: BotMessage;
}

/** An answer: plain text, or markdown with a title (DingTalk shows the title in notifications). */
export type Reply = { format: "text"; text: string } | { format: "markdown"; title: string; text: string };

export interface Responder {
  readonly name: string;
  respond(input: ResponderInput): Promise<Reply>;
  /** How this responder folds old turns into a summary. */
  summarise: Summariser;
}

export const textReply = (text: string): Reply => ({ format: "text", text });
export const markdownReply = (title: string, text: string): Reply => ({ format: "markdown", title, text });
