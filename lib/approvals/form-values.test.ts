import { describe, expect, it } from "vitest";
import { formValueText, viewFormValue } from "./form-values";

describe("approval form values", () => {
  it("reads a table's rows as DingTalk returns them, each cell by its own control", () => {
    const value = JSON.stringify([
      { rowValue: [{ label: "费用说明", key: "TextField_1", value: "午餐" }, { label: "金额", key: "MoneyField_2", value: "88.8" }] },
      { rowValue: [{ label: "金额", key: "MoneyField_2", value: "12" }] },
    ]);
    const view = viewFormValue({ name: "费用明细", value, componentType: "TableField" });
    expect(view).toMatchObject({ kind: "table", columns: ["费用说明", "金额"] });
    expect(view.kind === "table" && view.rows[0][1]).toEqual({ kind: "money", name: "金额", amount: 88.8, text: "88.8" });
    expect(view.kind === "table" && view.rows[1][0]).toEqual({ kind: "text", name: "费用说明", text: "" });
    expect(formValueText(view)).toBe("费用说明: 午餐, 金额: 88.80; 费用说明: , 金额: 12.00");
  });

  it("reads date ranges, multi-selects, attachments and money; anything else stays text", () => {
    expect(viewFormValue({ name: "时间", value: '["2026-03-01","2026-03-02"]', componentType: "DDDateRangeField" })).toEqual({ kind: "dateRange", name: "时间", from: "2026-03-01", to: "2026-03-02", extra: null });
    expect(viewFormValue({ name: "部门", value: '["行政","财务"]', componentType: "DDMultiSelectField" })).toEqual({ kind: "list", name: "部门", items: ["行政", "财务"] });
    expect(viewFormValue({ name: "部门", value: "行政,财务", componentType: "DDMultiSelectField" })).toEqual({ kind: "list", name: "部门", items: ["行政", "财务"] });
    expect(formValueText(viewFormValue({ name: "发票", value: '[{"fileName":"a.pdf"},"b.pdf"]', componentType: "DDAttachment" }))).toBe("a.pdf、b.pdf");
    expect(viewFormValue({ name: "金额", value: "abc", componentType: "MoneyField" })).toEqual({ kind: "money", name: "金额", amount: null, text: "abc" });
    // A malformed range is shown as it came rather than lost.
    expect(viewFormValue({ name: "时间", value: "2026-03-01", componentType: "DDDateRangeField" })).toEqual({ kind: "text", name: "时间", text: "2026-03-01" });
    expect(formValueText(viewFormValue({ name: "时间", value: '["2026-03-01","2026-03-02"]', componentType: "DDDateRangeField" }))).toBe("2026-03-01 ~ 2026-03-02");
  });
});
