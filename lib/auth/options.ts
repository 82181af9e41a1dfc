import type { NextAuthOptions } from "next-auth";
import { headers } from "next/headers";
import { audited, recordAudit, SYSTEM_ACTOR } from "@/lib/audit";
import { createConsoleSession, revokeSession } from "@/lib/auth/session-store";
import { bootstrapAdmins, countAdmins, getRoles } from "@/lib/authz/roles-store";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { getDingTalk } from "@/lib/server/dingtalk";
import { clientIp } from "./client-ip";
import { dingTalkProvider, type ConsoleUser } from "./dingtalk-provider";


/**
 * On the first sign-in of a fresh database the first admins are CONSOLE_ADMIN_USERIDS,
 * or, when that is unset, the org's own DingTalk admins.
 */
export async function ensureFirstAdmins(): Promise<void> {
  const db = getDb();
  if ((await countAdmins(db)) > 0) return;
  const configured = env().CONSOLE_ADMIN_USERIDS;
  const source = configured.length > 0 ? "CONSOLE_ADMIN_USERIDS" : "dingtalk.listadmin";
  await audited(db, { actor: SYSTEM_ACTOR }, "role.bootstrap", { type: "role", id: "admin" }, { source }, async () => {
    const ids = configured.length > 0 ? configured : (await getDingTalk().contacts.listAdmins()).map((a) => a.userId);
    await bootstrapAdmins(db, ids, "system");
    return ids;
  });
}

async function requestMeta(): Promise<{ userAgent?: string; ip?: string }> {
  try {
    const h = await headers();
    return { userAgent: h.get("user-agent") ?? undefined, ip: clientIp(h.get("x-forwarded-for"), env().TRUSTED_PROXY_HOPS) };
  } catch {
    return {};
  }
}

export function buildAuthOptions(): NextAuthOptions {
  const e = env();
  const ttlSeconds = e.SESSION_TTL_HOURS * 3600;
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: ttlSeconds },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      dingTalkProvider(getDingTalk(), {
        clientId: e.DINGTALK_APP_KEY!,
        clientSecret: e.DINGTALK_APP_SECRET!,
        loginBase: e.DINGTALK_LOGIN_BASE,
        apiBase: e.DINGTALK_API_BASE,
      }),
    ],
    callbacks: {
      async signIn({ user }) {
        const person = user as unknown as ConsoleUser;
        const db = getDb();
        // A refused sign-in is recorded: who tried, and why they were turned away.
        const refuse = (errorCode: string, errorMessage: string) =>
          recordAudit(db, { actorId: person.id, actorName: person.name, action: "auth.signin", targetType: "session", outcome: "error", errorCode, errorMessage, durationMs: 0 });
        if (person.access !== "member") {
          await refuse(person.access === "outsider" ? "NOT_IN_ORG" : "DINGTALK_UNAVAILABLE", person.problem ?? "not a member of this org");
          if (person.access === "outsider") return "/login/denied?reason=not-in-org";
          return `/login/denied?reason=dingtalk&detail=${encodeURIComponent(person.problem ?? "")}`;
        }
        try {
          await ensureFirstAdmins();
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          return `/login/denied?reason=dingtalk&detail=${encodeURIComponent(detail)}`;
        }
        const roles = await getRoles(db, person.id);
        if (roles.length === 0) {
          await refuse("NO_ROLE", "member of the org without a console role");
          return "/login/denied?reason=no-role";
        }
        return true;
      },
      async jwt({ token, user, account }) {
        if (account && user) {
          const person = user as unknown as ConsoleUser;
          const db = getDb();
          const meta = await requestMeta();
          const sid = await audited(db, { actor: { userId: person.id, name: person.name } }, "auth.signin", { type: "session" }, meta, () =>
            createConsoleSession(db, { userId: person.id, userName: person.name, ttlSeconds, ...meta }),
          );
          return { sub: person.id, name: person.name, picture: person.image, sid, unionId: person.unionId };
        }
        return token;
      },
      async session({ session, token }) {
        session.sid = token.sid;
        session.userId = token.sub;
        return session;
      },
    },
    events: {
      async signOut({ token }) {
        if (!token?.sid || !token.sub) return;
        const db = getDb();
        await audited(db, { actor: { userId: token.sub, name: token.name ?? token.sub } }, "auth.signout", { type: "session", id: token.sid }, {}, () =>
          revokeSession(db, token.sid!, token.sub!),
        );
      },
    },
  };
}

let cached: NextAuthOptions | undefined;

export function authOptions(): NextAuthOptions {
  cached ??= buildAuthOptions();
  return cached;
}
