import { expect } from "vitest";
import { EmulatorControl } from "@/emulator/control-client";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "@/emulator/server";
import type { Db } from "@/lib/db/client";
import { createDingTalkClient, type DingTalkClient } from "@/lib/dingtalk";
import { personPinyin } from "../../pinyin";

/** A running emulator and a client of it, without rate limits unless asked for. */
export interface EmulatorOrg {
  emu: RunningEmulator;
  control: EmulatorControl;
  client: DingTalkClient;
  close(): Promise<void>;
}

export async function startEmulatorOrg(options: EmulatorOptions = {}): Promise<EmulatorOrg> {
  const emu = await startEmulator({ port: 0, qps: 0, ...options });
  const client = createDingTalkClient({ appKey: emu.appKey, appSecret: emu.appSecret, oapiBase: emu.url, apiBase: emu.url, loginBase: emu.url, qps: 1000 });
  return { emu, control: new EmulatorControl(emu.url, emu.controlToken), client, close: () => emu.close() };
}

/** Empties the directory tables, runs and leases between tests sharing one database. */
export async function clearDirectory(db: Db): Promise<void> {
  await db.$transaction([
    db.directoryMembership.deleteMany(),
    db.directoryUser.deleteMany(),
    db.directoryDepartment.deleteMany(),
    db.directorySyncTask.deleteMany(),
    db.directorySyncRun.deleteMany(),
    db.jobLease.deleteMany(),
  ]);
}

const sorted = <T>(values: Iterable<T>) => [...values].sort();

/**
 * Asserts that the directory tables hold exactly the emulator's org now: every person (all
 * fields, departments, leadership), every department (name, parent, path, depth, managers,
 * direct member count), and nobody or nothing more.
 */
export async function expectDirectoryMatchesEmulator(db: Db, org: EmulatorOrg): Promise<void> {
  const { users: rows } = await org.control.users({ limit: 1000 });
  const people = await Promise.all(rows.map((r) => org.client.contacts.getUser(r.userId)));
  const stored = new Map((await db.directoryUser.findMany({ where: { leftAt: null } })).map((u) => [u.userId, u]));
  expect(sorted(stored.keys())).toEqual(sorted(rows.map((r) => r.userId)));
  const memberships = await db.directoryMembership.findMany();
  for (const p of people) {
    const u = stored.get(p.userId)!;
    expect({
      userId: u.userId, unionId: u.unionId, name: u.name, mobile: u.mobile, email: u.email, title: u.title, jobNumber: u.jobNumber,
      managerUserId: u.managerUserId, hiredAt: u.hiredAt?.getTime(), active: u.active, admin: u.admin, boss: u.boss,
      isManager: u.isManager, pinyin: u.pinyin, initials: u.initials,
    }).toEqual({
      userId: p.userId, unionId: p.unionId, name: p.name, mobile: p.mobile || null, email: p.email || null, title: p.title || null, jobNumber: p.jobNumber || null,
      managerUserId: p.managerUserId ?? null, hiredAt: p.hiredDate, active: p.active, admin: p.admin, boss: p.boss,
      isManager: p.leaderInDept.some((l) => l.leader), pinyin: personPinyin(p.name).full, initials: personPinyin(p.name).initials,
    });
    expect(u.searchText).toContain(p.name.toLowerCase());
    const mine = memberships.filter((m) => m.userId === p.userId);
    expect(sorted(mine.map((m) => `${m.deptId}:${m.isLeader}`))).toEqual(sorted(p.leaderInDept.map((l) => `${l.deptId}:${l.leader}`)));
  }

  const summary = await org.control.org();
  const departments = await db.directoryDepartment.findMany({ where: { removedAt: null } });
  expect(departments).toHaveLength(summary.departmentCount);
  const byId = new Map(departments.map((d) => [d.deptId, d]));
  for (const d of departments) {
    const [live, memberIds] = await Promise.all([org.client.departments.getDepartment(d.deptId), org.client.contacts.listUserIds(d.deptId)]);
    const parent = live.parentId === undefined ? undefined : byId.get(live.parentId);
    expect({ name: d.name, parentId: d.parentId, path: d.path, depth: d.depth, managers: JSON.parse(d.managerUserIds), memberCount: d.memberCount }).toEqual({
      name: live.name,
      parentId: live.parentId ?? null,
      path: `${parent?.path ?? "/"}${d.deptId}/`,
      depth: (parent?.depth ?? 0) + 1,
      managers: sorted(live.deptManagerUserIds),
      memberCount: memberIds.length,
    });
  }
}

/** Polls until `check` passes (it throws until then), or fails with its last error. */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
