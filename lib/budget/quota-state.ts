import type { Db } from "@/lib/db/client";
import { monthStart, nextMonthStart, shanghaiMonth } from "./month";

// The month DingTalk refused a call for the org's quota, kept in the database so that every
// console and bridge process stops its background work, and the banner shows, until the month turns.

export interface QuotaState {
  blocked: boolean;
  /** When the first refusal of the month was seen. */
  since?: Date;
  /** When DingTalk resets the count (the 1st, 00:00 Asia/Shanghai). */
  until?: Date;
  /** The API that was refused first. */
  api?: string;
}

export async function recordQuotaRefusal(db: Db, refusal: { api: string; message: string; at?: Date }): Promise<void> {
  const at = refusal.at ?? new Date();
  const month = shanghaiMonth(at);
  // The first refusal of the month stays: "since" says when the month ran out.
  await db.dingTalkQuotaBlock.upsert({
    where: { month },
    create: { month, blockedAt: at, until: nextMonthStart(at), api: refusal.api, message: refusal.message.slice(0, 500) },
    update: {},
  });
}

/** Whether DingTalk has refused a call for the quota this month (Asia/Shanghai), since and until when. */
export async function quotaState(db: Db, now: Date = new Date()): Promise<QuotaState> {
  const row = await db.dingTalkQuotaBlock.findUnique({ where: { month: shanghaiMonth(now) } });
  if (!row || row.until.getTime() <= now.getTime() || row.blockedAt.getTime() < monthStart(now).getTime()) return { blocked: false };
  return { blocked: true, since: row.blockedAt, until: row.until, api: row.api };
}

/** DingTalk accepted a metered call again this month (an add-on pack, a paid edition): background work may resume. */
export async function liftQuotaBlock(db: Db, at: Date = new Date()): Promise<boolean> {
  const { count } = await db.dingTalkQuotaBlock.deleteMany({ where: { month: shanghaiMonth(at) } });
  return count > 0;
}
