import { describe, expect, it } from "vitest";
import { ApiError } from "../http/errors";
import { validateForm, type FormValueInput } from "./forms";
import { templateByCode } from "./templates";

const expense = templateByCode("PROC-3D9F0B64-EXPENSE");
const trip = templateByCode("PROC-A51C7E90-TRIP");
const general = templateByCode("PROC-5E02B8D1-GENERAL");
if (!expense || !trip || !general) throw new Error("templates missing");

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected the form to be refused");
}

const base: FormValueInput[] = [
  { name: "报销金额", value: "88.80" },
  { name: "报销类别", value: "餐费" },
];

describe("validateForm", () => {
  it("accepts table rows as details or as a JSON value, and stores them as labelled rows", () => {
    const viaDetails = validateForm(expense, [...base, { name: "费用明细", details: [{ details: [{ name: "费用说明", value: "午餐" }, { name: "金额", value: "88.80" }] }] }]);
    const viaJson = validateForm(expense, [...base, { name: "费用明细", value: JSON.stringify([[{ name: "费用说明", value: "午餐" }, { name: "金额", value: "88.80" }]]) }]);
    expect(viaDetails).toEqual(viaJson);
    const table = viaDetails.find((v) => v.componentType === "TableField");
    expect(JSON.parse(table?.value ?? "")).toEqual([{ rowValue: [{ label: "费用说明", key: "TextField_2T4D7E_1", value: "午餐" }, { label: "金额", key: "MoneyField_2T4D7E_2", value: "88.80" }] }]);
  });

  it("matches controls by id as well as by label", () => {
    const values = validateForm(expense, [{ id: "MoneyField_2A1M3C", value: "1" }, { name: "报销类别", value: "其他" }, { name: "费用明细", details: [{ details: [{ name: "费用说明", value: "x" }, { name: "金额", value: "1" }] }] }]);
    expect(values[0]).toMatchObject({ name: "报销金额", value: "1" });
  });

  it("refuses a required table left empty, bad attachments, impossible dates and a return before departure", () => {
    expect(refusal(() => validateForm(expense, base)).message).toMatch(/「费用明细」为必填项/);
    const rows = { name: "费用明细", details: [{ details: [{ name: "费用说明", value: "x" }, { name: "金额", value: "1" }] }] };
    expect(refusal(() => validateForm(expense, [...base, rows, { name: "发票", value: "invoice.pdf" }])).message).toMatch(/「发票」应为附件的 JSON 数组/);
    const tripForm = (from: string, to: string): FormValueInput[] => [
      { name: "出差事由", value: "客户" }, { name: "目的地", value: "上海" }, { name: "出发日期", value: from },
      { name: "返回日期", value: to }, { name: "出差天数", value: "1" }, { name: "交通工具", value: "火车" },
    ];
    expect(refusal(() => validateForm(trip, tripForm("2025-02-30", "2025-03-01"))).message).toMatch(/「出发日期」的格式应为 yyyy-MM-dd/);
    expect(refusal(() => validateForm(trip, tripForm("2025-03-02", "2025-03-01"))).message).toMatch(/「返回日期」不能早于「出发日期」/);
    expect(validateForm(trip, tripForm("2025-03-01", "2025-03-02"))).toHaveLength(6);
    expect(refusal(() => validateForm(trip, tripForm("2025-03-01", "2025-03-02").concat({ name: "目的地", value: "北京" }))).message).toMatch(/填写了不止一次/);
  });

  it("takes multi-selects and date ranges as JSON arrays, checks their options and format, and refuses a value for a text note", () => {
    const content = { name: "申请内容", value: "开通权限" };
    const values = validateForm(general, [content, { name: "涉及部门", value: '["行政","财务"]' }, { name: "起止日期", value: '["2025-03-01","2025-03-03"]' }]);
    expect(values.map((v) => [v.componentType, v.value])).toEqual([
      ["TextareaField", "开通权限"], ["DDMultiSelectField", '["行政","财务"]'], ["DDDateRangeField", '["2025-03-01","2025-03-03"]'],
    ]);
    expect(refusal(() => validateForm(general, [content, { name: "涉及部门", value: '["销售"]' }])).message).toMatch(/「涉及部门」的值「销售」不在选项中/);
    expect(refusal(() => validateForm(general, [content, { name: "涉及部门", value: "行政" }])).message).toMatch(/「涉及部门」应为选项的 JSON 数组/);
    expect(refusal(() => validateForm(general, [content, { name: "起止日期", value: '["2025/03/01","2025-03-03"]' }])).message).toMatch(/「起止日期」应为两个格式为 yyyy-MM-dd/);
    expect(refusal(() => validateForm(general, [content, { name: "起止日期", value: '["2025-03-04","2025-03-03"]' }])).message).toMatch(/结束不能早于开始/);
    expect(refusal(() => validateForm(general, [content, { id: "TextNote_4N0T1A", value: "x" }])).message).toMatch(/是说明文字，不能填写/);
  });
});
