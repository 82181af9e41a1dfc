import { beforeAll, expect, it } from "vitest";
import { audited, auditCsv, listAudit, recordAudit, type AuditEntryInput } from "./audit";
import { describeEachDatabase } from "./db/testing/databases";

const T0 = Date.parse("2025-03-01T00:00:00Z");
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

const SEED: AuditEntryInput[] = [
  { at: at(0), actorId: "u1", actorName: "张三", action: "role.grant", targetType: "user", targetId: "u9", input: { role: "hr" }, outcome: "ok", durationMs: 12 },
  { at: at(1), actorId: "u2", actorName: "李四", action: "role.revoke", targetType: "user", targetId: "u9", input: { role: "hr" }, outcome: "error", errorCode: "LAST_ADMIN", errorMessage: "no", durationMs: 3 },
  { at: at(2), actorId: "system", actorName: "system", action: "directory.sync", targetType: "org", input: { full: true }, outcome: "ok", requestId: "req-1", durationMs: 900 },
  { at: at(3), actorId: "u1", actorName: "张三", action: "session.revoke", targetType: "user", targetId: "u2", input: {}, outcome: "unknown", errorCode: "TIMEOUT", durationMs: 5000 },
  { at: at(4), actorId: "u2", actorName: "李四", action: "robot.send", targetType: "robot", targetId: "r1", input: { text: "=1+1 发布通知, \"quoted\"\nline2", secret: "s3cr3t", progress: "100%" }, outcome: "ok", durationMs: 40 },
];

