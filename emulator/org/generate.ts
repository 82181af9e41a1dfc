import { ALNUM, SeededRandom } from "../util/random";
import { ROOT_DEPT_ID, type Department, type Org, type User } from "./model";
import {
  CEO_TITLE, COMPANIES, DIVISIONS, GIVEN_NAME_CHARS, HEAD_TITLES, SURNAME_TOTAL_WEIGHT, SURNAMES,
  TEAM_NAMES, TITLES, WORK_PLACES, numberedName, type Division, type Syllable,
} from "./names";

export interface OrgOptions {
  seed: number;
  users: number;
  /** Departments besides the root; derived from `users` when absent. */
  departments?: number;
  corpId: string;
}

/** About ten people per department: 200 people → 20 departments. */
export function defaultDepartmentCount(users: number): number {
  return Math.max(4, Math.round(users / 10));
}

const INACTIVE_SHARE = 0.05;
const SECOND_DEPT_SHARE = 0.05;
const SUB_ADMIN_COUNT = 3;
// Hire dates between 2012-01-01 and 2025-06-30, at midnight Asia/Shanghai.
const HIRE_FROM = Date.UTC(2012, 0, 1) - 8 * 3600_000;
const HIRE_DAYS = 4929;
const DAY_MS = 86_400_000;

interface DeptDraft {
  dept: Department;
  division: Division | null;
}

/**
 * Builds the whole org from a seed: identical input gives an identical org (ids, names,
 * mobiles, managers), so tests and e2e runs can rely on who is in it.
 */
export function generateOrg(options: OrgOptions): Org {
  const userCount = Math.trunc(options.users);
  if (!Number.isFinite(userCount) || userCount < 1) throw new Error(`users must be at least 1, got ${options.users}`);
  const deptCount = Math.trunc(options.departments ?? defaultDepartmentCount(userCount));
  if (!Number.isFinite(deptCount) || deptCount < 1) {
    throw new Error(`departments must be at least 1, got ${options.departments}`);
  }

  const rng = new SeededRandom(options.seed, 1);
  const company = rng.pick(COMPANIES);
  const drafts = buildDepartments(rng, company.name, deptCount);
  const { users, usersById, usersByUnionId, usersByMobile } = buildUsers(rng, drafts, userCount, company.domain);

  const departments = new Map<number, Department>();
  for (const { dept } of drafts) departments.set(dept.deptId, dept);
  assignManagers(users, departments);
  const admins = assignAdmins(drafts, users);
  countMembers(users, departments);

  return {
    corpId: options.corpId,
    companyName: company.name,
    mailDomain: company.domain,
    departmentList: drafts.map((d) => d.dept),
    departments,
    users,
    usersById,
    usersByUnionId,
    usersByMobile,
    admins,
  };
}

function newDepartment(
  deptId: number, name: string, parent: Department | null, kind: Department["kind"], rng: SeededRandom,
): Department {
  const dept: Department = {
    deptId,
    name,
    parentId: parent ? parent.deptId : null,
    order: parent ? parent.childIds.length + 1 : 0,
    depth: parent ? parent.depth + 1 : 1,
    kind,
    createDeptGroup: parent ? rng.chance(0.6) : true,
    autoAddUser: parent ? rng.chance(0.6) : true,
    brief: "",
    managerUserIds: [],
    childIds: [],
    memberIds: [],
    memberCount: 0,
  };
  if (parent) parent.childIds.push(deptId);
  return dept;
}

/**
 * Root → divisions (研发中心, 销售部, …) → units (前端组, 华东大区, …) → project teams, so the tree is
 * at least four levels deep once there are four or more departments.
 */
