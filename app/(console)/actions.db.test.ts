import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { listAudit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/current";
import { createConsoleSession, listActiveSessions } from "@/lib/auth/session-store";
import { PERMISSIONS, ROLE_NAMES, type Permission, type RoleName } from "@/lib/authz/permissions";
import { grantRole, getRoles } from "@/lib/authz/roles-store";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { writeFixtureOrg } from "@/lib/directory/testing/fixture-org";
import type { Locale } from "@/lib/i18n/locale";
import { replaceActionSeams, type ActionResult } from "@/lib/server/action";
import { getGroupPolicy } from "@/lib/stream/bridge/group-policy";

// Every server action of the console, driven through the wrapper's seam (who is asking, their
// language, the database, revalidation) against a real database: refused without the role,
// per-field errors for malformed input, never a throw.

const APP = path.resolve(import.meta.dirname, "..");

function actionFiles(dir = APP): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? actionFiles(path.join(dir, e.name)) : e.name === "actions.ts" ? [path.join(dir, e.name)] : [],
  );
}

type Action = (previous?: unknown, payload?: unknown) => Promise<ActionResult<unknown>>;

interface Case {
  permission: Permission;
  /** Input the action must refuse, and the fields it must name. */
  malformed: Record<string, string>;
  fields: string[];
}

