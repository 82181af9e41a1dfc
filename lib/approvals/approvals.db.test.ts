import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { WorkflowControl } from "@/emulator/control/workflow-client";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import type { DingTalkClient } from "@/lib/dingtalk";
import { startEmulatorOrg, type EmulatorOrg } from "@/lib/directory/sync/testing/emulator-org";
import { backfillWindows, estimateBackfill, LIST_PAGE_SIZE, runBackfill, type BackfillOutcome } from "./backfill";
import { JobLease } from "@/lib/directory/sync/lease";
import { APPROVALS_BACKFILL_LEASE } from "./deps";
import { handleApprovalEvent } from "./events";
import { getBackfillProgress } from "./progress";
import { startApprovalEvents } from "./testing/approval-events";
import { clearApprovals, emulatorInstances, expectIndexMatchesEmulator } from "./testing/emulator-approvals";

// The approvals index against the emulator over HTTP, into SQLite and PostgreSQL.

// Each test backfills and compares a few hundred instances call by call: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const LIST = "POST /v1.0/workflow/processes/instanceIds/query";
const DETAIL = "GET /v1.0/workflow/processInstances";

describeEachDatabase("approvals index", ({ db }) => {
  let org: EmulatorOrg;
  let admin: string;
  let stopEvents: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    await clearApprovals(db());
    org = await startEmulatorOrg({ users: 80, departments: 10, seed: 7 });
    admin = (await org.control.org()).admins[0].userId;
    // Besides the emulator's 90 days of history: instances over the whole year, in all eight templates.
    await new WorkflowControl(org.emu.url, org.emu.controlToken).seed({ count: 120, days: 360 });
  });

  afterEach(async () => {
    await stopEvents?.();
    stopEvents = undefined;
    await org.close();
  });

  const deps = (client: DingTalkClient = org.client) => ({ db: db(), client });
  const now = async () => org.control.clock();

  /** Listing pages the data needs: per template and window, ceil(ids / 20), at least one. */
  async function minimumPages(at: number): Promise<number> {
    let pages = 0;
    for (const t of await org.client.workflow.listManagedTemplates(admin)) {
      for (const w of backfillWindows(new Date(at))) {
        let ids = 0;
        for await (const id of org.client.workflow.iterateInstanceIds({ processCode: t.processCode, ...w })) if (id) ids++;
        pages += Math.max(1, Math.ceil(ids / LIST_PAGE_SIZE));
      }
    }
    return pages;
  }

  it("a backfill fills the index with every instance, its form values, tasks and records, in the fewest calls", async () => {
    const at = await now();
    await org.control.resetStats();
    expect(await estimateBackfill(db(), new Date(at))).toMatchObject({ details: 0, lowerBound: true });
    const outcome = (await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 })) as BackfillOutcome;
    expect(outcome.status).toBe("done");
    const calls = (await org.control.stats()).calls;
    expect(await db().approvalTemplate.count()).toBe(8);
    const total = await expectIndexMatchesEmulator(db(), org.client, admin, at);
    expect(total).toBeGreaterThan(300);
    expect(calls[DETAIL]).toBe(total);
    expect(calls[LIST]).toBe(await minimumPages(at));
    expect(outcome.apiCalls).toBe(1 + calls[LIST] + calls[DETAIL]);
    // The next backfill's estimate, from the index: the same pages, and details only for instances not final.
    const estimate = await estimateBackfill(db(), new Date(at));
    const open = await db().approvalInstance.count({ where: { status: { notIn: ["COMPLETED", "TERMINATED", "CANCELED"] } } });
    expect(estimate).toMatchObject({ templates: 8, pages: calls[LIST], details: open, calls: 1 + calls[LIST] + open, lowerBound: false });
    const progress = await getBackfillProgress(db(), outcome.runId);
    expect(progress).toMatchObject({ status: "done", instancesFetched: total, idsFound: total, windowsDone: progress!.windowsTotal, secondsLeft: 0 });
  });

  it("a backfill killed halfway resumes where it was and ends equal, without fetching anything twice", async () => {
    const at = await now();
    await org.control.resetStats();
    // Killed during the listing, then during the details: each time as a process dies (run left "running", lease left behind).
    for (const killAfter of [{ list: 6 }, { detail: 90 }]) {
      const controller = new AbortController();
      let lists = 0;
      let details = 0;
      const w = org.client.workflow;
      const client = {
        ...org.client,
        workflow: {
          ...w,
          queryInstanceIds: async (q: Parameters<typeof w.queryInstanceIds>[0]) => {
            if (++lists === killAfter.list) controller.abort();
            return w.queryInstanceIds(q);
          },
          getInstance: async (id: string) => {
            if (++details === killAfter.detail) controller.abort();
            return w.getInstance(id);
          },
        },
      } as DingTalkClient;
      const outcome = (await runBackfill(deps(client), { startedBy: "test", adminUserId: admin, callsPerSecond: 0, concurrency: 4, signal: controller.signal })) as BackfillOutcome;
      expect(outcome.status).toBe("interrupted");
      await db().approvalBackfillRun.update({ where: { id: outcome.runId }, data: { status: "running", heartbeatAt: new Date(Date.now() - 120_000) } });
    }
    const resumed = (await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 })) as BackfillOutcome;
    expect(resumed).toMatchObject({ status: "done", resumed: true });
    expect(await db().approvalBackfillRun.count()).toBe(1);
    const calls = (await org.control.stats()).calls;
    const total = await expectIndexMatchesEmulator(db(), org.client, admin, at);
    expect(calls[DETAIL]).toBe(total);
    expect(calls[LIST]).toBe(await minimumPages(at));
  });

  it("after the backfill, events alone keep the index equal as instances are started, agreed, refused and terminated: one detail call per change", async () => {
    await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 });
    const events = await startApprovalEvents(org.client, db());
    stopEvents = events.stop;
    const { users } = await org.control.users({ limit: 80 });
    const w = org.client.workflow;
    await org.control.resetStats();
    let changes = 0;
    const started: string[] = [];
    for (const u of users.filter((x) => x.active).slice(0, 12)) {
      try {
        started.push(await w.startInstance({ processCode: "PROC-5E02B8D1-GENERAL", originatorUserId: u.userId, formComponentValues: [{ name: "申请内容", value: `申请 ${u.userId}` }] }));
        changes++;
      } catch {
        // Someone the template does not suit: not a change.
      }
      if (started.length === 4) break;
    }
    expect(started).toHaveLength(4);
    const running = async (id: string) => (await w.getInstance(id)).tasks.find((t) => t.status === "RUNNING")!;
    const [a, b, c] = started;
    // Each action waits for its events to be applied, as changes a person makes come apart in time.
    const settle = () => new Promise((r) => setTimeout(r, 600));
    await settle();
    const ta = await running(a);
    await w.execute({ processInstanceId: a, taskId: ta.taskId, actionerUserId: ta.userId, result: "agree", remark: "同意" });
    changes++;
    await settle();
    const tb = await running(b);
    await w.execute({ processInstanceId: b, taskId: tb.taskId, actionerUserId: tb.userId, result: "refuse", remark: "不同意" });
    changes++;
    await settle();
    const originator = (await w.getInstance(c)).originatorUserId;
    await w.terminate({ processInstanceId: c, operatingUserId: originator, remark: "不需要了" });
    changes++;
    await settle();
    const myReads = 3;
    const at = await now();
    const calls = (await org.control.stats()).calls;
    expect(calls[DETAIL] - myReads).toBe(changes);
    await expectIndexMatchesEmulator(db(), org.client, admin, at);
    const row = await db().approvalInstance.findUniqueOrThrow({ where: { processInstanceId: b } });
    expect(row).toMatchObject({ status: "COMPLETED", result: "refuse" });
    expect((await db().approvalInstance.findUniqueOrThrow({ where: { processInstanceId: c } })).status).toBe("TERMINATED");
  });

  it("stops at a quota refusal without retrying it, and resumes where it was once DingTalk accepts calls again", async () => {
    const at = await now();
    await org.control.setQuota({ quota: 80, used: 0 });
    const first = (await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0, concurrency: 1 })) as BackfillOutcome;
    expect(first).toMatchObject({ status: "interrupted" });
    expect(first.error).toMatch(/monthly quota/);
    expect((await org.control.quota()).used).toBe(80);
    await org.control.setQuota({ quota: null });
    await org.control.resetStats();
    const second = (await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 })) as BackfillOutcome;
    expect(second.error).toBeUndefined();
    expect(second).toMatchObject({ status: "done", resumed: true, runId: first.runId });
    const calls = (await org.control.stats()).calls;
    const total = await expectIndexMatchesEmulator(db(), org.client, admin, at);
    // The first run's 80 accepted calls are not made again: together the two make the minimum.
    expect(80 + (calls[LIST] ?? 0) + calls[DETAIL]).toBe(1 + (await minimumPages(at)) + total);
    expect(second.apiCalls).toBe(1 + (await minimumPages(at)) + total);
  });

  it("asks the budget before listing and again, with the exact count, before the details; a share too small leaves it waiting", async () => {
    const budget = { monthlyQuota: 100, backgroundShare: 0.5 };
    const outcome = (await runBackfill(deps(), { startedBy: "schedule", adminUserId: admin, callsPerSecond: 0, budget })) as BackfillOutcome;
    expect(outcome.status).toBe("interrupted");
    const decisions = await db().backgroundJobDecision.findMany({ orderBy: { id: "asc" } });
    expect(decisions.map((d) => `${d.job} ${d.decision}`)).toEqual(["approvals.backfill.list run", "approvals.backfill.details skip"]);
    expect(decisions[1].estimatedCalls).toBe(outcome.idsFound);
    expect(await db().approvalInstance.count()).toBe(0);
    await db().backgroundJobDecision.deleteMany();
  });

  it("one backfill at a time across console instances: another holding the lease makes a start busy", async () => {
    const other = new JobLease(db(), APPROVALS_BACKFILL_LEASE, "another-instance", { ttlMs: 60_000 });
    expect(await other.acquire()).toBe(true);
    expect(await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 })).toEqual({ status: "busy" });
    expect(await db().approvalBackfillRun.count()).toBe(0);
    await other.release();
  });

  it("an event names no instance: ignored; an instance synced stays when DingTalk no longer lists it", async () => {
    expect((await handleApprovalEvent(deps(), "bpms_task_change", { type: "start" })).ignored).toMatch(/payload/);
    expect((await handleApprovalEvent(deps(), "user_add_org", { userId: ["x"] })).ignored).toBeTruthy();
    await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0 });
    const before = await db().approvalInstance.count();
    // A year later: DingTalk lists none of these any more; a new backfill keeps them.
    await org.control.advanceClock(400 * 86_400);
    expect((await emulatorInstances(org.client, admin, await now())).size).toBe(0);
    const again = (await runBackfill(deps(), { startedBy: "test", adminUserId: admin, callsPerSecond: 0, resumeWithinMs: 1 })) as BackfillOutcome;
    expect(again.status).toBe("done");
    expect(await db().approvalInstance.count()).toBe(before);
  });
});
