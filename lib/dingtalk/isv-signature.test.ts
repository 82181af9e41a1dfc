import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isvSignature } from "./isv-signature";

describe("isvSignature", () => {
  it("matches HmacSHA256(suiteSecret, timestamp + \\n + suiteTicket), base64, url-encoded", () => {
    const input = { suiteSecret: "suite-secret-0123456789", suiteTicket: "TestSuiteTicket", timestamp: 1_700_000_000_000 };
    const expected = encodeURIComponent(createHmac("sha256", input.suiteSecret).update("1700000000000\nTestSuiteTicket").digest("base64"));
    expect(isvSignature(input)).toBe(expected);
    expect(isvSignature({ ...input, timestamp: "1700000000000" })).toBe(expected);
  });

  it("url-encodes base64's + / = characters", () => {
    // Some vector must contain one of them; these inputs do (checked against the raw digest).
    const raw = createHmac("sha256", "k").update("1\nt").digest("base64");
    expect(raw).toMatch(/[+/=]/);
    const signed = isvSignature({ suiteSecret: "k", suiteTicket: "t", timestamp: 1 });
    expect(signed).not.toMatch(/[+/=]/);
    expect(decodeURIComponent(signed)).toBe(raw);
  });

  it("changes with the ticket and refuses empty input", () => {
    const a = isvSignature({ suiteSecret: "s", suiteTicket: "a", timestamp: 5 });
    expect(isvSignature({ suiteSecret: "s", suiteTicket: "b", timestamp: 5 })).not.toBe(a);
    expect(() => isvSignature({ suiteSecret: "", suiteTicket: "a", timestamp: 5 })).toThrow(/suiteSecret/);
    expect(() => isvSignature({ suiteSecret: "s", suiteTicket: "a", timestamp: "soon" })).toThrow(/timestamp/);
  });
});
