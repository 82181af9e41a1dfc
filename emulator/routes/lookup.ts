import { oapiErrors } from "../http/errors";
import type { Department, Org, User } from "../org/model";

/** The person, or oapi 60121. */
export function requireUser(org: Org, userId: string): User {
  const user = org.usersById.get(userId);
  if (!user) throw oapiErrors.userNotFound();
  return user;
}

/** The department, or oapi 60003. */
export function requireDept(org: Org, deptId: number): Department {
  const dept = org.departments.get(deptId);
  if (!dept) throw oapiErrors.deptNotFound();
  return dept;
}
