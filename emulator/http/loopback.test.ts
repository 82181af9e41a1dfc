import { describe, expect, it } from "vitest";
import { isLoopback } from "./loopback";

describe("isLoopback", () => {
  it("accepts only this machine's loopback addresses", () => {
    for (const a of ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"]) expect(isLoopback(a), a).toBe(true);
    for (const a of ["192.168.1.20", "10.0.0.1", "", "::ffff:10.0.0.1", "1270.0.0.1", "fe80::1"]) expect(isLoopback(a), a).toBe(false);
  });
});