function buildDepartments(rng: SeededRandom, companyName: string, count: number): DeptDraft[] {
  const root = newDepartment(ROOT_DEPT_ID, companyName, null, "root", rng);
  const drafts: DeptDraft[] = [{ dept: root, division: null }];
  let lastId = rng.int(100_000_000, 400_000_000);
  const nextId = (): number => (lastId += rng.int(1, 4000));

  let level1 = Math.max(1, Math.round(Math.sqrt(count) * 1.3));
  if (count >= 4) level1 = Math.min(level1, count - 2);
  level1 = Math.min(level1, count);
  const rest = count - level1;
  const level3 = rest >= 2 ? Math.max(1, Math.floor(rest * 0.3)) : 0;
  const level2 = rest - level3;

  const divisions: DeptDraft[] = [];
  for (let i = 0; i < level1; i++) {
    const division = DIVISIONS[i % DIVISIONS.length];
    const name = numberedName(division.name, Math.floor(i / DIVISIONS.length) + 1);
    const draft = { dept: newDepartment(nextId(), name, root, division.kind, rng), division };
    divisions.push(draft);
    drafts.push(draft);
  }

  const units: DeptDraft[] = [];
  for (let i = 0; i < level2; i++) {
    const parent = i < divisions.length ? divisions[i] : rng.pick(divisions);
    const division = parent.division as Division;
    const k = parent.dept.childIds.length;
    const name = numberedName(division.units[k % division.units.length], Math.floor(k / division.units.length) + 1);
    const draft = { dept: newDepartment(nextId(), name, parent.dept, division.kind, rng), division };
    units.push(draft);
    drafts.push(draft);
  }

  for (let i = 0; i < level3; i++) {
    const parent = rng.pick(units);
    const k = parent.dept.childIds.length;
    const name = numberedName(TEAM_NAMES[k % TEAM_NAMES.length], Math.floor(k / TEAM_NAMES.length) + 1);
    drafts.push({ dept: newDepartment(nextId(), name, parent.dept, parent.dept.kind, rng), division: parent.division });
  }
  return drafts;
}

interface PersonName {
  name: string;
  pinyin: string[];
}

function randomName(rng: SeededRandom): PersonName {
  const family = rng.pickWeighted(SURNAMES, (s) => s.weight, SURNAME_TOTAL_WEIGHT);
  const given: Syllable[] = [rng.pick(GIVEN_NAME_CHARS)];
  if (rng.chance(0.7)) given.push(rng.pick(GIVEN_NAME_CHARS));
  return {
    name: family.char + given.map((g) => g.char).join(""),
    pinyin: [family.pinyin, ...given.map((g) => g.pinyin)],
  };
}

/** Draws until the value is new; the caller records it (in the index it builds anyway). */
function fresh(taken: { has(value: string): boolean }, make: () => string): string {
  for (;;) {
    const value = make();
    if (!taken.has(value)) return value;
  }
}

/** Where each head sits: heads come right after the CEO, one per department in creation order. */
function headIndexOf(drafts: DeptDraft[], predicate: (d: DeptDraft) => boolean, userCount: number): number | null {
  const position = drafts.findIndex((d, i) => i > 0 && predicate(d));
  return position > 0 && position < userCount ? position : null;
}

interface BuiltUsers {
  users: User[];
  usersById: Map<string, User>;
  usersByUnionId: Map<string, User>;
  usersByMobile: Map<string, User>;
}

