import { getDb } from "@/lib/db/client";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import { DbCallMeter } from "@/lib/dingtalk/meter-store";
import { env } from "@/lib/env";

const globalForDingTalk = globalThis as unknown as { consoleDingTalk?: DingTalkClient };

/** The console's one DingTalk client, so that every request shares its tokens and limiter. */
export function getDingTalk(): DingTalkClient {
  if (!globalForDingTalk.consoleDingTalk) {
    const e = env();
    globalForDingTalk.consoleDingTalk = createDingTalkClient({
      appKey: e.DINGTALK_APP_KEY!,
      appSecret: e.DINGTALK_APP_SECRET!,
      agentId: e.DINGTALK_AGENT_ID,
      oapiBase: e.DINGTALK_OAPI_BASE,
      apiBase: e.DINGTALK_API_BASE,
      loginBase: e.DINGTALK_LOGIN_BASE,
      qps: e.DINGTALK_QPS,
      debug: e.DINGTALK_DEBUG,
      // Every call counted in the database the console and the bridges share (the quota is the org's).
      meter: new DbCallMeter(getDb(), { appKey: e.DINGTALK_APP_KEY!, defaultArea: "page" }),
    });
  }
  return globalForDingTalk.consoleDingTalk;
}
