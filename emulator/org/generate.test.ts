import { describe, expect, it } from "vitest";
import { ROOT_DEPT_ID, type Org } from "./model";
import { generateOrg } from "./generate";

const build = (seed: number, users = 200, departments?: number) =>
  generateOrg({ seed, users, departments, corpId: "dingtestcorp" });

function fingerprint(org: Org) {
  return {
    depts: org.departmentList.map((d) => [d.deptId, d.name, d.parentId, d.managerUserIds]),
    users: org.users.map((u) => [u.userId, u.unionId, u.name, u.mobile, u.email, u.deptIds, u.managerUserId, u.active, u.sysLevel]),
  };
}

function maxDepth(org: Org): number {
  return Math.max(...org.departmentList.map((d) => d.depth));
}

describe("generateOrg", () => {
  it("builds the same org from the same seed", () => {
    expect(fingerprint(build(1))).toEqual(fingerprint(build(1)));
  });

  it("builds a different org from a different seed", () => {
    const a = fingerprint(build(1));
    const b = fingerprint(build(2));
    expect(b.users.map((u) => u[0])).not.toEqual(a.users.map((u) => u[0]));
    expect(b.users.map((u) => u[3])).not.toEqual(a.users.map((u) => u[3]));
  });

  it("defaults to about 20 departments for 200 people, at least 3 levels deep, root named after the company", () => {
    const org = build(1);
    expect(org.users).toHaveLength(200);
    expect(org.departmentList.length).toBeGreaterThanOrEqual(15);
    expect(org.departmentList.length).toBeLessThanOrEqual(25);
    expect(maxDepth(org)).toBeGreaterThanOrEqual(3);
    const root = org.departments.get(ROOT_DEPT_ID);
    expect(root?.name).toBe(org.companyName);
    expect(root?.parentId).toBeNull();
  });

  it.each([1, 2, 3, 42])("keeps the directory's invariants (seed %i)", (seed) => {
    const org = build(seed, 300);
    const mobiles = new Set<string>();
    const emails = new Set<string>();
    for (const user of org.users) {
      expect(user.deptIds.length).toBeGreaterThanOrEqual(1);
      for (const deptId of user.deptIds) {
        const dept = org.departments.get(deptId);
        expect(dept, `dept ${deptId} of ${user.userId}`).toBeDefined();
        expect(dept?.memberIds).toContain(user.userId);
      }
      if (user.managerUserId !== null) expect(org.usersById.has(user.managerUserId)).toBe(true);
      expect(user.userId).not.toBe(user.unionId);
      expect(user.unionId).toMatch(/^[A-Za-z0-9]{26}iE$/);
      expect(user.userId).toMatch(/^(\d{15,17}|manager\d{4})$/);
      expect(user.mobile).toMatch(/^1[3-9]\d{9}$/);
      expect(user.email).toMatch(new RegExp(`^${user.pinyinFull}\\.\\d{4}@`));
      // One syllable for the surname (欧阳 is one), one per given-name character.
      expect(user.pinyin.length).toBeGreaterThanOrEqual(2);
      expect(user.pinyin.length).toBeLessThanOrEqual([...user.name].length);
      expect(user.pinyinFull).toMatch(/^[a-z]+$/);
      mobiles.add(user.mobile);
      emails.add(user.email);
    }
    expect(mobiles.size).toBe(org.users.length);
    expect(emails.size).toBe(org.users.length);
    expect(new Set(org.users.map((u) => u.unionId)).size).toBe(org.users.length);

    for (const dept of org.departmentList) {
      if (dept.parentId !== null) expect(org.departments.get(dept.parentId)?.childIds).toContain(dept.deptId);
      for (const managerId of dept.managerUserIds) expect(org.usersById.get(managerId)?.deptIds).toContain(dept.deptId);
      const siblingNames = dept.childIds.map((id) => org.departments.get(id)?.name);
      expect(new Set(siblingNames).size).toBe(siblingNames.length);
    }
    expect(maxDepth(org)).toBeGreaterThanOrEqual(3);
    // Everyone but the CEO has a manager.
    expect(org.users.filter((u) => u.managerUserId === null)).toHaveLength(1);
  });

  it("names one main admin and a few sub-admins, all active and flagged admin", () => {
    const org = build(7);
    const [main, ...subs] = org.admins;
    expect(main.sysLevel).toBe(1);
    expect(main.userId).toMatch(/^manager\d{4}$/);
    expect(subs.length).toBeGreaterThanOrEqual(2);
    for (const admin of org.admins) {
      expect(admin.admin).toBe(true);
      expect(admin.active).toBe(true);
    }
    expect(subs.every((u) => u.sysLevel === 2)).toBe(true);
    expect(org.users.filter((u) => u.admin)).toHaveLength(org.admins.length);
  });

  it("leaves about 5% inactive", () => {
    const org = build(3, 2000);
    const inactive = org.users.filter((u) => !u.active).length;
    expect(inactive).toBeGreaterThan(40);
    expect(inactive).toBeLessThan(160);
  });

  it("honours an explicit department count (10,000 people in 500 departments)", () => {
    const org = build(1, 10_000, 500);
    expect(org.users).toHaveLength(10_000);
    expect(org.departmentList).toHaveLength(501);
    expect(maxDepth(org)).toBeGreaterThanOrEqual(3);
    const root = org.departments.get(ROOT_DEPT_ID);
    expect(root?.memberCount).toBe(10_000);
  });

  it("generates 100,000 people", () => {
    const org = build(5, 100_000);
    expect(org.users).toHaveLength(100_000);
    expect(org.usersById.size).toBe(100_000);
    expect(org.usersByMobile.size).toBe(100_000);
    expect(org.usersByUnionId.size).toBe(100_000);
  }, 60_000); // a correctness check, not a speed budget: on a busy shared machine it takes several seconds

  it("refuses nonsense sizes with a clear message", () => {
    expect(() => build(1, 0)).toThrow(/users must be at least 1/);
    expect(() => build(1, 10, 0)).toThrow(/departments must be at least 1/);
  });
});
