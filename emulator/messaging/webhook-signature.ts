import { createHmac, timingSafeEqual } from "node:crypto";

/** base64(HmacSHA256(key = secret, msg = timestamp + "\n" + secret)), before url-encoding. */
export function webhookSign(secret: string, timestamp: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

export function signMatches(secret: string, timestamp: string, sign: string): boolean {
  const expected = Buffer.from(webhookSign(secret, timestamp));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
