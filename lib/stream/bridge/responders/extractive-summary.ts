import type { Summariser, Turn } from "../memory";

const MAX_SUMMARY_CHARS = 1_200;
const MAX_POINT_CHARS = 80;

/** The first sentence of a text, shortened. */
function gist(text: string): string {
  const first = text.replace(/\s+/g, " ").trim().split(/(?<=[。！？!?.])\s*/)[0] ?? "";
  return first.length > MAX_POINT_CHARS ? `${first.slice(0, MAX_POINT_CHARS - 1)}…` : first;
}

/**
 * A summary without a model: one line per folded question (its first sentence), appended to the
 * previous summary; the oldest lines go first when it grows too long.
 */
export const extractiveSummary: Summariser = async (previous, folded: Turn[]) => {
  const points = folded.filter((t) => t.role === "user" && t.content.trim()).map((t) => `- ${gist(t.content)}`);
  const lines = [...(previous ? previous.split("\n").filter(Boolean) : []), ...points];
  while (lines.length > 1 && lines.join("\n").length > MAX_SUMMARY_CHARS) lines.shift();
  return lines.join("\n").slice(-MAX_SUMMARY_CHARS);
};
