import type { DingTalkClient } from "@/lib/dingtalk";
import { describeDingTalkError } from "@/lib/dingtalk";
import type { Locale } from "@/lib/i18n/locale";

export type ConnectionStatus = { ok: true } | { ok: false; message: string };

/** A failed check is remembered this long: tokens that worked are cached by the client, failures are not. */
const FAILURE_TTL_MS = 30_000;
const failures = new WeakMap<DingTalkClient, { error: unknown; at: number }>();

/**
 * Whether the console can act as its DingTalk app at all: an app token for each host.
 * Shown on the sign-in page so that a wrong AppSecret is named before anyone tries to sign in;
 * while DingTalk refuses or cannot be reached, visits within FAILURE_TTL_MS do not ask (and wait) again.
 */
export async function checkDingTalkConnection(client: DingTalkClient, locale: Locale, now = Date.now()): Promise<ConnectionStatus> {
  const failed = failures.get(client);
  if (failed && now - failed.at < FAILURE_TTL_MS) return { ok: false, message: describeDingTalkError(failed.error, locale) };
  try {
    await Promise.all([client.appToken("oapi"), client.appToken("api")]);
    failures.delete(client);
    return { ok: true };
  } catch (error) {
    failures.set(client, { error, at: now });
    return { ok: false, message: describeDingTalkError(error, locale) };
  }
}
