import { describe, expect, it } from "vitest";
import { DingTalkError } from "@/lib/dingtalk/errors";
import { asDocsRefusal, DocsRefusal } from "./refusals";

const api = (httpStatus: number, code: string) => new DingTalkError({ host: "api", httpStatus, code, message: "没有权限", retryable: false, requestId: "req-1" });

describe("asDocsRefusal", () => {
  it("reads DingTalk's 403 on a document as the person's own permission, keeping the request id", () => {
    const refusal = asDocsRefusal(api(403, "Forbidden.AccessDenied"));
    expect(refusal).toBeInstanceOf(DocsRefusal);
    expect(refusal).toMatchObject({ code: "DOCS_NO_ACCESS", requestId: "req-1" });
    expect(asDocsRefusal(api(404, "notFound"))).toMatchObject({ code: "DOCS_NOT_FOUND" });
  });

  it("leaves the app's missing scope, rate and quota refusals, and anything else, to the general words", () => {
    for (const code of ["Forbidden.AccessDenied.AccessTokenPermissionDenied", "Forbidden.AccessDenied.QpsLimitForApi", "Forbidden.AccessDenied.ApiCountLimitForOrg"]) {
      const error = api(403, code);
      expect(asDocsRefusal(error), code).toBe(error);
    }
    const oapi = new DingTalkError({ host: "oapi", code: "60011", message: "no permission", retryable: false });
    expect(asDocsRefusal(oapi)).toBe(oapi);
    const other = new Error("bug");
    expect(asDocsRefusal(other)).toBe(other);
  });
});
