"use server";

import { z } from "zod";
import { revokeSessionsOf } from "@/lib/auth/session-store";
import { ROLE_NAMES } from "@/lib/authz/permissions";
import { grantRole, revokeRole } from "@/lib/authz/roles-store";
import type { Db } from "@/lib/db/client";
import { peopleByIds } from "@/lib/directory/search/search";
import { resolvePerson } from "@/lib/org/resolve-person";
import { serverAction } from "@/lib/server/action";
import { ActionFailure } from "@/lib/server/action-errors";
import { getDingTalk } from "@/lib/server/dingtalk";

const userId = z.string().trim().min(1).max(64);

/** The person's name from the synced directory, for the message; the userId when not synced. */
async function nameOf(db: Db, id: string): Promise<string> {
  const [person] = await peopleByIds(db, [id]);
  return person?.name ?? id;
}
const role = z.enum(ROLE_NAMES);

/** Grants a role to a person named by userId, mobile or name (as DingTalk resolves them). */
export const grantRoleAction = serverAction({
  permission: "roles.manage",
  input: z.object({ person: z.string().trim().min(1).max(64), role }),
  audit: { action: "role.grant", target: (i) => ({ type: "user", id: i.person }) },
  async run({ person, role }, { db, actor }) {
    const found = await resolvePerson(getDingTalk(), person);
    if (!found.ok) {
      if (found.reason === "not-found") throw new ActionFailure("PERSON_NOT_FOUND", "person");
      throw new ActionFailure("PERSON_AMBIGUOUS", "person", { candidates: found.candidates.map((c) => `${c.name} (${c.userId})`).join(", ") });
    }
    await grantRole(db, { userId: found.user.userId, role, grantedBy: actor.userId, note: found.user.name });
    return { userId: found.user.userId, name: found.user.name, role };
  },
  revalidate: ["/settings"],
  message: (granted, { t }) => t("settings.granted", { name: granted.name, role: t(`role.${granted.role}`) }),
});

export const revokeRoleAction = serverAction({
  permission: "roles.manage",
  input: z.object({ userId, role }),
  audit: { action: "role.revoke", target: (i) => ({ type: "user", id: i.userId }) },
  run: async (input, { db }) => ({ removed: await revokeRole(db, input), name: await nameOf(db, input.userId), role: input.role }),
  revalidate: ["/settings"],
  message: (r, { t }) => t("settings.revoked", { name: r.name, role: t(`role.${r.role}`) }),
});

/** Ends every console sign-in of a person; their next request is signed out. */
export const endSignInSessionsAction = serverAction({
  permission: "signInSessions.manage",
  input: z.object({ userId }),
  audit: { action: "signInSessions.end", target: (i) => ({ type: "user", id: i.userId }) },
  run: async ({ userId }, { db, actor }) => ({ count: await revokeSessionsOf(db, userId, actor.userId), name: await nameOf(db, userId) }),
  revalidate: ["/settings"],
  message: (r, { t }) => t("settings.sessionsEnded", { count: r.count, name: r.name }),
});
