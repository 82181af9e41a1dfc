import { describe, expect, it } from "vitest";
import { linear, niceMax, ticks } from "./scale";

describe("chart scales", () => {
  it("rounds the axis up to a friendly number", () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(7)).toBe(10);
    expect(niceMax(18)).toBe(20);
    expect(niceMax(21)).toBe(25);
    expect(niceMax(230)).toBe(250);
    expect(niceMax(1000)).toBe(1000);
  });
  it("spaces ticks evenly from zero and maps values onto the length", () => {
    expect(ticks(18)).toEqual([0, 5, 10, 15, 20]);
    const x = linear(18, 200);
    expect(x(0)).toBe(0);
    expect(x(10)).toBe(100);
    expect(x(50)).toBe(200);
  });
  it("keeps an empty or all-zero chart drawable and never maps below zero", () => {
    expect(ticks(0)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(ticks(3, 2)).toEqual([0, 2.5, 5]);
    expect(linear(0, 100)(0)).toBe(0);
    expect(linear(10, 100)(-5)).toBe(0);
  });
});
