import { z } from "zod";
import type { Summariser, Turn } from "../memory";
import { textReply, type Responder, type ResponderInput } from "./types";

export interface OpenAiResponderOptions {
  /** e.g. https://api.openai.com/v1 — `/chat/completions` is appended. */
  baseUrl: string;
  apiKey: string;
  model: string;
  systemPrompt?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1, "the model returned no choices"),
});

type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export const DEFAULT_SYSTEM_PROMPT = "你是公司钉钉里的组织助手。回答简洁、准确，使用简体中文；不知道的事情直接说不知道。";

export class ResponderError extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
    this.name = "ResponderError";
  }
}

/** A responder on any OpenAI-compatible chat-completions endpoint. */
export function createOpenAiResponder(options: OpenAiResponderOptions): Responder {
  const url = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const doFetch = options.fetch ?? fetch;

  async function complete(messages: ChatMessage[]): Promise<string> {
    let response: Response;
    try {
      response = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${options.apiKey}` },
        body: JSON.stringify({ model: options.model, messages }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
    } catch (error) {
      throw new ResponderError(`the model endpoint did not answer: ${error instanceof Error ? error.message : String(error)}`, true);
    }
    if (!response.ok) {
      const retryable = response.status === 429 || response.status >= 500;
      throw new ResponderError(`the model endpoint answered HTTP ${response.status}`, retryable);
    }
    const parsed = completion.safeParse(await response.json().catch(() => null));
    if (!parsed.success) throw new ResponderError(`the model endpoint's answer is not a chat completion: ${parsed.error.issues[0]?.message}`, false);
    return parsed.data.choices[0].message.content?.trim() || "（模型没有给出回答）";
  }

  const system = options.systemPrompt ?? DEFAULT_SYSTEM_PROMPT;

  async function respond(input: ResponderInput) {
    const messages: ChatMessage[] = [{ role: "system", content: system }];
    if (input.context.summary) messages.push({ role: "system", content: `此前对话的摘要：\n${input.context.summary}` });
    for (const turn of input.context.history) messages.push({ role: turn.role, content: turn.content });
    messages.push({ role: "user", content: input.text });
    return textReply(await complete(messages));
  }

  const summarise: Summariser = async (previous: string | null, folded: Turn[]) => {
    const transcript = folded.map((t) => `${t.role === "user" ? "用户" : "助手"}：${t.content}`).join("\n");
    return complete([
      { role: "system", content: "把对话压缩成不超过 300 字的摘要，保留事实、决定和待办，使用简体中文。只输出摘要。" },
      { role: "user", content: `${previous ? `已有摘要：\n${previous}\n\n` : ""}新的对话：\n${transcript}` },
    ]);
  };

  return { name: `openai:${options.model}`, respond, summarise };
}
