import { describe, expect, it } from "vitest";
import { leaveDaysOf } from "./leave-changes";

describe("the days a leave approval covers", () => {
  it("reads the emulator's and DingTalk's leave forms, and nothing from other forms", () => {
    expect(leaveDaysOf([{ name: "请假类型", value: "年假" }, { name: "开始时间", value: "2026-03-02 09:00" }, { name: "结束时间", value: "2026-03-03 18:00" }])).toEqual({ from: "2026-03-02", to: "2026-03-03" });
    expect(leaveDaysOf([{ name: "请假", value: '["2026-03-05 上午","2026-03-05 下午",0.5,"halfDay","事假"]', componentType: "DDHolidayField" }])).toEqual({ from: "2026-03-05", to: "2026-03-05" });
    expect(leaveDaysOf([{ name: "报销金额", value: "120" }])).toBeNull();
    expect(leaveDaysOf([{ name: "开始时间", value: "2026-03-04" }, { name: "结束时间", value: "2026-03-02" }])).toBeNull();
    expect(leaveDaysOf([{ name: "开始时间", value: "2026-02-30" }, { name: "结束时间", value: "2026-03-02" }])).toBeNull();
  });
});
