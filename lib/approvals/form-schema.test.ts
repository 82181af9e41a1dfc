import { describe, expect, it } from "vitest";
import type { FormSchemaComponent } from "@/lib/dingtalk/workflow";
import { translatorFor } from "@/lib/i18n/translator";
import {
  blockingComponents, componentKind, emptyValues, fieldNamedBy, formErrors, formSchema, matchesDateFormat, toFormComponentValues,
  type FormValues, type TranslateKey,
} from "./form-schema";

const c = (componentName: string, id: string, label: string, extra: Partial<FormSchemaComponent> = {}): FormSchemaComponent => ({
  componentName, id, label, required: false, options: [], children: [], ...extra,
});
const opts = (...values: string[]) => values.map((value, i) => ({ key: `o${i}`, value }));

// One control of every kind the console fills in, as a template's schema names them.
const ITEMS: FormSchemaComponent[] = [
  c("TextNote", "note", "请按制度填写"),
  c("TextField", "text", "事由", { required: true }),
  c("TextareaField", "area", "说明"),
  c("NumberField", "num", "天数", { required: true, unit: "天" }),
  c("MoneyField", "money", "金额"),
  c("DDSelectField", "sel", "类型", { required: true, options: opts("年假", "事假") }),
  c("DDMultiSelectField", "multi", "部门", { options: opts("行政", "财务") }),
  c("DDDateField", "start", "开始时间", { required: true, format: "yyyy-MM-dd HH:mm" }),
  c("DDDateRangeField", "range", "起止日期", { format: "yyyy-MM-dd" }),
  c("TableField", "table", "明细", {
    required: true,
    children: [c("TextField", "t1", "费用说明", { required: true }), c("MoneyField", "t2", "金额", { required: true }), c("DDDateField", "t3", "日期", { format: "yyyy-MM-dd" })],
  }),
  c("DDAttachment", "file", "附件"),
];

const t = translatorFor("en") as unknown as TranslateKey;
const zh = translatorFor("zh-CN") as unknown as TranslateKey;

const good = (): FormValues => ({
  text: "回家",
  area: "",
  num: "2",
  money: "12.50",
  sel: "年假",
  multi: ["财务"],
  start: "2026-03-02 09:00",
  range: ["2026-03-02", "2026-03-03"],
  table: [{ t1: "车费", t2: "30", t3: "2026-03-02" }],
});

function errorsOf(values: FormValues, translate: TranslateKey = t): Record<string, string[]> {
  const r = formSchema(ITEMS).safeParse(values);
  return r.success ? {} : formErrors(r.error, translate);
}

describe("form schema", () => {
  it("knows which controls it fills, which it only shows, and which need DingTalk", () => {
    expect(ITEMS.map(componentKind)).toEqual(["shown", "fillable", "fillable", "fillable", "fillable", "fillable", "fillable", "fillable", "fillable", "fillable", "unsupported"]);
    expect(blockingComponents(ITEMS)).toEqual([]);
    expect(blockingComponents([...ITEMS, c("DDPhotoField", "photo", "照片", { required: true })]).map((x) => x.id)).toEqual(["photo"]);
    expect(Object.keys(emptyValues(ITEMS)).sort()).toEqual(["area", "money", "multi", "num", "range", "sel", "start", "table", "text"]);
  });

  it("accepts a well-filled form and turns it into DingTalk's values: JSON arrays, table rows, empty ones left out", () => {
    expect(errorsOf(good())).toEqual({});
    expect(toFormComponentValues(ITEMS, good())).toEqual([
      { name: "事由", id: "text", componentType: "TextField", value: "回家" },
      { name: "天数", id: "num", componentType: "NumberField", value: "2" },
      { name: "金额", id: "money", componentType: "MoneyField", value: "12.50" },
      { name: "类型", id: "sel", componentType: "DDSelectField", value: "年假" },
      { name: "部门", id: "multi", componentType: "DDMultiSelectField", value: '["财务"]' },
      { name: "开始时间", id: "start", componentType: "DDDateField", value: "2026-03-02 09:00" },
      { name: "起止日期", id: "range", componentType: "DDDateRangeField", value: '["2026-03-02","2026-03-03"]' },
      { name: "明细", id: "table", componentType: "TableField", rows: [[{ name: "费用说明", id: "t1", value: "车费" }, { name: "金额", id: "t2", value: "30" }, { name: "日期", id: "t3", value: "2026-03-02" }]] },
    ]);
  });

  it("puts each mistake on its own field, table cells by row, in the person's language", () => {
    const errors = errorsOf({
      text: "  ", num: "two", money: "1.234", sel: "婚假", multi: ["销售"], start: "2026/03/02 09:00", range: ["2026-03-05", "2026-03-02"],
      table: [{ t1: "", t2: "-1", t3: "03-02" }],
    });
    expect(errors).toEqual({
      text: ["Required"],
      num: ["Enter a number"],
      money: ["Enter an amount (0 or more, at most two decimals)"],
      sel: ["Choose one of the options"],
      multi: ["Choose one of the options"],
      start: ["Use the date format yyyy-MM-dd HH:mm"],
      range: ["The end must not be before the start"],
      "table.0.t1": ["Required"],
      "table.0.t2": ["Enter an amount (0 or more, at most two decimals)"],
      "table.0.t3": ["Use the date format yyyy-MM-dd"],
    });
    expect(errorsOf({ ...good(), start: "2026-03-02" }, zh)).toEqual({ start: ["日期格式应为 yyyy-MM-dd HH:mm"] });
    expect(errorsOf({ ...good(), table: [] })).toEqual({ table: ["Fill in at least one row"] });
    expect(errorsOf({ ...good(), range: ["2026-03-02", ""] })).toEqual({ range: ["Use the date format yyyy-MM-dd"] });
    expect(errorsOf({ ...good(), text: "x".repeat(201) })).toEqual({ text: ["At most 200 characters"] });
  });

  it("checks dates against the control's own format, and that they exist", () => {
    expect(matchesDateFormat("2026-02-28", "yyyy-MM-dd")).toBe(true);
    expect(matchesDateFormat("2026-02-29", "yyyy-MM-dd")).toBe(false);
    expect(matchesDateFormat("2026-02-28 24:00", "yyyy-MM-dd HH:mm")).toBe(false);
    expect(matchesDateFormat("2026-02-28 23:59", "yyyy-MM-dd HH:mm")).toBe(true);
    expect(matchesDateFormat("2026-02", "yyyy-MM")).toBe(true);
    expect(matchesDateFormat("2026-2-28", "yyyy-MM-dd")).toBe(false);
  });

  it("finds the field a refusal from DingTalk names, down to a table's cell", () => {
    expect(fieldNamedBy(ITEMS, "表单校验失败：「开始时间」的格式应为 yyyy-MM-dd HH:mm，收到「x」")).toBe("start");
    expect(fieldNamedBy(ITEMS, "表单校验失败：「明细」第 2 行「金额」必须是不小于 0 的金额")).toBe("table.1.t2");
    expect(fieldNamedBy(ITEMS, "表单校验失败：「明细」为必填项")).toBe("table");
    expect(fieldNamedBy(ITEMS, "审批模板不存在")).toBeUndefined();
  });
});
