import type { DingTalkClient, DingTalkUser } from "@/lib/dingtalk";

export interface DepartmentView {
  department: { deptId: number; name: string };
  path: { deptId: number; name: string }[];
  children: { deptId: number; name: string }[];
  managers: string[];
  members: DingTalkUser[];
  nextCursor?: number;
}

const PAGE_SIZE = 50;

/** One department as the browse page shows it: its path from the root, children, managers and a page of members. */
export async function loadDepartmentView(client: DingTalkClient, deptId: number, cursor: number): Promise<DepartmentView> {
  const [department, parentIds, children, page] = await Promise.all([
    client.departments.getDepartment(deptId),
    client.departments.listParentIdsByDept(deptId),
    client.departments.listSubDepartments(deptId),
    client.contacts.listUsers(deptId, { cursor, size: PAGE_SIZE }),
  ]);
  const ancestors = parentIds.filter((id) => id !== deptId).reverse();
  const [ancestorDepts, managers] = await Promise.all([
    Promise.all(ancestors.map((id) => client.departments.getDepartment(id))),
    Promise.all(department.deptManagerUserIds.slice(0, 5).map((id) => client.contacts.getUser(id).then((u) => u.name))),
  ]);
  return {
    department: { deptId: department.deptId, name: department.name },
    path: [...ancestorDepts, department].map((d) => ({ deptId: d.deptId, name: d.name })),
    children: children.map((c) => ({ deptId: c.deptId, name: c.name })),
    managers,
    members: page.users,
    nextCursor: page.hasMore ? page.nextCursor : undefined,
  };
}
