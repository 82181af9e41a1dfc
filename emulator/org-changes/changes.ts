import { randomBytes } from "node:crypto";
import { z } from "zod";
import { eventBus } from "../events/bus";
import { ApiError } from "../http/errors";
import { ROOT_DEPT_ID, type Department, type Org, type User } from "../org/model";
import { ancestorChain } from "../org/search";
import type { EmulatorState } from "../state";

/**
 * Changes to the seeded org made through the control API, applied in place (every index kept
 * right, so the contact and department calls see them at once) and announced on the event bus
 * with the payloads DingTalk pushes (`user_add_org`, `org_dept_create`, …).
 */

export const addUserInput = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "userId: letters, digits, - and _ only").optional(),
  name: z.string().trim().min(1, "name is required").max(80),
  mobile: z.string().regex(/^1\d{10}$/, "mobile must be an 11-digit mainland number"),
  deptIdList: z.array(z.number().int()).min(1, "deptIdList needs at least one department"),
  title: z.string().max(100).default(""),
  email: z.string().max(100).default(""),
  managerUserId: z.string().min(1).optional(),
});

export const modifyUserInput = z
  .object({
    name: z.string().trim().min(1).max(80),
    mobile: z.string().regex(/^1\d{10}$/, "mobile must be an 11-digit mainland number"),
    deptIdList: z.array(z.number().int()).min(1, "deptIdList needs at least one department"),
    title: z.string().max(100),
    email: z.string().max(100),
    remark: z.string().max(500),
    managerUserId: z.string().min(1).nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change: give at least one field");

export const addDepartmentInput = z.object({
  name: z.string().trim().min(1, "name is required").max(64),
  parentId: z.number().int().default(ROOT_DEPT_ID),
  order: z.number().int().min(0).optional(),
  createDeptGroup: z.boolean().default(false),
  autoAddUser: z.boolean().default(false),
});

export const modifyDepartmentInput = z
  .object({
    name: z.string().trim().min(1).max(64),
    parentId: z.number().int(),
    order: z.number().int().min(0),
    brief: z.string().max(500),
    createDeptGroup: z.boolean(),
    autoAddUser: z.boolean(),
    managerUserIds: z.array(z.string().min(1)),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "nothing to change: give at least one field");

// DingTalk's contact-write codes, named in the message so a test can tell the cases apart.
const refuse = (code: number, message: string) => new ApiError(400, "orgChangeRefused", `${code} ${message}`);

interface MutableOrg {
  departmentList: Department[];
  departments: Map<number, Department>;
  users: User[];
  usersById: Map<string, User>;
  usersByUnionId: Map<string, User>;
  usersByMobile: Map<string, User>;
  admins: User[];
}

// The org's collections are read-only to route handlers; this module alone changes them.
const mutable = (org: Org) => org as unknown as MutableOrg;

function department(org: Org, deptId: number): Department {
  const dept = org.departments.get(deptId);
  if (!dept) throw refuse(60003, `部门不存在：${deptId}`);
  return dept;
}

function userOf(org: Org, userId: string): User {
  const user = org.usersById.get(userId);
  if (!user) throw refuse(60121, `找不到该用户：${userId}`);
  return user;
}

/** Every department the person counts in (their departments and all above), once each. */
function countedIn(org: Org, deptIds: readonly number[]): Set<number> {
  return new Set(deptIds.flatMap((deptId) => ancestorChain(org, deptId)));
}

function adjustCounts(org: Org, deptIds: readonly number[], delta: number): void {
  for (const id of countedIn(org, deptIds)) {
    const dept = org.departments.get(id);
    if (dept) dept.memberCount += delta;
  }
}

function recountAll(org: Org): void {
  for (const dept of org.departmentList) dept.memberCount = 0;
  for (const user of org.users) adjustCounts(org, user.deptIds, 1);
}

function replaceUser(org: Org, before: User, after: User): void {
  const m = mutable(org);
  m.users[m.users.indexOf(before)] = after;
  m.usersById.set(after.userId, after);
  m.usersByUnionId.set(after.unionId, after);
  if (before.mobile !== after.mobile) m.usersByMobile.delete(before.mobile);
  m.usersByMobile.set(after.mobile, after);
  const adminAt = m.admins.indexOf(before);
  if (adminAt >= 0) m.admins[adminAt] = after;
}

function replaceDepartment(org: Org, before: Department, after: Department): void {
  const m = mutable(org);
  m.departmentList[m.departmentList.indexOf(before)] = after;
  m.departments.set(after.deptId, after);
}

const remove = <T>(list: T[], value: T) => {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
};

const randomId = (alphabet: string, length: number) =>
  [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join("");

function emitUsers(state: EmulatorState, eventType: string, userIds: string[]): void {
  eventBus(state).emit(eventType, { userId: userIds, timeStamp: state.clock.now() });
}

function emitDepts(state: EmulatorState, eventType: string, deptIds: number[]): void {
  eventBus(state).emit(eventType, { deptId: deptIds, timeStamp: state.clock.now() });
}

export function addUser(state: EmulatorState, input: z.output<typeof addUserInput>): User {
  const org = state.org;
  const m = mutable(org);
  if (input.userId && org.usersById.has(input.userId)) throw refuse(60102, `userid 在公司中已存在：${input.userId}`);
  if (org.usersByMobile.has(input.mobile)) throw refuse(60104, "手机号码在公司中已注册");
  const deptIds = [...new Set(input.deptIdList)];
  for (const deptId of deptIds) department(org, deptId);
  if (input.managerUserId) userOf(org, input.managerUserId);

  let userId = input.userId;
  while (!userId || org.usersById.has(userId)) userId = "0" + randomId("0123456789", 15);
  let unionId = "";
  while (!unionId || org.usersByUnionId.has(unionId)) unionId = randomId("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 26) + "iE";
  const user: User = {
    userId,
    unionId,
    openId: randomId("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 26) + "iE",
    name: input.name,
    pinyin: [],
    pinyinFull: "",
    pinyinInitials: "",
    avatar: "",
    mobile: input.mobile,
    email: input.email,
    title: input.title,
    jobNumber: String(100000 + org.users.length),
    workPlace: "",
    deptIds,
    managerUserId: input.managerUserId ?? null,
    hiredDate: state.clock.now(),
    active: false,
    admin: false,
    sysLevel: null,
    boss: false,
    senior: false,
    remark: "",
  };
  m.users.push(user);
  m.usersById.set(user.userId, user);
  m.usersByUnionId.set(user.unionId, user);
  m.usersByMobile.set(user.mobile, user);
  for (const deptId of deptIds) department(org, deptId).memberIds.push(user.userId);
  adjustCounts(org, deptIds, 1);
  emitUsers(state, "user_add_org", [user.userId]);
  return user;
}

export function modifyUser(state: EmulatorState, userId: string, change: z.output<typeof modifyUserInput>): User {
  const org = state.org;
  const before = userOf(org, userId);
  if (change.mobile !== undefined && change.mobile !== before.mobile && org.usersByMobile.has(change.mobile)) {
    throw refuse(60104, "手机号码在公司中已注册");
  }
  const deptIds = change.deptIdList ? [...new Set(change.deptIdList)] : before.deptIds;
  for (const deptId of deptIds) department(org, deptId);
  if (change.managerUserId) userOf(org, change.managerUserId);
  if (change.managerUserId === userId) throw refuse(40035, "一个人不能是自己的主管");

  const { deptIdList: _deptIdList, managerUserId, ...fields } = change;
  const after: User = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    deptIds,
    managerUserId: managerUserId === undefined ? before.managerUserId : managerUserId,
  };
  replaceUser(org, before, after);
  if (change.deptIdList) {
    for (const old of before.deptIds) {
      if (deptIds.includes(old)) continue;
      const dept = department(org, old);
      remove(dept.memberIds, userId);
      remove(dept.managerUserIds, userId);
    }
    for (const added of deptIds) if (!before.deptIds.includes(added)) department(org, added).memberIds.push(userId);
    adjustCounts(org, before.deptIds, -1);
    adjustCounts(org, deptIds, 1);
  }
  emitUsers(state, "user_modify_org", [userId]);
  return after;
}

export function removeUser(state: EmulatorState, userId: string): void {
  const org = state.org;
  const m = mutable(org);
  const user = userOf(org, userId);
  if (user.sysLevel === 1) throw refuse(60011, "不能删除主管理员");
  adjustCounts(org, user.deptIds, -1);
  for (const deptId of user.deptIds) {
    const dept = org.departments.get(deptId);
    if (!dept) continue;
    remove(dept.memberIds, userId);
    remove(dept.managerUserIds, userId);
  }
  remove(m.users, user);
  remove(m.admins, user);
  m.usersById.delete(user.userId);
  m.usersByUnionId.delete(user.unionId);
  m.usersByMobile.delete(user.mobile);
  for (const other of m.users) if (other.managerUserId === userId) other.managerUserId = null;
  emitUsers(state, "user_leave_org", [userId]);
}

export function addDepartment(state: EmulatorState, input: z.output<typeof addDepartmentInput>): Department {
  const org = state.org;
  const m = mutable(org);
  const parent = department(org, input.parentId);
  if (org.departmentList.some((d) => d.parentId === parent.deptId && d.name === input.name)) {
    throw refuse(60008, `父部门下该部门名称已存在：${input.name}`);
  }
  const deptId = Math.max(...org.departmentList.map((d) => d.deptId)) + 1;
  const dept: Department = {
    deptId,
    name: input.name,
    parentId: parent.deptId,
    order: input.order ?? parent.childIds.length + 1,
    depth: parent.depth + 1,
    kind: parent.kind === "root" ? "admin" : parent.kind,
    createDeptGroup: input.createDeptGroup,
    autoAddUser: input.autoAddUser,
    brief: "",
    managerUserIds: [],
    childIds: [],
    memberIds: [],
    memberCount: 0,
  };
  m.departmentList.push(dept);
  m.departments.set(deptId, dept);
  parent.childIds.push(deptId);
  emitDepts(state, "org_dept_create", [deptId]);
  return dept;
}

function subtree(org: Org, deptId: number): Department[] {
  const out: Department[] = [];
  const walk = (id: number) => {
    const dept = org.departments.get(id);
    if (!dept) return;
    out.push(dept);
    for (const child of dept.childIds) walk(child);
  };
  walk(deptId);
  return out;
}

export function modifyDepartment(state: EmulatorState, deptId: number, change: z.output<typeof modifyDepartmentInput>): Department {
  const org = state.org;
  const before = department(org, deptId);
  const moving = change.parentId !== undefined && change.parentId !== before.parentId;
  if (change.parentId !== undefined && deptId === ROOT_DEPT_ID) throw refuse(60001, "根部门不能移动");
  if (moving) {
    const newParent = department(org, change.parentId as number);
    if (subtree(org, deptId).some((d) => d.deptId === newParent.deptId)) throw refuse(60009, "不能把部门移到它自己或它的子部门下");
  }
  for (const managerId of change.managerUserIds ?? []) {
    if (!userOf(org, managerId).deptIds.includes(deptId)) throw refuse(60122, `部门主管必须是该部门成员：${managerId}`);
  }
  const { managerUserIds, ...fields } = change;
  const after: Department = {
    ...before,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    managerUserIds: managerUserIds ?? before.managerUserIds,
  };
  replaceDepartment(org, before, after);
  if (moving && before.parentId !== null) {
    remove(department(org, before.parentId).childIds, deptId);
    const parent = department(org, after.parentId as number);
    parent.childIds.push(deptId);
    // Depth is part of each department below; they are rebuilt with the new level.
    const shift = parent.depth + 1 - before.depth;
    for (const dept of subtree(org, deptId)) replaceDepartment(org, dept, { ...dept, depth: dept.depth + shift });
    recountAll(org);
  }
  emitDepts(state, "org_dept_modify", [deptId]);
  return department(org, deptId);
}

export function removeDepartment(state: EmulatorState, deptId: number): void {
  const org = state.org;
  const m = mutable(org);
  const dept = department(org, deptId);
  if (deptId === ROOT_DEPT_ID) throw refuse(60001, "根部门不能删除");
  if (dept.childIds.length > 0) throw refuse(60006, "该部门下存在子部门，不能删除");
  if (dept.memberIds.length > 0) throw refuse(60005, "该部门下存在员工，不能删除");
  if (dept.parentId !== null) remove(department(org, dept.parentId).childIds, deptId);
  remove(m.departmentList, dept);
  m.departments.delete(deptId);
  emitDepts(state, "org_dept_remove", [deptId]);
}
