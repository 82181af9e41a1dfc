import type { DingTalkClient, DingTalkUser } from "@/lib/dingtalk";
import { isDingTalkError } from "@/lib/dingtalk";

export type PersonLookup = { ok: true; user: DingTalkUser } | { ok: false; reason: "not-found" | "ambiguous"; candidates: { userId: string; name: string }[] };

const MOBILE = /^\+?(86)?1[3-9]\d{9}$/;
const NOT_FOUND = new Set(["60121", "33012", "60111"]);

async function getIfExists(client: DingTalkClient, userId: string): Promise<DingTalkUser | null> {
  try {
    return await client.contacts.getUser(userId);
  } catch (error) {
    if (isDingTalkError(error) && NOT_FOUND.has(error.code)) return null;
    throw error;
  }
}

/** A person named by userId, mobile or name, as an admin types it into a form. */
export async function resolvePerson(client: DingTalkClient, input: string): Promise<PersonLookup> {
  const text = input.trim();
  if (MOBILE.test(text.replace(/[\s-]/g, ""))) {
    const mobile = text.replace(/[\s-]/g, "").replace(/^\+?86/, "");
    try {
      const userId = await client.contacts.getUserIdByMobile(mobile);
      const user = await getIfExists(client, userId);
      if (user) return { ok: true, user };
    } catch (error) {
      if (!(isDingTalkError(error) && NOT_FOUND.has(error.code))) throw error;
    }
    return { ok: false, reason: "not-found", candidates: [] };
  }
  const direct = await getIfExists(client, text);
  if (direct) return { ok: true, user: direct };
  const found = await client.contacts.searchUsers({ queryWord: text, offset: 0, size: 10 });
  if (found.userIds.length === 0) return { ok: false, reason: "not-found", candidates: [] };
  const users = await Promise.all(found.userIds.slice(0, 10).map((id) => client.contacts.getUser(id)));
  const exact = users.filter((u) => u.name === text);
  if (exact.length === 1) return { ok: true, user: exact[0] };
  if (users.length === 1) return { ok: true, user: users[0] };
  return { ok: false, reason: "ambiguous", candidates: users.map((u) => ({ userId: u.userId, name: u.name })) };
}
