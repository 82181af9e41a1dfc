import { afterEach, expect, it, vi } from "vitest";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { createConsoleSession, getActiveSession, listActiveSessions, revokeSession, revokeSessionsOf, touchSession, TOUCH_INTERVAL_MS } from "./session-store";

const HOUR = 3600;

describeEachDatabase("console sessions", ({ db }) => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("creates a session with an unguessable id that is active until it expires", async () => {
    const id = await createConsoleSession(db(), { userId: "s1", userName: "张三", ttlSeconds: HOUR, userAgent: "Firefox", ip: "10.0.0.1" });
    const other = await createConsoleSession(db(), { userId: "s1", userName: "张三", ttlSeconds: HOUR });
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(other).not.toBe(id);
    const session = await getActiveSession(db(), id);
    expect(session).toMatchObject({ id, userId: "s1", userName: "张三", userAgent: "Firefox", ip: "10.0.0.1", revokedAt: null });
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(HOUR * 1000);
    expect(await getActiveSession(db(), "no-such-session")).toBeNull();
  });

  it("treats an expired session as ended", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-01T00:00:00Z"));
    const id = await createConsoleSession(db(), { userId: "s2", userName: "李四", ttlSeconds: 60 });
    expect(await getActiveSession(db(), id)).not.toBeNull();
    vi.setSystemTime(new Date("2025-01-01T00:01:01Z"));
    expect(await getActiveSession(db(), id)).toBeNull();
    expect(await touchSession(db(), id)).toBe(false);
    expect((await listActiveSessions(db(), { userId: "s2" })).map((s) => s.id)).toEqual([]);
  });

  it("records activity at most once a minute", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = new Date("2025-02-01T00:00:00Z");
    vi.setSystemTime(start);
    const id = await createConsoleSession(db(), { userId: "s3", userName: "王五", ttlSeconds: HOUR });
    vi.setSystemTime(start.getTime() + 30_000);
    expect(await touchSession(db(), id)).toBe(false);
    expect((await getActiveSession(db(), id))!.lastSeenAt.getTime()).toBe(start.getTime());
    vi.setSystemTime(start.getTime() + TOUCH_INTERVAL_MS + 1);
    expect(await touchSession(db(), id)).toBe(true);
    expect((await getActiveSession(db(), id))!.lastSeenAt.getTime()).toBe(start.getTime() + TOUCH_INTERVAL_MS + 1);
    vi.setSystemTime(start.getTime() + TOUCH_INTERVAL_MS + 10_000);
    expect(await touchSession(db(), id)).toBe(false);
  });

  it("revokes one session, and says so only the first time", async () => {
    const id = await createConsoleSession(db(), { userId: "s4", userName: "赵六", ttlSeconds: HOUR });
    expect(await revokeSession(db(), id, "admin1")).toBe(true);
    expect(await revokeSession(db(), id, "admin1")).toBe(false);
    expect(await getActiveSession(db(), id)).toBeNull();
    expect(await touchSession(db(), id)).toBe(false);
    const stored = await db().consoleSession.findUnique({ where: { id } });
    expect(stored).toMatchObject({ revokedBy: "admin1" });
    expect(stored!.revokedAt).toBeInstanceOf(Date);
  });

  it("revokes every active session of a person and lists the ones left", async () => {
    const a = await createConsoleSession(db(), { userId: "s5", userName: "孙七", ttlSeconds: HOUR });
    const b = await createConsoleSession(db(), { userId: "s5", userName: "孙七", ttlSeconds: HOUR });
    await revokeSession(db(), b, "s5");
    const keep = await createConsoleSession(db(), { userId: "s6", userName: "周八", ttlSeconds: HOUR });
    expect((await listActiveSessions(db(), { userId: "s5" })).map((s) => s.id)).toEqual([a]);

    expect(await revokeSessionsOf(db(), "s5", "admin1")).toBe(1);
    expect(await revokeSessionsOf(db(), "s5", "admin1")).toBe(0);
    expect(await listActiveSessions(db(), { userId: "s5" })).toEqual([]);
    const everyone = (await listActiveSessions(db())).map((s) => s.id);
    expect(everyone).toContain(keep);
    expect(everyone).not.toContain(a);
  });

  it("rejects a session it could not honour", async () => {
    await expect(createConsoleSession(db(), { userId: "", userName: "x", ttlSeconds: HOUR })).rejects.toThrow();
    await expect(createConsoleSession(db(), { userId: "s7", userName: "x", ttlSeconds: 0 })).rejects.toThrow();
  });
});
