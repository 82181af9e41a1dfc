import type { Department, Org, User } from "./model";

/**
 * Name search as DingTalk's directory does it: part of the name, or the pinyin ("zhangwei",
 * "zhang", initials "zw"). `fullMatch` wants the exact name. A scan, fast enough for 100,000.
 */
export function searchUsers(org: Org, queryWord: string, options: { fullMatch?: boolean; includeContact?: boolean } = {}): User[] {
  const word = queryWord.trim();
  if (word === "") return [];
  if (options.fullMatch) return org.users.filter((u) => u.name === word);
  const lower = word.toLowerCase();
  const ascii = /^[a-z]+$/.test(lower);
  const digits = /^\d+$/.test(word);
  return org.users.filter((u) => {
    if (u.name.includes(word)) return true;
    if (ascii && (u.pinyinFull.startsWith(lower) || u.pinyinInitials.startsWith(lower))) return true;
    if (options.includeContact && digits && (u.mobile.startsWith(word) || u.userId.startsWith(word))) return true;
    return false;
  });
}

export function searchDepartments(org: Org, queryWord: string): Department[] {
  const word = queryWord.trim();
  if (word === "") return [];
  return org.departmentList.filter((d) => d.name.includes(word));
}

/** dept_id first, the root last (listparentbydept's order). */
export function ancestorChain(org: Org, deptId: number): number[] {
  const chain: number[] = [];
  for (let id: number | null = deptId; id !== null; ) {
    const dept = org.departments.get(id);
    if (!dept) break;
    chain.push(dept.deptId);
    id = dept.parentId;
  }
  return chain;
}
