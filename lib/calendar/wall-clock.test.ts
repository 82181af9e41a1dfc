import { describe, expect, it } from "vitest";
import { dayOfWall, instantOfWall, wallTime } from "./wall-clock";

describe("wall clock for the calendar view", () => {
  it("shows Shanghai hours and reads them back as the same instant", () => {
    const instant = "2026-03-01T18:30:00.000Z"; // 02:30 on March 2nd in Shanghai
    expect(wallTime(instant)).toBe("2026-03-02T02:30:00");
    const viewDate = new Date(`${wallTime(instant)}Z`);
    expect(instantOfWall(viewDate).toISOString()).toBe(instant);
    expect(dayOfWall(viewDate)).toBe("2026-03-02");
  });
});