const CASES: Record<string, Case> = {
  "(console)/calendar/actions.ts#createEventAction": { permission: "calendar.own", malformed: { calendarOf: "", title: "  ", start: "" }, fields: ["calendarOf", "title", "start", "end"] },
  "(console)/calendar/actions.ts#updateEventAction": { permission: "calendar.own", malformed: { calendarOf: "u1", eventId: "e".repeat(201), title: "", start: "2026-03-02T10:00", end: "2026-03-02T11:00" }, fields: ["eventId", "title"] },
  "(console)/calendar/actions.ts#moveEventAction": { permission: "calendar.own", malformed: { calendarOf: "", eventId: "", previousStart: "x", start: "2026-03-02", end: "" }, fields: ["calendarOf", "eventId", "previousStart", "start", "end"] },
  "(console)/calendar/actions.ts#deleteEventAction": { permission: "calendar.own", malformed: { calendarOf: " ", eventId: "" }, fields: ["calendarOf", "eventId"] },
  "(console)/calendar/actions.ts#findFreeTimeAction": { permission: "calendar.own", malformed: { from: "2026-02-30", to: "tomorrow", minutes: "5" }, fields: ["people", "from", "to", "minutes"] },
  "(console)/attendance/actions.ts#startFetchAction": { permission: "attendance.read.ownDepartments", malformed: { depts: "1,x", from: "2026-13-01", to: "" }, fields: ["depts", "from", "to"] },
  "(console)/attendance/actions.ts#subscribeAction": { permission: "attendance.subscribe", malformed: { users: "a b", period: "daily" }, fields: ["users", "period"] },
  "(console)/attendance/actions.ts#unsubscribeAction": { permission: "attendance.subscribe", malformed: { id: "not-an-id" }, fields: ["id"] },
  "(console)/attendance/actions.ts#retryDeliveryAction": { permission: "attendance.subscribe", malformed: { id: "" }, fields: ["id"] },
  "(console)/approvals/[id]/actions.ts#commentAction": { permission: "approvals.act", malformed: { processInstanceId: "", text: " " }, fields: ["processInstanceId", "text"] },
  "(console)/approvals/[id]/actions.ts#terminateAction": { permission: "approvals.act", malformed: { processInstanceId: "p".repeat(65), remark: "r".repeat(501) }, fields: ["processInstanceId", "remark"] },
  "(console)/approvals/[id]/actions.ts#agreeAction": { permission: "approvals.act", malformed: { processInstanceId: "", remark: "r".repeat(501) }, fields: ["processInstanceId", "remark"] },
  "(console)/approvals/[id]/actions.ts#refuseAction": { permission: "approvals.act", malformed: { processInstanceId: " ", remark: "r".repeat(501) }, fields: ["processInstanceId", "remark"] },
  "(console)/approvals/[id]/actions.ts#transferAction": { permission: "approvals.act", malformed: { processInstanceId: "", toUserId: "" }, fields: ["processInstanceId", "toUserId"] },
  "(console)/approvals/[id]/actions.ts#remindAction": { permission: "approvals.act", malformed: { processInstanceId: "" }, fields: ["processInstanceId"] },
  "(console)/approvals/start/actions.ts#startApprovalAction": { permission: "approvals.act", malformed: { processCode: "", values: "x" }, fields: ["processCode", "values"] },
  "(console)/approvals/todo/actions.ts#agreeManyAction": { permission: "approvals.act", malformed: { processInstanceId: "", remark: "r".repeat(501) }, fields: ["processInstanceId", "remark"] },
  "(console)/approvals/sync/actions.ts#startBackfillAction": { permission: "approvals.manage", malformed: { full: "yes" }, fields: ["form"] },
  "(console)/approvals/sync/actions.ts#setSlaAction": { permission: "approvals.manage", malformed: { processCode: "", slaHours: "0" }, fields: ["processCode", "slaHours"] },
  "(console)/settings/actions.ts#grantRoleAction": { permission: "roles.manage", malformed: { person: "", role: "owner" }, fields: ["person", "role"] },
  "(console)/settings/actions.ts#revokeRoleAction": { permission: "roles.manage", malformed: { userId: "x".repeat(65), role: "root" }, fields: ["userId", "role"] },
  "(console)/settings/actions.ts#endSignInSessionsAction": { permission: "signInSessions.manage", malformed: { userId: "  " }, fields: ["userId"] },
  "(console)/directory/actions.ts#lookupLiveAction": { permission: "directory.lookup", malformed: { key: "1".repeat(65) }, fields: ["key"] },
  "(console)/directory/sync/actions.ts#startSyncAction": { permission: "directory.sync", malformed: { full: "yes" }, fields: ["form"] },
  "(console)/bot/conversations/actions.ts#resetBotConversationAction": { permission: "botConversations.manage", malformed: { id: "" }, fields: ["id"] },
  "(console)/bot/conversations/actions.ts#deleteBotConversationAction": { permission: "botConversations.manage", malformed: {}, fields: ["id"] },
  "(console)/bot/conversations/actions.ts#setGroupPolicyAction": { permission: "botConversations.manage", malformed: { conversationId: "", mode: "everyone" }, fields: ["conversationId", "mode"] },
  "(console)/bot/conversations/actions.ts#deleteGroupPolicyAction": { permission: "botConversations.manage", malformed: { conversationId: "g".repeat(201) }, fields: ["conversationId"] },
  "(console)/docs/actions.ts#saveDocumentAction": { permission: "docs.use", malformed: { workspaceId: "", nodeId: "a/b", name: "x", baseHash: "nothex", markdown: "# t" }, fields: ["workspaceId", "nodeId", "baseHash"] },
  "(console)/docs/actions.ts#restoreVersionAction": { permission: "docs.use", malformed: { workspaceId: "w1", nodeId: "n1", name: "", versionId: "v1", baseHash: "0".repeat(64) }, fields: ["name", "versionId"] },
  "(console)/docs/actions.ts#createNodeAction": { permission: "docs.use", malformed: { workspaceId: "w1", parentNodeId: "n1", name: " ", docType: "WORKBOOK" }, fields: ["name", "docType"] },
  "(console)/docs/actions.ts#deleteNodeAction": { permission: "docs.use", malformed: { workspaceId: "w1", nodeId: "", name: "n".repeat(201) }, fields: ["nodeId", "name"] },
  "(console)/docs/actions.ts#addMemberAction": { permission: "docs.use", malformed: { workspaceId: "w1", nodeId: "n1", name: "文档", person: "", role: "owner" }, fields: ["person", "role"] },
};

const actions = new Map<string, Action>();

beforeAll(async () => {
  for (const file of actionFiles()) {
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function") actions.set(`${path.relative(APP, file)}#${name}`, value as Action);
    }
  }
});

function form(fields: Record<string, string>): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
}

const CJK = /[\u4e00-\u9fff]/;

