import type { DingTalkClient } from "@/lib/dingtalk";
import { describeDingTalkError } from "@/lib/dingtalk";
import type { Locale } from "@/lib/i18n/messages";

export type ConnectionStatus = { ok: true } | { ok: false; message: string };

/**
 * Whether the console can act as its DingTalk app at all: an app token for each host.
 * Shown on the sign-in page so that a wrong AppSecret is named before anyone tries to sign in.
 */
export async function checkDingTalkConnection(client: DingTalkClient, locale: Locale): Promise<ConnectionStatus> {
  try {
    await Promise.all([client.appToken("oapi"), client.appToken("api")]);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeDingTalkError(error, locale) };
  }
}
