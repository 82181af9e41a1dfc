import { afterEach, describe, expect, it, vi } from "vitest";
import { toast, toastResult } from "./toast";

describe("toastResult", () => {
  afterEach(() => vi.restoreAllMocks());

  it("shows an action's message on success, its error on failure, and nothing for a silent success", () => {
    const success = vi.spyOn(toast, "success");
    const error = vi.spyOn(toast, "error");
    toastResult({ ok: true, data: undefined, message: "Granted HR to 张三" });
    toastResult({ ok: false, error: { code: "FORBIDDEN", message: "Your role cannot do this." } });
    toastResult({ ok: true, data: 1 });
    toastResult(null);
    expect(success.mock.calls).toEqual([["Granted HR to 张三"]]);
    expect(error.mock.calls).toEqual([["Your role cannot do this."]]);
  });
});
