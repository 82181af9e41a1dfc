import { describe, expect, it } from "vitest";
import { nodeKind } from "./node-kind";

describe("nodeKind", () => {
  it("tells documents (edited here) from sheets and files (opened in DingTalk)", () => {
    expect(nodeKind({ type: "FOLDER" })).toBe("folder");
    expect(nodeKind({ type: "FILE", category: "ALIDOC", extension: "adoc" })).toBe("document");
    expect(nodeKind({ type: "FILE", category: "ALIDOC", extension: "axls" })).toBe("workbook");
    expect(nodeKind({ type: "FILE", extension: "pdf" })).toBe("file");
    expect(nodeKind({ type: "FILE", category: "ALIDOC", extension: "pdf" })).toBe("file");
  });
});
