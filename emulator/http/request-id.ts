import { randomBytes, randomUUID } from "node:crypto";

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";

/** oapi ids look like "15s9in2w1yat9"; api ids like "01A08FE7-68C3-7BBD-B223-447768EA4B29". */
export function newRequestId(style: "oapi" | "api"): string {
  if (style === "api") return randomUUID().toUpperCase();
  const bytes = randomBytes(13);
  let id = "";
  for (const b of bytes) id += LOWER_ALNUM[b % LOWER_ALNUM.length];
  return id;
}
