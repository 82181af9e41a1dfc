import { z } from "zod";
import type { Db } from "../../db/client";
import type { GroupMode } from "./session-key";

export interface GroupPolicy {
  conversationId: string;
  /** "isolated": one session per member (the default); "shared": one for the group. */
  mode: GroupMode;
  /** Answer only when @-mentioned (the default). */
  mentionOnly: boolean;
  updatedBy: string | null;
  updatedAt: Date | null;
}

const DEFAULT_GROUP_POLICY = { mode: "isolated", mentionOnly: true } as const;

type PolicyRow = { conversationId: string; mode: string; mentionOnly: boolean; updatedBy: string; updatedAt: Date };

const toPolicy = (r: PolicyRow): GroupPolicy => ({
  conversationId: r.conversationId, mode: r.mode === "shared" ? "shared" : "isolated", mentionOnly: r.mentionOnly, updatedBy: r.updatedBy, updatedAt: r.updatedAt,
});

/** The policies of several groups in one query, in the order asked; a group never set gets the default. */
export async function getGroupPolicies(db: Db, conversationIds: readonly string[]): Promise<GroupPolicy[]> {
  const rows = await db.botGroupPolicy.findMany({ where: { conversationId: { in: [...new Set(conversationIds)] } } });
  const found = new Map(rows.map((r) => [r.conversationId, toPolicy(r)]));
  return conversationIds.map((id) => found.get(id) ?? { conversationId: id, ...DEFAULT_GROUP_POLICY, updatedBy: null, updatedAt: null });
}

export async function getGroupPolicy(db: Db, conversationId: string): Promise<GroupPolicy> {
  const [policy] = await getGroupPolicies(db, [conversationId]);
  return policy;
}

const groupPolicyInput = z.object({
  conversationId: z.string().trim().min(1, "conversationId is required"),
  mode: z.enum(["isolated", "shared"]).optional(),
  mentionOnly: z.boolean().optional(),
  /** Who changed it (a userId, or "system"). */
  updatedBy: z.string().trim().min(1, "updatedBy is required"),
});
export type GroupPolicyInput = z.input<typeof groupPolicyInput>;

/** Sets a group's policy; fields left out keep their current (or default) value. */
export async function setGroupPolicy(db: Db, input: GroupPolicyInput, now = new Date()): Promise<GroupPolicy> {
  const { conversationId, mode, mentionOnly, updatedBy } = groupPolicyInput.parse(input);
  const current = await getGroupPolicy(db, conversationId);
  const next = { mode: mode ?? current.mode, mentionOnly: mentionOnly ?? current.mentionOnly, updatedBy, updatedAt: now };
  await db.botGroupPolicy.upsert({ where: { conversationId }, create: { conversationId, ...next }, update: next });
  return { conversationId, ...next };
}

export async function listGroupPolicies(db: Db): Promise<GroupPolicy[]> {
  const rows = await db.botGroupPolicy.findMany({ orderBy: { updatedAt: "desc" } });
  return rows.map(toPolicy);
}

/** Removes a group's policy, so the group is back to the default; false when it had none. */
export async function deleteGroupPolicy(db: Db, conversationId: string): Promise<boolean> {
  const { count } = await db.botGroupPolicy.deleteMany({ where: { conversationId } });
  return count === 1;
}

export interface KnownGroup {
  conversationId: string;
  /** A name DingTalk sent for the group with one of its messages; null when none carried one. */
  title: string | null;
}

/** The groups the bot has talked in (from its conversations), most recently active first: the choices for a policy. */
export async function listKnownGroups(db: Db, limit = 500): Promise<KnownGroup[]> {
  const rows = await db.botSession.groupBy({
    by: ["conversationId"],
    where: { kind: "group" },
    _max: { lastActivityAt: true, conversationTitle: true },
    orderBy: { _max: { lastActivityAt: "desc" } },
    take: limit,
  });
  return rows.map((r) => ({ conversationId: r.conversationId, title: r._max.conversationTitle ?? null }));
}

/** Whether the bot has talked in the group. */
export async function knowsGroup(db: Db, conversationId: string): Promise<boolean> {
  return (await db.botSession.count({ where: { kind: "group", conversationId } })) > 0;
}
