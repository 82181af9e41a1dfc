import { describe, expect, it } from "vitest";
import { maskEmail, maskMobile } from "./privacy";

describe("privacy masks", () => {
  it("keeps the first three and last four digits of a mobile", () => {
    expect(maskMobile("13812345678")).toBe("138****5678");
    expect(maskMobile("")).toBe("");
    expect(maskMobile("12345")).toBe("*****");
  });
  it("keeps the first letter and the domain of an email", () => {
    expect(maskEmail("zhangsan@corp.example")).toBe("z***@corp.example");
    expect(maskEmail("bad")).toBe("***");
  });
});
