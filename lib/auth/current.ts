import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { getActiveSession, touchSession } from "@/lib/auth/session-store";
import { can, type Permission, type RoleName } from "@/lib/authz/permissions";
import { getRoles } from "@/lib/authz/roles-store";
import { getDb } from "@/lib/db/client";
import { authOptions } from "./options";

export interface Actor {
  userId: string;
  name: string;
  roles: RoleName[];
  sessionId: string;
}

export type ActorLookup = { status: "signed-in"; actor: Actor } | { status: "signed-out" } | { status: "ended" };

/**
 * Who is asking, checked against the database on every request: a revoked session or a
 * removed role takes effect at once, whatever the cookie says.
 */
export const lookupActor = cache(async (): Promise<ActorLookup> => {
  const session = await getServerSession(authOptions());
  if (!session?.sid || !session.userId) return { status: "signed-out" };
  const db = getDb();
  const stored = await getActiveSession(db, session.sid);
  if (!stored || stored.userId !== session.userId) return { status: "ended" };
  await touchSession(db, session.sid);
  // Only the roles this version knows: getRoles leaves out any other stored name.
  const roles = await getRoles(db, session.userId);
  return { status: "signed-in", actor: { userId: session.userId, name: stored.userName ?? session.user?.name ?? session.userId, roles, sessionId: session.sid } };
});

/** For pages: the actor, or a redirect to sign-in, or the 403 page. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const found = await lookupActor();
  if (found.status === "signed-out") redirect("/login");
  if (found.status === "ended") redirect("/login?error=SessionEnded");
  if (!can(found.actor.roles, permission)) forbidden();
  return found.actor;
}

/**
 * For route handlers: the actor, or the 401/403 response to return. `as` is the body's kind:
 * JSON for the routes pages poll, plain text for downloads.
 */
export async function authorizeRequest(permission: Permission, as: "json" | "text" = "json"): Promise<{ ok: true; actor: Actor } | { ok: false; response: Response }> {
  const found = await lookupActor();
  const refuse = (message: string, status: number) => ({
    ok: false as const,
    response: as === "json" ? Response.json({ error: message }, { status }) : new Response(message, { status }),
  });
  if (found.status !== "signed-in") return refuse((await getTranslations("request"))("signIn"), 401);
  if (!can(found.actor.roles, permission)) return refuse((await getTranslations("request"))("forbidden"), 403);
  return { ok: true, actor: found.actor };
}