class FakeDingTalkError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly requestId: string,
    readonly outcome?: "unknown",
  ) {
    super(message);
  }
}

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describeEachDatabase("audit log", ({ db }) => {
  beforeAll(async () => {
    for (const entry of SEED) await recordAudit(db(), entry);
  });

  const seeded = { from: at(0), to: at(4) };

  it("stores an entry with its input redacted", async () => {
    const { rows } = await listAudit(db(), { ...seeded, action: "robot.send", sort: { field: "at", dir: "desc" }, page: 1, pageSize: 10 });
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row).toMatchObject({ actorId: "u2", actorName: "李四", targetType: "robot", targetId: "r1", outcome: "ok", durationMs: 40 });
    expect(row.at.toISOString()).toBe(at(4).toISOString());
    const input = JSON.parse(row.input) as Record<string, unknown>;
    expect(input.secret).toBe("[redacted]");
    expect(input.text).toContain("发布通知");
    expect(row.input).not.toContain("s3cr3t");
    expect(row).not.toHaveProperty("searchText");
  });

  it("rejects an entry a person could not read back", async () => {
    await expect(recordAudit(db(), { ...SEED[0], actorId: "" })).rejects.toThrow(/actorId/);
    await expect(recordAudit(db(), { ...SEED[0], action: "Not An Action" })).rejects.toThrow(/role\.grant/);
  });

  it("filters by actor, action (exact or prefix), outcome, target and time", async () => {
    const list = (f: Parameters<typeof listAudit>[1]) => listAudit(db(), f).then((r) => r.rows.map((x) => x.action));
    const base = { ...seeded, sort: { field: "at" as const, dir: "asc" as const }, page: 1, pageSize: 50 };
    expect(await list({ ...base, actorId: "u1" })).toEqual(["role.grant", "session.revoke"]);
    expect(await list({ ...base, action: "role.*" })).toEqual(["role.grant", "role.revoke"]);
    expect(await list({ ...base, action: "role" })).toEqual([]);
    expect(await list({ ...base, outcome: "error" })).toEqual(["role.revoke"]);
    expect(await list({ ...base, outcome: "unknown" })).toEqual(["session.revoke"]);
    expect(await list({ ...base, targetType: "user", targetId: "u9" })).toEqual(["role.grant", "role.revoke"]);
    expect(await list({ ...base, from: at(1), to: at(3) })).toEqual(["role.revoke", "directory.sync", "session.revoke"]);
  });

  it("searches words in any field, ignoring case, with no wildcards", async () => {
    const search = (q: string) => listAudit(db(), { ...seeded, q, sort: { field: "at", dir: "asc" }, page: 1, pageSize: 50 }).then((r) => r.rows.map((x) => x.action));
    expect(await search("张三")).toEqual(["role.grant", "session.revoke"]);
    expect(await search("REQ-1")).toEqual(["directory.sync"]);
    expect(await search("last_admin")).toEqual(["role.revoke"]);
    expect(await search("李四 robot")).toEqual(["robot.send"]);
    expect(await search("100%")).toEqual(["robot.send"]);
    expect(await search("1_0")).toEqual([]);
    expect(await search("s3cr3t")).toEqual([]);
  });

  it("sorts on each sortable field and pages without repeats", async () => {
    const base = { ...seeded, page: 1, pageSize: 50 };
    const byDuration = await listAudit(db(), { ...base, sort: { field: "durationMs", dir: "desc" } });
    expect(byDuration.rows.map((r) => r.durationMs)).toEqual([5000, 900, 40, 12, 3]);
    const byAction = await listAudit(db(), { ...base, sort: { field: "action", dir: "asc" } });
    expect(byAction.rows.map((r) => r.action)).toEqual(["directory.sync", "robot.send", "role.grant", "role.revoke", "session.revoke"]);
    const byActor = await listAudit(db(), { ...base, sort: { field: "actorId", dir: "asc" } });
    expect(byActor.rows.map((r) => r.actorId)).toEqual(["system", "u1", "u1", "u2", "u2"]);
    const byOutcome = await listAudit(db(), { ...base, sort: { field: "outcome", dir: "asc" } });
    expect(byOutcome.rows.map((r) => r.outcome)).toEqual(["error", "ok", "ok", "ok", "unknown"]);

    const pages = await Promise.all([1, 2, 3].map((page) => listAudit(db(), { ...seeded, sort: { field: "at", dir: "desc" }, page, pageSize: 2 })));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.action))).toEqual(["robot.send", "session.revoke", "directory.sync", "role.revoke", "role.grant"]);
  });

  it("refuses a page size it would not serve", async () => {
    await expect(listAudit(db(), { sort: { field: "at", dir: "desc" }, page: 1, pageSize: 100_000 })).rejects.toThrow();
  });

  it("exports CSV: BOM and header first, quoted, Chinese intact, formulas defused, in batches", async () => {
    const lines = await collect(auditCsv(db(), seeded, { batchSize: 2 }));
    expect(lines[0].startsWith("\uFEFFid,at,actorId,actorName,action,")).toBe(true);
    expect(lines.every((l) => l.endsWith("\r\n"))).toBe(true);
    expect(lines).toHaveLength(1 + SEED.length);
    // Newest first.
    expect(lines[1]).toContain(",robot.send,");
    expect(lines[1]).toContain("2025-03-01 08:04:00.000+08:00");
    expect(lines[1]).toContain(",李四,");
    // The input cell: JSON with quotes doubled, the newline kept inside the quotes.
    expect(lines[1]).toContain('"{""text"":""=1+1 发布通知, \\""quoted\\""\\nline2""');
    expect(lines[lines.length - 1]).toContain(",role.grant,");

    const onlyErrors = await collect(auditCsv(db(), { ...seeded, outcome: "error" }));
    expect(onlyErrors).toHaveLength(2);
    expect(onlyErrors[1]).toContain(",LAST_ADMIN,");
  });

  it("exports the DingTalk calls an entry spent, blank when none were counted", async () => {
    await recordAudit(db(), { at: at(11), actorId: "u9", actorName: "王九", action: "directory.sync", targetType: "directory", targetId: "full", input: {}, outcome: "ok", durationMs: 5, calls: 42 });
    await recordAudit(db(), { at: at(12), actorId: "u9", actorName: "王九", action: "role.grant", targetType: "user", targetId: "u1", input: {}, outcome: "ok", durationMs: 6 });
    const lines = await collect(auditCsv(db(), { actorId: "u9" }));
    expect(lines[0]).toContain(",durationMs,calls,input");
    expect(lines[1]).toContain(",6,,{}");
    expect(lines[2]).toContain(",5,42,{}");
  });

  it("defuses a formula at the start of any cell", async () => {
    await recordAudit(db(), { at: at(10), actorId: "u3", actorName: "=cmd|' /C calc'!A0", action: "role.grant", targetType: "user", targetId: "+1", input: {}, outcome: "ok", durationMs: 1 });
    const lines = await collect(auditCsv(db(), { actorId: "u3" }));
    expect(lines[1]).toContain(",'=cmd|' /C calc'!A0,");
    expect(lines[1]).toContain(",'+1,");
  });

  it("audited() records a success with its timing and request id, and returns the result", async () => {
    const result = await audited(
      db(),
      { actor: { userId: "u5", name: "王五" } },
      "role.grant",
      { type: "event", id: "e1" },
      { title: "周会", appSecret: "hide-me" },
      async () => {
        await new Promise((r) => setTimeout(r, 20));
        return { eventId: "e1", requestId: "req-ok" };
      },
      { requestIdOf: (r) => r.requestId },
    );
    expect(result.eventId).toBe("e1");
    const { rows } = await listAudit(db(), { actorId: "u5", action: "role.grant", sort: { field: "at", dir: "desc" }, page: 1, pageSize: 5 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "ok", requestId: "req-ok", targetType: "event", targetId: "e1", actorName: "王五", errorCode: null });
    expect(rows[0].durationMs).toBeGreaterThanOrEqual(15);
    expect(rows[0].input).not.toContain("hide-me");
  });

  it("audited() records a failure with code, message and request id, and rethrows the same error", async () => {
    const error = new FakeDingTalkError("部门不存在 (access_token=abc123)?access_token=abc123&x=1", "60003", "req-err");
    const run = audited(db(), { actor: { userId: "u6", name: "赵六" } }, "directory.sync", { type: "department", id: "42" }, { name: "研发" }, async () => {
      throw error;
    });
    await expect(run).rejects.toBe(error);
    const { rows } = await listAudit(db(), { actorId: "u6", sort: { field: "at", dir: "desc" }, page: 1, pageSize: 5 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: "error", errorCode: "60003", requestId: "req-err", targetId: "42" });
    expect(rows[0].errorMessage).toContain("部门不存在");
    expect(rows[0].errorMessage).not.toContain("abc123&");
  });

  it("audited() records an unconfirmed call as unknown, and a plain error as UNKNOWN_ERROR", async () => {
    await expect(
      audited(db(), { actor: { userId: "u7", name: "x" } }, "directory.lookup", { type: "robot" }, {}, async () => {
        throw new FakeDingTalkError("timed out", "TIMEOUT", "req-t", "unknown");
      }),
    ).rejects.toThrow("timed out");
    await expect(
      audited(db(), { actor: { userId: "u7", name: "x" } }, "directory.lookup", { type: "robot" }, {}, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    const { rows } = await listAudit(db(), { actorId: "u7", sort: { field: "at", dir: "asc" }, page: 1, pageSize: 5 });
    expect(rows.map((r) => [r.outcome, r.errorCode, r.requestId])).toEqual([
      ["unknown", "TIMEOUT", "req-t"],
      ["error", "UNKNOWN_ERROR", null],
    ]);
  });
});
