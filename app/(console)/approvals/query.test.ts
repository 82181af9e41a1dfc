import { describe, expect, it } from "vitest";
import { approvalsListState, filterOf, listHref, toFilter, toListInput, trackingHref, trackingState } from "./query";

// The approvals pages' URL: the same filters on the tracking page and the list, carried between them.

describe("approvals URL state", () => {
  it("reads templates as a list of codes, drops what cannot be one, and ignores bad values on pages", () => {
    const q = approvalsListState.parse({ tpl: "PROC-A,PROC-B,PROC-A,bad code,<x>", status: "LOST", result: "agree", overdue: "1", dept: "1e30", page: "0", sort: "title" });
    expect(q.tpl).toEqual(["PROC-A", "PROC-B"]);
    expect(q.status).toBeUndefined();
    expect(q.result).toBe("agree");
    expect(q.overdue).toBe(true);
    expect(q.dept).toBeUndefined();
    expect(q.page).toBe(1);
    expect(toListInput(q)).toMatchObject({ processCodes: ["PROC-A", "PROC-B"], result: "agree", overdue: true, sort: "title", dir: "desc", page: 1, pageSize: 50 });
  });

  it("refuses a malformed export query with 400 naming the parameter", () => {
    const found = approvalsListState.parseRoute(new URLSearchParams("status=LOST&from=2026-02-30"));
    expect(found.ok).toBe(false);
    if (!found.ok) {
      expect(found.response.status).toBe(400);
      expect(found.issues.map((i) => i.param).sort()).toEqual(["from", "status"]);
    }
  });

  it("carries the filters from the tracking page to the list and back, leaving defaults out", () => {
    const tracking = trackingState.parse({ tpl: "PROC-A", by: "u1", dept: "10", sub: "0", from: "2026-06-01", q: "回老家" });
    const list = listHref(tracking, { status: "RUNNING" });
    expect(list).toBe("/approvals/list?tpl=PROC-A&status=RUNNING&by=u1&dept=10&sub=0&from=2026-06-01&q=%E5%9B%9E%E8%80%81%E5%AE%B6");
    const back = approvalsListState.parse(Object.fromEntries(new URL(list, "http://x").searchParams));
    expect(toFilter(back)).toMatchObject({ processCodes: ["PROC-A"], status: "RUNNING", originatorUserId: "u1", deptId: 10, includeSubDepts: false, from: "2026-06-01", q: "回老家" });
    expect(trackingHref(filterOf(back))).toBe("/approvals?tpl=PROC-A&status=RUNNING&by=u1&dept=10&sub=0&from=2026-06-01&q=%E5%9B%9E%E8%80%81%E5%AE%B6");
    expect(trackingHref(trackingState.parse({}))).toBe("/approvals");
  });
});
