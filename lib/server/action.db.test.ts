import { notFound } from "next/navigation";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { z } from "zod";
import { listAudit } from "@/lib/audit";
import type { Actor, ActorLookup } from "@/lib/auth/current";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { DingTalkConfigError, DingTalkError } from "@/lib/dingtalk";
import type { Locale } from "@/lib/i18n/locale";
import { ActionFailure } from "./action-errors";
import { formField, formObject, replaceActionSeams, serverAction } from "./action";

// The wrapper's own steps, with actions made here: what a failure inside the call becomes,
// and that every call is one audit entry.

const admin: Actor = { userId: "boss", name: "老板", roles: ["admin"], sessionId: "s1" };

describeEachDatabase("serverAction", ({ db }) => {
  let lookup: ActorLookup = { status: "signed-in", actor: admin };
  let locale: Locale = "en";
  let restore: () => void = () => undefined;
  beforeAll(() => {
    restore = replaceActionSeams({ lookupActor: async () => lookup, locale: async () => locale, db: () => db(), revalidate: () => undefined });
  });
  afterAll(() => restore());

  const failing = (error: unknown) =>
    serverAction({
      permission: "directory.lookup",
      input: z.object({ key: z.string().min(1) }),
      audit: { action: "directory.lookup", target: (i) => ({ type: "user", id: i.key }) },
      run: async () => {
        throw error;
      },
    });

  it("logs an unknown error and shows a generic message instead of its words, audited as an error", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const result = await failing(new Error("SQLITE_BUSY: database is locked at /var/secret.db"))(null, { key: "k1" });
      expect(result).toEqual({ ok: false, error: { code: "UNKNOWN_ERROR", message: "Something unexpected went wrong; it was logged. Please try again." } });
      expect(logged).toHaveBeenCalledWith("[action] directory.lookup:", expect.objectContaining({ message: expect.stringContaining("SQLITE_BUSY") }));
    } finally {
      logged.mockRestore();
    }
    const { rows } = await listAudit(db(), { targetId: "k1", sort: { field: "at", dir: "desc" }, page: 1, pageSize: 5 });
    expect(rows.map((r) => [r.action, r.outcome, r.actorId])).toEqual([["directory.lookup", "error", "boss"]]);
  });

  it("describes a DingTalk refusal in the person's language with the missing scope named", async () => {
    const refusal = new DingTalkError({ code: "Forbidden.AccessDenied.AccessTokenPermissionDenied", message: "no permission", host: "api", retryable: false, httpStatus: 403, requiredScopes: ["qyapi_get_member"], requestId: "req-9" });
    locale = "zh-CN";
    const zh = await failing(refusal)(null, { key: "k2" });
    expect(zh.ok).toBe(false);
    if (!zh.ok) {
      expect(zh.error.code).toBe("Forbidden.AccessDenied.AccessTokenPermissionDenied");
      expect(zh.error.message).toContain("qyapi_get_member");
      expect(zh.error.message).toContain("权限");
    }
    locale = "en";
    const en = await failing(refusal)(null, { key: "k2" });
    expect(!en.ok && en.error.message).toMatch(/needs scope qyapi_get_member/);
    const config = await failing(new DingTalkConfigError(["DINGTALK_APP_KEY is missing"]))(null, { key: "k3" });
    expect(config).toMatchObject({ ok: false, error: { code: "DINGTALK_CONFIG", message: expect.stringContaining("DINGTALK_APP_KEY") } });
  });

  it("shows an action's own refusal on its field, with values", async () => {
    const result = await failing(new ActionFailure("PERSON_AMBIGUOUS", "key", { candidates: "张三 (u1), 张三 (u9)" }))(null, { key: "张三" });
    expect(result).toEqual({
      ok: false,
      error: { code: "PERSON_AMBIGUOUS", message: "Several people match; use a userId: 张三 (u1), 张三 (u9)", fieldErrors: { key: ["Several people match; use a userId: 张三 (u1), 张三 (u9)"] } },
    });
  });

  it("lets Next.js's own interruptions through, and treats an ended sign-in as signed out", async () => {
    await expect(failing(Object.assign(new Error("x"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" }))(null, { key: "k4" })).rejects.toThrow();
    await expect(
      serverAction({ permission: "overview.read", input: z.object({}), audit: { action: "directory.lookup", target: () => ({ type: "x" }) }, run: async () => notFound() })(),
    ).rejects.toThrow();
    lookup = { status: "ended" };
    expect(await failing(new Error("never run"))(null, { key: "k5" })).toMatchObject({ ok: false, error: { code: "UNAUTHENTICATED" } });
    lookup = { status: "signed-in", actor: admin };
  });

  it("reads forms: repeated names as lists, checkboxes as booleans, React's own fields left out", async () => {
    const f = new FormData();
    f.append("$ACTION_ID_abc", "");
    f.append("ids", "a");
    f.append("ids", "b");
    f.append("one", "x");
    f.append("on", "on");
    expect(formObject(f)).toEqual({ ids: ["a", "b"], one: "x", on: "on" });
    const shape = z.object({ ids: formField.list(z.string()), single: formField.list(z.string()), on: formField.checkbox(), off: formField.checkbox() });
    expect(shape.parse({ ...formObject(f), single: "s" })).toEqual({ ids: ["a", "b"], single: ["s"], on: true, off: false });
  });
});
