import type { Department, Org, User } from "./model";

/** A person as `/topapi/v2/user/get` and `/topapi/v2/user/list` return them. */
export function userDetail(org: Org, user: User) {
  return {
    userid: user.userId,
    unionid: user.unionId,
    name: user.name,
    avatar: user.avatar,
    state_code: "86",
    mobile: user.mobile,
    hide_mobile: false,
    telephone: "",
    job_number: user.jobNumber,
    title: user.title,
    email: user.email,
    work_place: user.workPlace,
    remark: user.remark,
    dept_id_list: user.deptIds,
    dept_order_list: user.deptIds.map((deptId) => ({ dept_id: deptId, order: orderIn(org, deptId, user.userId) })),
    extension: "{}",
    hired_date: user.hiredDate,
    active: user.active,
    real_authed: user.active,
    senior: user.senior,
    admin: user.admin,
    boss: user.boss,
    exclusive_account: false,
    leader_in_dept: user.deptIds.map((deptId) => ({
      dept_id: deptId,
      leader: org.departments.get(deptId)?.managerUserIds.includes(user.userId) ?? false,
    })),
    ...(user.managerUserId ? { manager_userid: user.managerUserId } : {}),
  };
}

function orderIn(org: Org, deptId: number, userId: string): number {
  const members = org.departments.get(deptId)?.memberIds;
  // The position among the department's members; only computed per returned person.
  return members ? members.indexOf(userId) + 1 : 0;
}

/** A department as `/topapi/v2/department/get` returns it. */
export function departmentDetail(dept: Department) {
  return {
    dept_id: dept.deptId,
    name: dept.name,
    ...(dept.parentId !== null ? { parent_id: dept.parentId } : {}),
    order: dept.order,
    create_dept_group: dept.createDeptGroup,
    auto_add_user: dept.autoAddUser,
    dept_manager_userid_list: dept.managerUserIds,
    member_count: dept.memberCount,
    brief: dept.brief,
    hide_dept: false,
    outer_dept: false,
  };
}

/** A child department as `/topapi/v2/department/listsub` lists them. */
export function departmentSummary(dept: Department) {
  return {
    dept_id: dept.deptId,
    name: dept.name,
    ...(dept.parentId !== null ? { parent_id: dept.parentId } : {}),
    create_dept_group: dept.createDeptGroup,
    auto_add_user: dept.autoAddUser,
  };
}
