import { createHmac } from "node:crypto";

export interface IsvSignatureInput {
  suiteSecret: string;
  suiteTicket: string;
  /** ms since the epoch, as DingTalk's ISV requests carry it. */
  timestamp: number | string;
}

/**
 * The signature an ISV (third-party app) request carries: url-encoded
 * base64(HmacSHA256(key = suiteSecret, msg = timestamp + "\n" + suiteTicket)).
 */
export function isvSignature({ suiteSecret, suiteTicket, timestamp }: IsvSignatureInput): string {
  if (!suiteSecret) throw new RangeError("suiteSecret must not be empty");
  if (!suiteTicket) throw new RangeError("suiteTicket must not be empty");
  const ts = String(timestamp);
  if (!/^\d+$/.test(ts)) throw new RangeError(`timestamp must be a whole number of milliseconds, got ${ts}`);
  const digest = createHmac("sha256", suiteSecret).update(`${ts}\n${suiteTicket}`).digest("base64");
  return encodeURIComponent(digest);
}
