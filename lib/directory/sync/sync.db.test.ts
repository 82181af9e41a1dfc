import { afterEach, beforeEach, expect, it } from "vitest";
import { StreamControl } from "@/emulator/control/stream-client";
import { describeEachDatabase } from "@/lib/db/testing/databases";
import { startFullSync, runFullSync, type SyncOutcome } from "./full-sync";
import { handleDirectoryEvent } from "./incremental";
import { startDirectoryEvents, type DirectoryEvents } from "./testing/directory-events";
import { JobLease } from "./lease";
import { getSyncProgress } from "./progress";
import { reconcileDirectory } from "./reconcile";
import { clearDirectory, eventually, expectDirectoryMatchesEmulator, startEmulatorOrg, type EmulatorOrg } from "./testing/emulator-org";
import { syncedDepartmentCount } from "../queries";

// The sync against the emulator over HTTP, into SQLite and PostgreSQL.

const PAGE = 7;

describeEachDatabase("directory sync", ({ db }) => {
  let org: EmulatorOrg;
  let events: DirectoryEvents | undefined;

  beforeEach(async () => {
    await clearDirectory(db());
    org = await startEmulatorOrg({ users: 120, departments: 14, seed: 5 });
  });

  afterEach(async () => {
    await events?.stop();
    events = undefined;
    await org.close();
  });

  const deps = () => ({ db: db(), client: org.client });

  /** Calls the data needs: the root's record, one listsub per department, ceil(members / page) user pages (at least one) each. */
  async function minimumCalls(pageSize: number): Promise<number> {
    const departments = await db().directoryDepartment.findMany({ where: { removedAt: null } });
    let calls = 1;
    for (const d of departments) calls += 1 + Math.max(1, Math.ceil((await org.client.contacts.listUserIds(d.deptId)).length / pageSize));
    return calls;
  }

  it("produces exactly the emulator's org, with the fewest calls, one token and progress on the run", async () => {
    expect(await syncedDepartmentCount(db())).toBeNull();
    await org.control.resetStats();
    const outcome = (await runFullSync(deps(), { startedBy: "admin-1", pageSize: PAGE }))!;
    const stats = await org.control.stats();
    expect(outcome.status).toBe("done");
    const summary = await org.control.org();
    expect(outcome).toMatchObject({ departmentsDone: summary.departmentCount, departmentsTotal: summary.departmentCount, peopleSeen: summary.userCount });
    expect(stats.tokensIssued.oapi).toBe(1);
    const listed = (stats.calls["POST /topapi/v2/department/listsub"] ?? 0) + (stats.calls["POST /topapi/v2/user/list"] ?? 0) + (stats.calls["POST /topapi/v2/department/get"] ?? 0);
    expect(outcome.apiCalls).toBe(listed);
    await expectDirectoryMatchesEmulator(db(), org);
    expect(await syncedDepartmentCount(db())).toBe(summary.departmentCount);
    expect(outcome.apiCalls).toBe(await minimumCalls(PAGE));

    const progress = await getSyncProgress(db(), outcome.runId);
    expect(progress).toMatchObject({ status: "done", kind: "full", startedBy: "admin-1", peopleSeen: summary.userCount, secondsLeft: 0 });
    expect(await db().directorySyncTask.count()).toBe(0);
  });

  it("marks people and departments a later sync no longer sees as left and removed", async () => {
    await runFullSync(deps(), { startedBy: "admin-1" });
    const streamControl = new StreamControl(org.emu.url, org.emu.controlToken);
    const { users } = await org.control.users({ admin: false, limit: 2 });
    await streamControl.removeUser(users[0].userId);
    const empty = await streamControl.addDepartment({ name: "临时项目组" });
    await runFullSync(deps(), { startedBy: "admin-1" });
    await streamControl.removeDepartment(empty);
    const outcome = (await runFullSync(deps(), { startedBy: "admin-1" }))!;
    expect(outcome).toMatchObject({ status: "done", usersLeft: 0, departmentsRemoved: 1 });
    expect((await db().directoryUser.findUniqueOrThrow({ where: { userId: users[0].userId } })).leftAt).not.toBeNull();
    expect((await db().directoryDepartment.findUniqueOrThrow({ where: { deptId: empty } })).removedAt).not.toBeNull();
    await expectDirectoryMatchesEmulator(db(), org);
  });

  it("brings a person added, changed, moved and removed, and departments created, changed and removed, in through events alone", async () => {
    await runFullSync(deps(), { startedBy: "admin-1" });
    events = await startDirectoryEvents(org.client, db(), { reconnect: { initialDelayMs: 50, maxDelayMs: 200 } });
    await org.control.resetStats();
    const stream = new StreamControl(org.emu.url, org.emu.controlToken);
    const { users } = await org.control.users({ admin: false, limit: 5 });

    const team = await stream.addDepartment({ name: "增长实验室" });
    const added = await stream.addUser({ name: "单雄信", mobile: "13900001111", deptIdList: [team], title: "研究员", email: "xx@example.com" });
    await eventually(async () => expect(await db().directoryUser.findUnique({ where: { userId: added.userId } })).toMatchObject({ pinyin: "shanxiongxin", initials: "sxx" }));
    await eventually(async () => expect(await db().directoryMembership.findUnique({ where: { userId_deptId: { userId: added.userId, deptId: team } } })).not.toBeNull());
    await stream.modifyUser(added.userId, { title: "高级研究员", managerUserId: users[1].userId });
    await stream.modifyDepartment(team, { name: "增长实验室二部", managerUserIds: [added.userId] });
    const other = (await org.control.users({ limit: 1000 })).users.find((u) => !u.deptIdList.includes(team))!;
    // A real move: out of `team` into another department.
    const otherDept = other.deptIdList[0];
    await stream.modifyUser(added.userId, { deptIdList: [otherDept] });
    const parentOfMove = (await db().directoryDepartment.findFirstOrThrow({ where: { depth: 2, NOT: { deptId: team } } })).deptId;
    await stream.modifyDepartment(team, { parentId: parentOfMove });
    await stream.removeUser(users[0].userId);
    const doomed = await stream.addDepartment({ name: "待撤销", parentId: team });
    await stream.removeDepartment(doomed);

    await eventually(async () => {
      expect((await db().directoryUser.findUniqueOrThrow({ where: { userId: users[0].userId } })).leftAt).not.toBeNull();
      // Created and removed before its creation was handled: either never written or marked removed.
      expect(await db().directoryDepartment.findFirst({ where: { deptId: doomed, removedAt: null } })).toBeNull();
      expect(await db().directoryMembership.findUnique({ where: { userId_deptId: { userId: added.userId, deptId: team } } })).toBeNull();
      expect(await db().directoryMembership.findUnique({ where: { userId_deptId: { userId: added.userId, deptId: otherDept } } })).not.toBeNull();
      await expectDirectoryMatchesEmulator(db(), org);
    }, 15_000);
    const moved = await db().directoryDepartment.findUniqueOrThrow({ where: { deptId: team } });
    expect(moved.path).toMatch(new RegExp(`/${parentOfMove}/${team}/$`));
    // Events alone: no department was listed again.
    const stats = await org.control.stats();
    expect(stats.calls["POST /topapi/v2/user/list"] ?? 0).toBe(0);
    expect(stats.calls["POST /topapi/v2/department/listsub"] ?? 0).toBe(0);
  });

  it("accepts the HTTP callback's PascalCase payload and ignores what it cannot act on", async () => {
    await runFullSync(deps(), { startedBy: "admin-1" });
    const since = new Date();
    const stream = new StreamControl(org.emu.url, org.emu.controlToken);
    const { users } = await org.control.users({ admin: false, limit: 1 });
    await stream.modifyUser(users[0].userId, { title: "首席观察员" });
    const result = await handleDirectoryEvent(deps(), "user_modify_org", { EventType: "user_modify_org", UserId: [users[0].userId] });
    expect(result.usersUpdated).toEqual([users[0].userId]);
    expect((await db().directoryUser.findUniqueOrThrow({ where: { userId: users[0].userId } })).title).toBe("首席观察员");
    expect((await handleDirectoryEvent(deps(), "user_modify_org", {})).ignored).toMatch(/names no userId/);
    expect((await handleDirectoryEvent(deps(), "bpms_task_change", { processInstanceId: "x" })).ignored).toBeTruthy();
    const audit = await db().auditEntry.findMany({ where: { action: "directory.event", at: { gte: since } } });
    expect(audit.map((a) => [a.targetId, a.outcome])).toEqual([["user_modify_org", "ok"]]);
  });

  it("resumes a sync stopped halfway, finishing with the same result and without starting over", async () => {
    const controller = new AbortController();
    const first = (await runFullSync(deps(), {
      startedBy: "admin-1",
      pageSize: PAGE,
      concurrency: 2,
      signal: controller.signal,
      onDepartmentDone: (p) => p.departmentsDone >= 5 && controller.abort(),
    }))!;
    expect(first.status).toBe("interrupted");
    expect(first.departmentsDone).toBeGreaterThanOrEqual(5);
    expect(first.departmentsDone).toBeLessThan(first.departmentsTotal + 10);
    const remaining = await db().directorySyncTask.count({ where: { runId: first.runId, done: false } });
    expect(remaining).toBeGreaterThan(0);
    // Nobody was marked as having left: the run had not finished.
    expect(await db().directoryUser.count({ where: { NOT: { leftAt: null } } })).toBe(0);

    const second = (await runFullSync(deps(), { startedBy: "admin-1", pageSize: PAGE }))!;
    expect(second).toMatchObject({ runId: first.runId, resumed: true, status: "done" });
    await expectDirectoryMatchesEmulator(db(), org);
    const summary = await org.control.org();
    expect(second.peopleSeen).toBe(summary.userCount);
    // Only the unfinished departments' children are listed again: at most one extra call each.
    expect(second.apiCalls).toBeLessThanOrEqual((await minimumCalls(PAGE)) + remaining);
  });

  it("takes over a run whose instance died (stale heartbeat, expired lease), but not a live one", async () => {
    const controller = new AbortController();
    const first = (await runFullSync(deps(), { startedBy: "admin-1", concurrency: 1, signal: controller.signal, onDepartmentDone: (p) => p.departmentsDone >= 3 && controller.abort() }))!;
    // What a crash leaves behind: the run still "running" under its owner, the lease still in the table.
    const dead = { status: "running", owner: "dead-host:1/abc" };
    await db().directorySyncRun.update({ where: { id: first.runId }, data: { ...dead, heartbeatAt: new Date() } });
    await db().jobLease.create({ data: { name: "directory-sync", owner: dead.owner, expiresAt: new Date(Date.now() + 60_000) } });
    expect(await startFullSync(deps(), { startedBy: "admin-2" })).toMatchObject({ started: false, reason: "busy", runId: first.runId });

    await db().jobLease.update({ where: { name: "directory-sync" }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    expect(await startFullSync(deps(), { startedBy: "admin-2" })).toMatchObject({ started: false, reason: "busy" });
    await db().directorySyncRun.update({ where: { id: first.runId }, data: { heartbeatAt: new Date(Date.now() - 5 * 60_000) } });

    const start = await startFullSync(deps(), { startedBy: "admin-2" });
    expect(start).toMatchObject({ started: true, runId: first.runId, resumed: true });
    const outcome = await (start as { finished: Promise<SyncOutcome> }).finished;
    expect(outcome.status).toBe("done");
    await expectDirectoryMatchesEmulator(db(), org);
    expect(await db().jobLease.count()).toBe(0);
  });

  it("runs once when two syncs are started at the same moment", async () => {
    const starts = await Promise.all([startFullSync(deps(), { startedBy: "a" }), startFullSync(deps(), { startedBy: "b" }), startFullSync(deps(), { startedBy: "c" })]);
    const started = starts.filter((s) => s.started);
    expect(started).toHaveLength(1);
    const outcome = await (started[0] as { finished: Promise<SyncOutcome> }).finished;
    expect(outcome.status).toBe("done");
    expect(await db().directorySyncRun.count()).toBe(1);
    for (const s of starts.filter((x) => !x.started)) expect(s).toMatchObject({ reason: "busy" });
  });

  it("finds in a reconcile what events missed, fetching only the people that differ", async () => {
    await runFullSync(deps(), { startedBy: "admin-1" });
    const stream = new StreamControl(org.emu.url, org.emu.controlToken);
    const { users } = await org.control.users({ admin: false, limit: 4 });
    const lab = await stream.addDepartment({ name: "对账实验室" });
    await stream.addUser({ name: "曾小贤", mobile: "13900002222", deptIdList: [lab] });
    await stream.modifyUser(users[1].userId, { deptIdList: [lab] });
    await stream.removeUser(users[2].userId);
    await stream.modifyDepartment(lab, { name: "对账实验室一部" });
    await org.control.resetStats();

    const outcome = (await reconcileDirectory(deps(), { startedBy: "system" }))!;
    expect(outcome).toMatchObject({ status: "done", departmentsAdded: 1, usersLeft: 1 });
    const stats = await org.control.stats();
    // The new person, the one who moved, the one who left; and managers of reports of the leaver are unchanged people.
    expect(stats.calls["POST /topapi/v2/user/get"]).toBe(3);
    await expectDirectoryMatchesEmulator(db(), org);
  });
});

describeEachDatabase("job lease", ({ db }) => {
  it("is held by one owner at a time, renewed by it, and taken over once expired", async () => {
    const a = new JobLease(db(), "lease-test", "a", { ttlMs: 300 });
    const b = new JobLease(db(), "lease-test", "b", { ttlMs: 300 });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await a.acquire()).toBe(true);
    expect((await b.holder())?.owner).toBe("a");
    await new Promise((r) => setTimeout(r, 350));
    expect(await b.holder()).toBeNull();
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    await a.release();
    expect((await b.holder())?.owner).toBe("b");
    await b.release();
    expect(await db().jobLease.count({ where: { name: "lease-test" } })).toBe(0);
  });

  it("goes to exactly one of many owners racing for it, expired or free", async () => {
    for (const setup of ["free", "expired"] as const) {
      if (setup === "expired") await db().jobLease.create({ data: { name: "race", owner: "gone", expiresAt: new Date(Date.now() - 1000) } });
      const leases = Array.from({ length: 8 }, (_, i) => new JobLease(db(), "race", `owner-${i}`, { ttlMs: 10_000 }));
      const won = await Promise.all(leases.map((l) => l.acquire()));
      expect(won.filter(Boolean)).toHaveLength(1);
      await leases[won.indexOf(true)].release();
    }
  });

  it("tells its keeper when it was lost", async () => {
    const a = new JobLease(db(), "lost-test", "a", { ttlMs: 90 });
    expect(await a.acquire()).toBe(true);
    const lost = new Promise<string>((resolve) => a.keepRenewed(resolve));
    await db().jobLease.update({ where: { name: "lost-test" }, data: { owner: "thief" } });
    expect(await lost).toMatch(/taken over/);
    a.stopRenewing();
  });
});
