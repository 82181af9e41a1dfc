import type { Department, Org, User } from "../org/model";
import type { DivisionKind } from "../org/names";

/** Form controls the templates use, named as DingTalk's form designer names them. */
export type ComponentName =
  | "TextField" | "TextareaField" | "NumberField" | "MoneyField" | "DDSelectField"
  | "DDMultiSelectField" | "DDDateField" | "DDDateRangeField" | "TableField" | "TextNote" | "DDAttachment" | "DDPhotoField";

export interface FormComponent {
  readonly componentName: ComponentName;
  readonly props: {
    readonly id: string;
    readonly label: string;
    readonly required: boolean;
    readonly placeholder?: string;
    /** DDDateField and DDDateRangeField: "yyyy-MM-dd" or "yyyy-MM-dd HH:mm". */
    readonly format?: string;
    readonly unit?: string;
    readonly bizAlias?: string;
    readonly actionName?: string;
    readonly options?: readonly { key: string; value: string }[];
  };
  /** TableField columns. */
  readonly children?: readonly FormComponent[];
}

export interface ProcessTemplate {
  readonly processCode: string;
  readonly name: string;
  readonly dirId: string;
  readonly dirName: string;
  readonly iconName: string;
  readonly items: readonly FormComponent[];
  /** How many levels of the originator's manager chain approve, one after another. */
  readonly managerLevels: number;
  /** Divisions whose members see the template; absent means everyone. */
  readonly visibleTo?: readonly DivisionKind[];
  /** Labels of two date controls whose second must not come before the first. */
  readonly dateRange?: readonly [string, string];
  /** Which kind of sample form the seeded history fills in. */
  readonly sample: "leave" | "expense" | "trip" | "general" | "purchase" | "contract" | "overtime" | "seal";
}

const options = (...values: string[]) => values.map((value, i) => ({ key: `option_${i}`, value }));

const text = (id: string, label: string, required: boolean, placeholder = "请输入"): FormComponent => ({
  componentName: "TextField", props: { id: `TextField_${id}`, label, required, placeholder },
});
const textarea = (id: string, label: string, required: boolean, placeholder = "请输入"): FormComponent => ({
  componentName: "TextareaField", props: { id: `TextareaField_${id}`, label, required, placeholder },
});
const number = (id: string, label: string, required: boolean, unit?: string): FormComponent => ({
  componentName: "NumberField", props: { id: `NumberField_${id}`, label, required, placeholder: "请输入数字", unit },
});
const money = (id: string, label: string, required: boolean): FormComponent => ({
  componentName: "MoneyField", props: { id: `MoneyField_${id}`, label, required, placeholder: "请输入金额", unit: "元" },
});
const select = (id: string, label: string, required: boolean, values: string[]): FormComponent => ({
  componentName: "DDSelectField", props: { id: `DDSelectField_${id}`, label, required, placeholder: "请选择", options: options(...values) },
});
const date = (id: string, label: string, required: boolean, format: "yyyy-MM-dd" | "yyyy-MM-dd HH:mm"): FormComponent => ({
  componentName: "DDDateField", props: { id: `DDDateField_${id}`, label, required, placeholder: "请选择", format },
});
const multiSelect = (id: string, label: string, required: boolean, values: string[]): FormComponent => ({
  componentName: "DDMultiSelectField", props: { id: `DDMultiSelectField_${id}`, label, required, placeholder: "请选择", options: options(...values) },
});
const dateRange = (id: string, label: string, required: boolean, format: "yyyy-MM-dd" | "yyyy-MM-dd HH:mm"): FormComponent => ({
  componentName: "DDDateRangeField", props: { id: `DDDateRangeField_${id}`, label, required, placeholder: "请选择", format },
});
/** Text shown on the form; it takes no value. */
const note = (id: string, content: string): FormComponent => ({
  componentName: "TextNote", props: { id: `TextNote_${id}`, label: content, required: false },
});
const photo = (id: string, label: string, required: boolean): FormComponent => ({
  componentName: "DDPhotoField", props: { id: `DDPhotoField_${id}`, label, required },
});
const attachment = (id: string, label: string, required: boolean): FormComponent => ({
  componentName: "DDAttachment", props: { id: `DDAttachment_${id}`, label, required },
});

export const LEAVE_TYPES = ["年假", "事假", "病假", "调休", "婚假", "产假", "丧假"];
export const EXPENSE_CATEGORIES = ["差旅费", "交通费", "餐费", "办公用品", "招待费", "其他"];

