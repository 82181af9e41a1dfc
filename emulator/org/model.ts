import type { DivisionKind } from "./names";

export interface Department {
  readonly deptId: number;
  readonly name: string;
  /** Absent only for the root (dept_id 1). */
  readonly parentId: number | null;
  readonly order: number;
  /** 1 for the root, 2 for its children, … */
  readonly depth: number;
  readonly kind: DivisionKind | "root";
  readonly createDeptGroup: boolean;
  readonly autoAddUser: boolean;
  readonly brief: string;
  readonly managerUserIds: string[];
  readonly childIds: number[];
  /** Direct members, in the department's custom order. */
  readonly memberIds: string[];
  /** Distinct people in the department and everything below it. */
  memberCount: number;
}

export interface User {
  readonly userId: string;
  readonly unionId: string;
  /** Stable per app, distinct from unionId, as users/me returns it. */
  readonly openId: string;
  readonly name: string;
  /** Pinyin syllables of the name, one per character ("zhang", "wei"). */
  readonly pinyin: readonly string[];
  /** "zhangwei" and "zw", precomputed for search. */
  readonly pinyinFull: string;
  readonly pinyinInitials: string;
  readonly avatar: string;
  readonly mobile: string;
  readonly email: string;
  readonly title: string;
  readonly jobNumber: string;
  readonly workPlace: string;
  readonly deptIds: number[];
  managerUserId: string | null;
  /** Hire date, ms since the epoch (as DingTalk's hired_date). */
  readonly hiredDate: number;
  readonly active: boolean;
  admin: boolean;
  /** 1 主管理员, 2 子管理员, absent for everyone else. */
  sysLevel: 1 | 2 | null;
  readonly boss: boolean;
  readonly senior: boolean;
  readonly remark: string;
}

export interface Org {
  readonly corpId: string;
  readonly companyName: string;
  readonly mailDomain: string;
  /** Root first, then in creation order. */
  readonly departmentList: readonly Department[];
  readonly departments: ReadonlyMap<number, Department>;
  /** In generation order (the order `/__control/org/users` pages through). */
  readonly users: readonly User[];
  readonly usersById: ReadonlyMap<string, User>;
  readonly usersByUnionId: ReadonlyMap<string, User>;
  readonly usersByMobile: ReadonlyMap<string, User>;
  /** Main admin first, then sub-admins. */
  readonly admins: readonly User[];
}

export const ROOT_DEPT_ID = 1;
