import { isIP } from "node:net";

/**
 * The address a sign-in came from, for the audit log and the sessions list. X-Forwarded-For is
 * whatever the client sent, with each proxy in front of the console appending the address it was
 * reached from; only the entries those proxies wrote can be believed. With `trustedHops` proxies
 * (TRUSTED_PROXY_HOPS), the client is the `trustedHops`-th entry from the right. With none, the
 * header is the client's own claim (the server keeps one the client sent) and no address is given.
 */
export function clientIp(forwardedFor: string | null | undefined, trustedHops: number): string | undefined {
  if (trustedHops < 1 || !forwardedFor) return undefined;
  const entries = forwardedFor.split(",").map((s) => s.trim());
  // Fewer entries than proxies: the request did not come through all of them.
  if (entries.length < trustedHops) return undefined;
  const candidate = entries[entries.length - trustedHops];
  return isIP(candidate) ? candidate : undefined;
}