/** The org's approval templates. Codes are fixed so scripts and docs can name them. */
export const TEMPLATES: readonly ProcessTemplate[] = [
  {
    processCode: "PROC-7C1E5A2B-LEAVE", name: "请假", dirId: "dir_hr", dirName: "人事", iconName: "leave",
    managerLevels: 2, sample: "leave", dateRange: ["开始时间", "结束时间"],
    items: [
      select("1K2Q4B", "请假类型", true, LEAVE_TYPES),
      date("1S7F0C", "开始时间", true, "yyyy-MM-dd HH:mm"),
      date("1E3N8D", "结束时间", true, "yyyy-MM-dd HH:mm"),
      number("1D9H2E", "请假天数", true, "天"),
      textarea("1R5T6F", "请假事由", true),
    ],
  },
  {
    processCode: "PROC-3D9F0B64-EXPENSE", name: "报销", dirId: "dir_finance", dirName: "财务", iconName: "expense",
    managerLevels: 2, sample: "expense",
    items: [
      money("2A1M3C", "报销金额", true),
      select("2C8K1D", "报销类别", true, EXPENSE_CATEGORIES),
      {
        componentName: "TableField",
        props: { id: "TableField_2T4D7E", label: "费用明细", required: true, actionName: "增加明细" },
        children: [
          text("2T4D7E_1", "费用说明", true),
          money("2T4D7E_2", "金额", true),
          date("2T4D7E_3", "发生日期", false, "yyyy-MM-dd"),
        ],
      },
      attachment("2F6P0G", "发票", false),
      textarea("2N3R5H", "备注", false),
    ],
  },
  {
    processCode: "PROC-A51C7E90-TRIP", name: "出差", dirId: "dir_admin", dirName: "行政", iconName: "trip",
    managerLevels: 1, sample: "trip", dateRange: ["出发日期", "返回日期"],
    items: [
      text("3R1S2A", "出差事由", true),
      text("3D4E5B", "目的地", true),
      date("3S6T7C", "出发日期", true, "yyyy-MM-dd"),
      date("3E8R9D", "返回日期", true, "yyyy-MM-dd"),
      number("3D0Y1E", "出差天数", true, "天"),
      select("3V2H3F", "交通工具", true, ["飞机", "火车", "汽车", "其他"]),
      textarea("3P4C5G", "同行人", false),
    ],
  },
  {
    processCode: "PROC-5E02B8D1-GENERAL", name: "通用审批", dirId: "dir_other", dirName: "其他", iconName: "general",
    managerLevels: 2, sample: "general",
    items: [
      note("4N0T1A", "请写明申请的事项和原因，审批通过后由行政跟进。"),
      textarea("4C1T2A", "申请内容", true),
      textarea("4D3E4B", "审批详情", false),
      multiSelect("4M7S8D", "涉及部门", false, ["行政", "财务", "人事", "技术"]),
      dateRange("4R9D0E", "起止日期", false, "yyyy-MM-dd"),
      attachment("4A5F6C", "附件", false),
      photo("4P1H2F", "图片", false),
    ],
  },
  {
    processCode: "PROC-9B47E3F2-PURCHASE", name: "采购申请", dirId: "dir_admin", dirName: "行政", iconName: "purchase",
    managerLevels: 2, sample: "purchase", visibleTo: ["admin", "finance"],
    items: [
      text("5R1S2A", "采购事由", true),
      select("5T3Y4B", "采购类型", true, ["办公用品", "IT设备", "其他"]),
      money("5A5M6C", "预计金额", true),
      date("5D7T8D", "期望交付日期", false, "yyyy-MM-dd"),
    ],
  },
  {
    processCode: "PROC-2F8A6C13-CONTRACT", name: "合同审批", dirId: "dir_legal", dirName: "法务", iconName: "contract",
    managerLevels: 1, sample: "contract", visibleTo: ["sales", "legal", "branch"],
    items: [
      text("6N1A2A", "合同名称", true),
      text("6C3U4B", "客户名称", true),
      money("6A5M6C", "合同金额", true),
      attachment("6F7I8D", "合同附件", false),
    ],
  },
  {
    processCode: "PROC-4C6D1E87-OVERTIME", name: "加班", dirId: "dir_hr", dirName: "人事", iconName: "overtime",
    managerLevels: 1, sample: "overtime",
    items: [
      date("7S1T2A", "开始时间", true, "yyyy-MM-dd HH:mm"),
      number("7H3R4B", "加班时长", true, "小时"),
      textarea("7R5E6C", "加班原因", true),
    ],
  },
  {
    processCode: "PROC-8E3B5A09-SEAL", name: "用印申请", dirId: "dir_admin", dirName: "行政", iconName: "seal",
    managerLevels: 2, sample: "seal",
    items: [
      select("8S1L2A", "印章类型", true, ["公章", "合同章", "财务章"]),
      text("8F3N4B", "文件名称", true),
      number("8C5P6C", "用印份数", true, "份"),
    ],
  },
];

/** The templates the seeded history uses; the later ones start empty so that the history stays as it was. */
export const HISTORY_TEMPLATES: readonly ProcessTemplate[] = TEMPLATES.filter((t) => t.sample !== "overtime" && t.sample !== "seal");

const BY_CODE = new Map(TEMPLATES.map((t) => [t.processCode, t]));

export function templateByCode(processCode: string): ProcessTemplate | undefined {
  return BY_CODE.get(processCode);
}

function divisionsOf(org: Org, user: User): Set<Department["kind"]> {
  const kinds = new Set<Department["kind"]>();
  for (const deptId of user.deptIds) {
    const dept = org.departments.get(deptId);
    if (dept) kinds.add(dept.kind);
  }
  return kinds;
}

/** Whether a person may see (and so start) a template: the template's visible range. */
export function canSee(org: Org, user: User, template: ProcessTemplate): boolean {
  if (!template.visibleTo) return true;
  const kinds = divisionsOf(org, user);
  return template.visibleTo.some((kind) => kinds.has(kind));
}

export function visibleTemplates(org: Org, user: User): ProcessTemplate[] {
  return TEMPLATES.filter((t) => canSee(org, user, t));
}
