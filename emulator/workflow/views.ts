import { instanceUrl } from "./engine";
import type { Instance } from "./model";
import type { FormComponent, ProcessTemplate } from "./templates";

/** The new host's time format in approval replies: UTC to the minute, "2022-08-31T11:52Z". */
export function apiTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : `${new Date(ms).toISOString().slice(0, 16)}Z`;
}

/** The old host's time format: "yyyy-MM-dd HH:mm:ss" in Asia/Shanghai. */
export function oapiTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** Who approves the instance: everyone a task was ever opened for, in order. */
function approverUserIds(instance: Instance): string[] {
  const ids = new Set<string>();
  for (const node of instance.nodes) for (const id of node.userIds) ids.add(id);
  for (const task of instance.tasks) ids.add(task.userId);
  return [...ids];
}

export function templateListItem(template: ProcessTemplate, baseUrl: string) {
  return {
    processCode: template.processCode,
    name: template.name,
    iconUrl: `${baseUrl}/static/approval-icons/${template.iconName}.png`,
    url: `${baseUrl}/approval/start?processCode=${template.processCode}`,
    dirId: template.dirId,
    dirName: template.dirName,
  };
}

/**
 * `GET /v1.0/workflow/processes/managements/templates` item, named as the SDK names it
 * (GetManageProcessByStaffIdResponseBodyResult): `flowTitle`, not `name`.
 */
export function managedTemplateItem(template: ProcessTemplate, baseUrl: string) {
  return {
    processCode: template.processCode,
    flowTitle: template.name,
    iconName: template.iconName,
    iconUrl: `${baseUrl}/static/approval-icons/${template.iconName}.png`,
    attendanceType: template.sample === "leave" ? 2 : 0,
    newProcess: true,
    gmtModified: "2026-01-05T02:00Z",
  };
}

function componentView(component: FormComponent): Record<string, unknown> {
  return {
    componentName: component.componentName,
    props: { ...component.props, ...(component.props.options ? { options: component.props.options.map((o) => ({ ...o })) } : {}) },
    ...(component.children ? { children: component.children.map(componentView) } : {}),
  };
}

/** `GET /v1.0/workflow/forms/schemas/processCodes` result. */
export function schemaView(template: ProcessTemplate) {
  return {
    name: template.name,
    memo: "",
    icon: template.iconName,
    formCode: template.processCode,
    status: "PUBLISHED",
    schemaContent: { title: template.name, icon: template.iconName, items: template.items.map(componentView) },
  };
}

/** `GET /v1.0/workflow/processInstances` result. */
export function instanceView(instance: Instance, corpId: string) {
  return {
    title: instance.title,
    status: instance.status,
    result: instance.result,
    businessId: instance.businessId,
    originatorUserId: instance.originatorUserId,
    originatorDeptId: String(instance.originatorDeptId),
    originatorDeptName: instance.originatorDeptName,
    createTime: apiTime(instance.createTime),
    finishTime: apiTime(instance.finishTime),
    bizAction: "NONE",
    attachedProcessInstanceIds: [],
    formComponentValues: instance.formComponentValues.map((v) => ({ ...v })),
    approverUserIds: approverUserIds(instance),
    ccUserIds: [...instance.ccUserIds],
    operationRecords: instance.operationRecords.map((r) => ({
      userId: r.userId,
      date: apiTime(r.date),
      type: r.type,
      result: r.result,
      showName: r.showName,
      ...(r.remark !== undefined ? { remark: r.remark } : {}),
      ...(r.activityId ? { activityId: r.activityId } : {}),
      ...(r.ccUserIds ? { ccUserIds: [...r.ccUserIds] } : {}),
    })),
    tasks: instance.tasks.map((t) => ({
      taskId: t.taskId,
      processInstanceId: instance.processInstanceId,
      userId: t.userId,
      status: t.status,
      result: t.result,
      activityId: t.activityId,
      createTime: apiTime(t.createTime),
      finishTime: apiTime(t.finishTime),
      pcUrl: instanceUrl(corpId, instance.processInstanceId, t.taskId),
      mobileUrl: instanceUrl(corpId, instance.processInstanceId, t.taskId),
    })),
  };
}

/** `POST oapi /topapi/processinstance/get` `process_instance`, in the old host's snake_case. */
export function legacyInstanceView(instance: Instance, corpId: string) {
  return {
    title: instance.title,
    status: instance.status,
    result: instance.result,
    business_id: instance.businessId,
    originator_userid: instance.originatorUserId,
    originator_dept_id: String(instance.originatorDeptId),
    originator_dept_name: instance.originatorDeptName,
    create_time: oapiTime(instance.createTime),
    finish_time: oapiTime(instance.finishTime),
    biz_action: "NONE",
    attached_process_instance_ids: [],
    approver_userids: approverUserIds(instance),
    cc_userids: [...instance.ccUserIds],
    form_component_values: instance.formComponentValues.map((v) => ({
      id: v.id, name: v.name, value: v.value, component_type: v.componentType,
      ...(v.extValue ? { ext_value: v.extValue } : {}),
    })),
    operation_records: instance.operationRecords.map((r) => ({
      userid: r.userId,
      date: oapiTime(r.date),
      operation_type: r.type,
      operation_result: r.result,
      ...(r.remark !== undefined ? { remark: r.remark } : {}),
    })),
    tasks: instance.tasks.map((t) => ({
      taskid: String(t.taskId),
      userid: t.userId,
      task_status: t.status,
      task_result: t.result,
      activity_id: t.activityId,
      create_time: oapiTime(t.createTime),
      finish_time: oapiTime(t.finishTime),
      url: instanceUrl(corpId, instance.processInstanceId, t.taskId),
    })),
  };
}
