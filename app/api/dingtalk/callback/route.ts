import { approvalEventListener } from "@/lib/approvals/events";
import { getDb } from "@/lib/db/client";
import { directoryEventListener } from "@/lib/directory/sync/event-listener";
import { getDingTalk } from "@/lib/server/dingtalk";
import { DingTalkCallbackCrypto } from "@/lib/dingtalk/callback-crypto";
import { env } from "@/lib/env";
import { answerCallbackRequest } from "@/lib/stream/bridge/callback";

export const dynamic = "force-dynamic";

// Built once per process: the key derivation is the same for every request.
let crypto: DingTalkCallbackCrypto | null | undefined;

function callbackCrypto(): DingTalkCallbackCrypto | null {
  if (crypto === undefined) {
    const e = env();
    crypto = e.DINGTALK_CALLBACK_TOKEN && e.DINGTALK_CALLBACK_AES_KEY && e.DINGTALK_APP_KEY
      ? new DingTalkCallbackCrypto(e.DINGTALK_CALLBACK_TOKEN, e.DINGTALK_CALLBACK_AES_KEY, e.DINGTALK_APP_KEY)
      : null;
  }
  return crypto;
}

/** DingTalk's encrypted HTTP event subscription: the same handlers as the Stream bridge. */
export async function POST(request: Request): Promise<Response> {
  return answerCallbackRequest(request, {
    crypto: callbackCrypto(),
    db: getDb(),
    eventListeners: [
      directoryEventListener(() => ({ db: getDb(), client: getDingTalk() })),
      approvalEventListener(() => ({ db: getDb(), client: getDingTalk() })),
    ],
  });
}