describeEachDatabase("server actions", ({ db }) => {
  let actor: Actor | null = null;
  let locale: Locale = "en";
  const revalidated: string[] = [];
  const redirected: string[] = [];
  let restore: () => void = () => undefined;

  const as = (roles: RoleName[], userId = "boss") => {
    actor = { userId, name: userId, roles, sessionId: `s-${userId}` };
  };

  beforeAll(() => {
    restore = replaceActionSeams({
      lookupActor: async () => (actor ? { status: "signed-in", actor } : { status: "signed-out" }),
      locale: async () => locale,
      db: () => db(),
      revalidate: (p) => void revalidated.push(p),
      redirect: (p) => {
        redirected.push(p);
        throw new Error(`redirect to ${p}`);
      },
    });
  });
  afterAll(() => restore());
  beforeEach(() => {
    locale = "en";
    revalidated.length = 0;
    redirected.length = 0;
  });

  const auditCount = async () => (await listAudit(db(), { sort: { field: "at", dir: "desc" }, page: 1, pageSize: 1 })).total;

  it("knows every exported action of every actions.ts under app/", () => {
    const exported = [...actions.keys()].filter((k) => !k.startsWith("actions/locale.ts#")).sort();
    expect(exported).toEqual(Object.keys(CASES).sort());
  });

  it("refuses each action to the signed-out and to every role without its permission, before reading the input", async () => {
    for (const [key, c] of Object.entries(CASES)) {
      const action = actions.get(key)!;
      const before = await auditCount();
      actor = null;
      expect(await action(null, form(c.malformed)), key).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED", message: "Please sign in again." } });
      const lacking = ROLE_NAMES.filter((r) => !(PERMISSIONS[c.permission] as readonly string[]).includes(r));
      for (const role of lacking) {
        as([role], `someone-${role}`);
        const result = await action(null, form(c.malformed));
        expect(result, `${key} as ${role}`).toEqual({ ok: false, error: { code: "FORBIDDEN", message: "Your role cannot do this." } });
      }
      expect(await auditCount(), key).toBe(before);
    }
    expect(revalidated).toEqual([]);
  });

  it("answers malformed input from each permitted role with errors on the named fields, in the person's language", async () => {
    for (const [key, c] of Object.entries(CASES)) {
      const action = actions.get(key)!;
      const before = await auditCount();
      for (const role of PERMISSIONS[c.permission]) {
        as([role], `someone-${role}`);
        for (const [lang, payload] of [
          ["en", form(c.malformed)],
          ["zh-CN", c.malformed],
        ] as const) {
          locale = lang;
          const result = await action(null, payload);
          expect(result.ok, `${key} as ${role}`).toBe(false);
          if (result.ok) continue;
          expect(result.error.code, key).toBe("INVALID_INPUT");
          expect(Object.keys(result.error.fieldErrors ?? {}).sort(), key).toEqual([...c.fields].sort());
          for (const message of Object.values(result.error.fieldErrors ?? {}).flat()) {
            expect(message.length, key).toBeGreaterThan(0);
            expect(CJK.test(message), `${key} ${lang}: ${message}`).toBe(lang === "zh-CN");
          }
        }
      }
      expect(await auditCount(), `${key} wrote an audit entry for refused input`).toBe(before);
    }
    expect(revalidated).toEqual([]);
  });

  it("revokes a role and names the person from the synced directory; refuses to remove the last admin, audited", async () => {
    await writeFixtureOrg(db());
    await grantRole(db(), { userId: "boss", role: "admin", grantedBy: "system" });
    await grantRole(db(), { userId: "u1", role: "viewer", grantedBy: "boss" });
    as(["admin"]);
    const revoke = actions.get("(console)/settings/actions.ts#revokeRoleAction")!;
    const done = await revoke(null, form({ userId: "u1", role: "viewer" }));
    expect(done).toMatchObject({ ok: true, message: "Removed Viewer from 张三" });
    expect(await getRoles(db(), "u1")).toEqual([]);
    expect(revalidated).toEqual(["/settings"]);

    locale = "zh-CN";
    const last = await revoke(null, { userId: "boss", role: "admin" });
    expect(last).toMatchObject({ ok: false, error: { code: "LAST_ADMIN", message: "不能移除最后一位管理员，请先把管理员角色授予另一人。" } });
    expect(await getRoles(db(), "boss")).toEqual(["admin"]);
    const { rows } = await listAudit(db(), { action: "role.revoke", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 10 });
    expect(rows.map((r) => [r.targetId, r.outcome, r.errorCode, r.actorId])).toEqual([
      ["u1", "ok", null, "boss"],
      ["boss", "error", "LAST_ADMIN", "boss"],
    ]);
  });

  it("ends a person's sign-in sessions", async () => {
    await createConsoleSession(db(), { userId: "u2", userName: "单雄信", ttlSeconds: 3600 });
    as(["admin"]);
    const result = await actions.get("(console)/settings/actions.ts#endSignInSessionsAction")!(null, form({ userId: "u2" }));
    expect(result).toMatchObject({ ok: true, data: { count: 1, name: "单雄信" } });
    expect(await listActiveSessions(db(), { userId: "u2" })).toEqual([]);
  });

  it("resets and deletes bot conversations, and says so when one is unknown", async () => {
    const now = new Date();
    const row = { kind: "private", userId: "u1", userName: "张三", conversationId: "c-u1", messageCount: 4, sizeBytes: 100, createdAt: now, lastActivityAt: now };
    await db().botSession.create({ data: { id: "dingtalk_private_u1", ...row } });
    await db().botTurn.create({ data: { sessionId: "dingtalk_private_u1", role: "user", content: "hi", createdAt: now } });
    as(["admin"]);
    const reset = actions.get("(console)/bot/conversations/actions.ts#resetBotConversationAction")!;
    expect(await reset(null, form({ id: "dingtalk_private_u1" }))).toMatchObject({ ok: true });
    expect(await db().botTurn.count({ where: { sessionId: "dingtalk_private_u1" } })).toBe(0);
    expect(revalidated).toEqual(["/bot/conversations", "/bot/conversations/dingtalk_private_u1"]);
    expect(await reset(null, form({ id: "nobody" }))).toEqual({ ok: false, error: { code: "BOT_CONVERSATION_NOT_FOUND", message: "No such conversation." } });

    const remove = actions.get("(console)/bot/conversations/actions.ts#deleteBotConversationAction")!;
    await expect(remove(null, form({ id: "dingtalk_private_u1" }))).rejects.toThrow("redirect to /bot/conversations");
    expect(redirected).toEqual(["/bot/conversations"]);
    expect(await db().botSession.count({ where: { id: "dingtalk_private_u1" } })).toBe(0);
    const { rows } = await listAudit(db(), { action: "botConversations.*", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 10 });
    expect(rows.map((r) => [r.action, r.targetId, r.outcome])).toEqual([
      ["botConversations.reset", "dingtalk_private_u1", "ok"],
      ["botConversations.reset", "nobody", "error"],
      ["botConversations.delete", "dingtalk_private_u1", "ok"],
    ]);
  });

  it("sets a group's policy only for a group the bot knows, and removes it", async () => {
    const now = new Date();
    await db().botSession.create({
      data: { id: "dingtalk_group_g1_u1", kind: "group", userId: "u1", conversationId: "g1", conversationTitle: "产品群", messageCount: 1, sizeBytes: 10, createdAt: now, lastActivityAt: now },
    });
    as(["admin"]);
    const set = actions.get("(console)/bot/conversations/actions.ts#setGroupPolicyAction")!;
    const unknown = await set(null, form({ conversationId: "typed-by-hand", mode: "shared" }));
    expect(unknown).toMatchObject({ ok: false, error: { code: "UNKNOWN_GROUP", fieldErrors: { conversationId: ["The bot has not talked in this group; choose one from the list."] } } });
    expect(await set(null, form({ conversationId: "g1", mode: "shared" }))).toMatchObject({ ok: true, message: "Saved" });
    // An unticked checkbox is absent from the form: answer to every message.
    expect(await getGroupPolicy(db(), "g1")).toMatchObject({ mode: "shared", mentionOnly: false, updatedBy: "boss" });

    const remove = actions.get("(console)/bot/conversations/actions.ts#deleteGroupPolicyAction")!;
    expect(await remove(null, form({ conversationId: "g1" }))).toMatchObject({ ok: true });
    expect(await getGroupPolicy(db(), "g1")).toMatchObject({ mode: "isolated", mentionOnly: true, updatedBy: null });
    expect(await remove(null, form({ conversationId: "g1" }))).toMatchObject({ ok: false, error: { code: "GROUP_POLICY_NOT_FOUND" } });
  });
});
