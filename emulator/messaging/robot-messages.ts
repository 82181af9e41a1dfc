import { z } from "zod";
import { apiErrors } from "../http/errors";

const text = z.string().min(1, "不能为空");
const optionalText = z.string().optional();

/** `sampleActionCard2..5`: `actionTitleN` / `actionURLN` pairs, N buttons stacked vertically. */
function verticalButtons(count: number) {
  const shape: Record<string, z.ZodString> = { title: text, text };
  for (let i = 1; i <= count; i++) {
    shape[`actionTitle${i}`] = text;
    shape[`actionURL${i}`] = text;
  }
  return z.object(shape);
}

/** The message templates (`msgKey`) robots may send, each with the `msgParam` fields it needs. */
export const robotMsgParams: Record<string, z.ZodType> = {
  sampleText: z.object({ content: text }),
  sampleMarkdown: z.object({ title: text, text }),
  sampleImageMsg: z.object({ photoURL: text }),
  sampleLink: z.object({ text, title: text, picUrl: optionalText, messageUrl: text }),
  sampleActionCard: z.object({ title: text, text, singleTitle: text, singleURL: text }),
  sampleActionCard2: verticalButtons(2),
  sampleActionCard3: verticalButtons(3),
  sampleActionCard4: verticalButtons(4),
  sampleActionCard5: verticalButtons(5),
  sampleActionCard6: z.object({ title: text, text, buttonTitle1: text, buttonUrl1: text, buttonTitle2: text, buttonUrl2: text }),
  sampleFile: z.object({ mediaId: text, fileName: text, fileType: text }),
  sampleAudio: z.object({ mediaId: text, duration: text }),
  sampleVideo: z.object({ duration: text, videoMediaId: text, videoType: text, picMediaId: text }),
};

/** Checks that `msgParam` is a JSON string with the fields `msgKey` needs; HTTP 400 `paramError` otherwise. */
export function parseRobotMessage(msgKey: string, msgParam: string): { msgKey: string; param: Record<string, unknown> } {
  const schema = robotMsgParams[msgKey];
  if (!schema) throw apiErrors.invalidParam(`msgKey ${msgKey} 不是支持的消息模板（${Object.keys(robotMsgParams).join("、")}）`);
  let json: unknown;
  try {
    json = JSON.parse(msgParam);
  } catch {
    throw apiErrors.invalidParam("msgParam 必须是 JSON 字符串");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw apiErrors.invalidParam(`msgParam.${issue.path.map(String).join(".") || "(整体)"} 不符合 ${msgKey}：${issue.message}`);
  }
  return { msgKey, param: parsed.data as Record<string, unknown> };
}
