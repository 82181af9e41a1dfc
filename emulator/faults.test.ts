import { describe, expect, it } from "vitest";
import { FaultTable, faultSpecSchema } from "./faults";

describe("FaultTable", () => {
  it("applies to the next N matching calls only", () => {
    const table = new FaultTable();
    table.add(faultSpecSchema.parse({ path: "/topapi/v2/user/get", error: { errcode: -1 }, times: 2 }));
    expect(table.apply("POST", "/topapi/v2/user/list")).toBeNull();
    expect(table.apply("POST", "/topapi/v2/user/get")?.error).toEqual({ errcode: -1 });
    expect(table.apply("POST", "/topapi/v2/user/get")?.error).toEqual({ errcode: -1 });
    expect(table.apply("POST", "/topapi/v2/user/get")).toBeNull();
    expect(table.size).toBe(0);
  });

  it("matches method and path prefixes, and adds latency", () => {
    const table = new FaultTable();
    table.add(faultSpecSchema.parse({ path: "/v1.0/contact/*", method: "post", latencyMs: 30 }));
    expect(table.apply("GET", "/v1.0/contact/users/me")).toBeNull();
    expect(table.apply("POST", "/v1.0/contact/users/search")).toEqual({ latencyMs: 30, drop: false, error: null });
  });

  it("fires errors at the given rate", () => {
    const table = new FaultTable();
    table.add(faultSpecSchema.parse({ path: "/x", errorRate: 0.5, error: { status: 503, code: "ServiceUnavailable" } }));
    expect(table.apply("GET", "/x", () => 0.4)?.error).toEqual({ status: 503, code: "ServiceUnavailable" });
    expect(table.apply("GET", "/x", () => 0.6)?.error).toBeNull();
  });

  it("refuses a fault that does nothing", () => {
    expect(faultSpecSchema.safeParse({ path: "/x" }).success).toBe(false);
    expect(faultSpecSchema.safeParse({ path: "x", drop: true }).success).toBe(false);
  });
});