function buildUsers(rng: SeededRandom, drafts: DeptDraft[], userCount: number, mailDomain: string): BuiltUsers {
  const nonRoot = drafts.slice(1);
  const mainAdminIndex = headIndexOf(drafts, (d) => d.dept.kind === "admin" && d.dept.depth === 2, userCount)
    ?? Math.min(1, userCount - 1);

  const usersById = new Map<string, User>();
  const usersByUnionId = new Map<string, User>();
  const usersByMobile = new Map<string, User>();
  const usedEmails = new Set<string>();
  const users: User[] = [];
  const byId = new Map(drafts.map((d) => [d.dept.deptId, d]));

  for (let i = 0; i < userCount; i++) {
    const isCeo = i === 0;
    const headOf = !isCeo && i <= nonRoot.length ? nonRoot[i - 1] : null;
    const mainDept = isCeo ? drafts[0] : headOf ?? rng.pick(nonRoot);
    const deptIds = [mainDept.dept.deptId];
    if (!isCeo && !headOf && nonRoot.length > 1 && rng.chance(SECOND_DEPT_SHARE)) {
      let second = rng.pick(nonRoot);
      while (second === mainDept) second = rng.pick(nonRoot);
      deptIds.push(second.dept.deptId);
    }

    const person = randomName(rng);
    const pinyinFull = person.pinyin.join("");
    const userId = i === mainAdminIndex
      ? fresh(usersById, () => "manager" + rng.digits(4))
      : fresh(usersById, () => String(rng.int(0, 2)) + rng.digits(rng.int(14, 16)));
    const title = isCeo
      ? CEO_TITLE
      : headOf
        ? HEAD_TITLES[Math.min(headOf.dept.depth - 2, HEAD_TITLES.length - 1)]
        : rng.pick(TITLES[mainDept.division?.kind ?? "admin"]);

    const user: User = {
      userId,
      unionId: fresh(usersByUnionId, () => rng.string(26, ALNUM) + "iE"),
      openId: rng.string(26, ALNUM) + "iE",
      name: person.name,
      pinyin: person.pinyin,
      pinyinFull,
      pinyinInitials: person.pinyin.map((p) => p[0]).join(""),
      avatar: "",
      mobile: fresh(usersByMobile, () => "1" + rng.string(1, "3456789") + rng.digits(9)),
      email: fresh(usedEmails, () => `${pinyinFull}.${rng.digits(4)}@${mailDomain}`),
      title,
      jobNumber: String(100000 + i),
      workPlace: rng.pick(WORK_PLACES),
      deptIds,
      managerUserId: null,
      hiredDate: HIRE_FROM + rng.int(0, HIRE_DAYS) * DAY_MS,
      active: isCeo || headOf !== null || i === mainAdminIndex || !rng.chance(INACTIVE_SHARE),
      admin: false,
      sysLevel: null,
      boss: isCeo,
      senior: isCeo || (headOf !== null && headOf.dept.depth === 2),
      remark: "",
    };
    users.push(user);
    usersById.set(user.userId, user);
    usersByUnionId.set(user.unionId, user);
    usersByMobile.set(user.mobile, user);
    usedEmails.add(user.email);
    for (const deptId of deptIds) byId.get(deptId)?.dept.memberIds.push(userId);
    if (isCeo) drafts[0].dept.managerUserIds.push(userId);
    if (headOf) headOf.dept.managerUserIds.push(userId);
  }
  return { users, usersById, usersByUnionId, usersByMobile };
}

/** Everyone reports to the head of their main department, heads to the head above them. */
function assignManagers(users: User[], departments: Map<number, Department>): void {
  const headAbove = (deptId: number | null): string | null => {
    for (let id = deptId; id !== null; ) {
      const dept = departments.get(id);
      if (!dept) return null;
      if (dept.managerUserIds.length > 0) return dept.managerUserIds[0];
      id = dept.parentId;
    }
    return null;
  };
  for (const user of users) {
    const main = departments.get(user.deptIds[0]);
    if (!main) continue;
    const leadsMain = main.managerUserIds.includes(user.userId);
    const manager = leadsMain ? headAbove(main.parentId) : headAbove(main.deptId);
    user.managerUserId = manager !== null && manager !== user.userId ? manager : null;
  }
}

/** One 主管理员 (the head of 行政部 when there is one) and a few 子管理员 among division heads. */
function assignAdmins(drafts: DeptDraft[], users: User[]): User[] {
  const main = users.find((u) => u.userId.startsWith("manager")) ?? users[0];
  main.admin = true;
  main.sysLevel = 1;
  const admins = [main];
  const preferredKinds = ["hr", "rd", "finance"];
  const candidates = [
    ...preferredKinds.map((kind) => headIndexOf(drafts, (d) => d.dept.kind === kind && d.dept.depth === 2, users.length)),
    ...users.slice(0, 64).map((_, i) => i),
  ];
  for (const index of candidates) {
    if (admins.length > SUB_ADMIN_COUNT) break;
    if (index === null) continue;
    const user = users[index];
    if (user.admin || !user.active || user.boss) continue;
    user.admin = true;
    user.sysLevel = 2;
    admins.push(user);
  }
  return admins;
}

/** member_count counts each person once per department subtree, even with two departments in it. */
function countMembers(users: User[], departments: Map<number, Department>): void {
  const seen = new Set<number>();
  for (const user of users) {
    seen.clear();
    for (const deptId of user.deptIds) {
      for (let id: number | null = deptId; id !== null && !seen.has(id); ) {
        seen.add(id);
        const dept: Department | undefined = departments.get(id);
        if (!dept) break;
        dept.memberCount++;
        id = dept.parentId;
      }
    }
  }
}
